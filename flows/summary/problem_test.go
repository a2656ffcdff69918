package summary_test

import (
	"encoding/json"
	"strings"
	"testing"
	"time"

	"github.com/unstuck-dev/unstuck/flows"
	"github.com/unstuck-dev/unstuck/flows/summary"
)

// Every built-in flow names its problem for the agent (problem:), in every language it ships: the
// title is the shopper's own words ("I can't log in..."), the summary's Problem line the agent's.
func TestEveryBuiltInFlowHasAProblemForTheAgentInEveryLanguage(t *testing.T) {
	lib, err := flows.Library()
	if err != nil {
		t.Fatal(err)
	}
	for _, f := range lib {
		if f.Problem == "" {
			t.Errorf("%s has no problem: for the summary", f.ID)
			continue
		}
		for _, lang := range f.Languages()[1:] {
			if got := f.Localize(lang).Problem; got == f.Problem || got == "" {
				t.Errorf("%s: the problem is not translated into %s", f.ID, lang)
			}
		}
	}
}

// The Problem line (text), the heading (Markdown) and problem (JSON) are the flow's problem in the
// walk's language, never the shopper's first-person title, on every walk.
func TestTheProblemLineIsTheFlowsProblem(t *testing.T) {
	everyEnd(t, func(t *testing.T, st flows.State, sm summary.Summary) {
		f := st.Flow()
		want := flows.Word(f.Language, "Problem") + ": " + f.Problem + "\n"
		if text := sm.Text(); !strings.Contains(text, want) {
			t.Errorf("the summary has no line %q:\n%s", want, text)
		}
		if md := sm.Markdown(); !strings.Contains(md, f.Problem) || strings.Contains(md, f.Title) {
			t.Errorf("the Markdown summary does not name the problem %q (or names the title):\n%s", f.Problem, md)
		}
		var js struct{ Problem, Title string }
		if err := json.Unmarshal([]byte(sm.JSON()), &js); err != nil {
			t.Fatal(err)
		}
		if js.Problem != f.Problem || js.Title != f.Title {
			t.Errorf("the JSON has problem %q and title %q, want %q and %q", js.Problem, js.Title, f.Problem, f.Title)
		}
	})
}

func TestAFlowWithNoProblemIsNamedByItsTitle(t *testing.T) {
	f, diags := flows.Parse("r.yaml", []byte(`flow: r
title: My thing is broken
start: done
nodes:
  done: { kind: end, title: Bye for now }
`))
	if diags.HasErrors() {
		t.Fatal(diags.Error())
	}
	sm := summary.Of(flows.Start(f, time.Date(2026, 6, 15, 14, 30, 0, 0, time.UTC)))
	if sm.Problem != "My thing is broken" || !strings.Contains(sm.Text(), "\nProblem: My thing is broken\n") {
		t.Errorf("the problem is %q, not the title:\n%s", sm.Problem, sm.Text())
	}
}

// A text summary is read back by its Problem line, and one written before flows had a problem (its
// Problem line the title) still is.
func TestATextSummaryIsReadBackByItsProblemOrItsTitle(t *testing.T) {
	lib, err := flows.Library()
	if err != nil {
		t.Fatal(err)
	}
	var f *flows.Flow
	for _, lf := range lib {
		if lf.ID == "login-security" {
			f = lf.Localize("sv")
		}
	}
	if f == nil {
		t.Fatal("no login-security flow")
	}
	text := summary.Of(flows.Start(f, time.Date(2026, 6, 15, 14, 30, 0, 0, time.UTC))).Text()
	for name, summaryText := range map[string]string{
		"by its problem": text,
		"by its title":   strings.Replace(text, ": "+f.Problem+"\n", ": "+f.Title+"\n", 1),
	} {
		t.Run(name, func(t *testing.T) {
			rec, err := summary.ReadBack([]byte(summaryText), lib)
			if err != nil || rec.FlowID != f.ID {
				t.Errorf("read back as %q (%v):\n%s", rec.FlowID, err, summaryText)
			}
		})
	}
}
