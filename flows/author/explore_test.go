package author

import (
	"testing"
	"time"

	"github.com/unstuck-dev/unstuck/flows"
)

var t0 = time.Date(2026, 3, 14, 15, 9, 26, 0, time.FixedZone("CET", 3600))

func TestExploreReachesEndsThatDependOnEarlierAnswers(t *testing.T) {
	f, diags := flows.Parse("later.yaml", []byte(`flow: later
title: Later
start: q
nodes:
  q:
    kind: choice
    text: Which?
    options:
      - { label: A, value: a }
      - { label: B, value: b }
    next: m
  m:
    kind: message
    text: Thanks.
    branches:
      - when: { answer: q, equals: b }
        goto: end-b
      - goto: end-a
  end-a: { kind: end }
  end-b: { kind: end }
`))
	if diags.HasErrors() {
		t.Fatal(diags.Error())
	}
	for _, ex := range Explore(f, t0) {
		if ex.Problem != "" {
			t.Errorf("%s: %s", ex.End, ex.Problem)
		}
	}
}

// The built-in flows ship with tests that pass and reach every node and every way out.
func TestBuiltInFlowTestsPassAndCoverEverything(t *testing.T) {
	names := flows.LibraryTests()
	lib, _ := flows.Library()
	if len(names) != len(lib) {
		t.Errorf("%d flows but %d test files", len(lib), len(names))
	}
	for _, name := range names {
		t.Run(name, func(t *testing.T) {
			data, err := flows.LibraryFS().(interface{ ReadFile(string) ([]byte, error) }).ReadFile(name)
			if err != nil {
				t.Fatal(err)
			}
			tf, diags := ParseTestFile(name, data)
			if diags.HasErrors() {
				t.Fatal(diags.Error())
			}
			f, fd := tf.ResolveFlow()
			if fd.HasErrors() {
				t.Fatal(fd.Error())
			}
			now, _ := tf.Time()
			var results []CaseResult
			for _, c := range tf.Cases {
				r := RunCase(f, c, now, nil)
				if !r.Passed() {
					t.Errorf("case %q: %s", c.Name, r.Failure)
				}
				results = append(results, r)
			}
			for _, gap := range Coverage(f, results) {
				t.Errorf("%s:%d: %s", f.Path, gap.Pos.Line, gap.Message)
			}
			for _, ex := range Explore(f, now) {
				if ex.Problem != "" {
					t.Errorf("explore %s: %s", ex.End, ex.Problem)
				}
			}
		})
	}
}

// The built-in flows' tests walk the same way in every language the flow ships in: the same end and
// path for the same answers, and every node and way out reached (the texts differ, so the summary
// lines each case expects are checked in the flow's own language above, not here).
func TestBuiltInFlowTestsWalkTheSameInEveryLanguage(t *testing.T) {
	for _, name := range flows.LibraryTests() {
		data, err := flows.LibraryFS().(interface{ ReadFile(string) ([]byte, error) }).ReadFile(name)
		if err != nil {
			t.Fatal(err)
		}
		tf, diags := ParseTestFile(name, data)
		if diags.HasErrors() {
			t.Fatal(diags.Error())
		}
		f, fd := tf.ResolveFlow()
		if fd.HasErrors() {
			t.Fatal(fd.Error())
		}
		now, _ := tf.Time()
		for _, lang := range f.Languages() {
			if lang == f.Language || lang == "" {
				continue
			}
			t.Run(f.ID+" in "+lang, func(t *testing.T) {
				lf := f.Localize(lang)
				var results []CaseResult
				for _, c := range tf.Cases {
					c := *c // the case as written, but for the summary lines in English
					c.Expect.SummaryContains, c.Expect.SummaryExcludes = nil, nil
					r := RunCase(lf, &c, now, nil)
					if !r.Passed() {
						t.Errorf("case %q: %s", c.Name, r.Failure)
					}
					results = append(results, r)
				}
				for _, gap := range Coverage(lf, results) {
					t.Errorf("%s:%d: %s", lf.Path, gap.Pos.Line, gap.Message)
				}
			})
		}
	}
}
