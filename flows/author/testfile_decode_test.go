package author

import (
	"reflect"
	"strings"
	"testing"
)

// Test files and answers files are decoded as strictly as flows, with hints that say what to write.
func TestTestFilesAreDecodedWithHints(t *testing.T) {
	cases := []struct {
		name, file string
		want       []string
	}{
		{"an unknown key near a known one gets a did-you-mean with its line",
			"flow: payment-fails\ncases:\n  - name: a\n    expect: { end: done }\n    staf: true\n",
			[]string{`t.test.yaml:5:5: error unknown-key: the test file.cases[1] has no key "staf" (did you mean "staff"?)`}},
		{"an unknown key near no known one is told the keys its place takes",
			"flow: payment-fails\ncases:\n  - name: a\n    expect:\n      summary_not_contains: [x]\n",
			[]string{`t.test.yaml:5:7: error unknown-key: the test file.cases[1].expect has no key "summary_not_contains" (the keys here are end, outcome, path, summary_contains, summary_excludes, refused)`}},
		{"checks written as a set of keys per node are told the shape checks take",
			"flow: payment-fails\ncases:\n  - name: a\n    checks: { card-check: { outcome: luhn_failed } }\n",
			[]string{`t.test.yaml:4:27: error wrong-type:`, `(checks: should be a map of check node id to outcome, e.g. checks: { card-check: luhn_failed`}},
		{"checks written as a list are told the shape checks take",
			"flow: payment-fails\ncases:\n  - name: a\n    checks: [card-check]\n",
			[]string{`should be a set of keys, not a list (checks: should be a map of check node id to outcome`}},
		{"an answer left empty is told to write \"\"",
			"flow: payment-fails\ncases:\n  - name: a\n    answers:\n      order-number:\n",
			[]string{`t.test.yaml:5:20: error wrong-type:`, `"" skips an optional answer`}},
		{"an answer written as a set of keys is told the shape answers take",
			"flow: payment-fails\ncases:\n  - name: a\n    answers: { store: { name: Shop } }\n",
			[]string{`(answers: should be a map of node id to answer`}},
		{"a path written as one set of keys is told it is a list of node ids",
			"flow: payment-fails\ncases:\n  - name: a\n    expect: { path: { a: b } }\n",
			[]string{`(path: should be a list of node ids, e.g. path: [start, amount, done])`}},
		{"staff that is not true or false says so",
			"flow: payment-fails\ncases:\n  - name: a\n    staff: sometimes\n",
			[]string{`(staff: should be true or false, e.g. staff: true)`}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			_, diags := ParseTestFile("t.test.yaml", []byte(c.file))
			got := diags.Error()
			for _, w := range c.want {
				if !strings.Contains(got, w) {
					t.Errorf("got\n%s\nwant it to contain\n%s", got, w)
				}
			}
		})
	}
}

func TestAnswersFilesTakeTheWrapperOrNone(t *testing.T) {
	cases := []struct {
		name, file string
		answers    map[string][]string
		checks     map[string]string
		now        string
		want       string // a diagnostic, when the file is refused
	}{
		{name: "answers under answers: are read",
			file:    "now: 2026-06-15\nanswers: { store: Shop, amount: \"40\" }\n",
			answers: map[string][]string{"store": {"Shop"}, "amount": {"40"}}, now: "2026-06-15"},
		{name: "a bare map of node id to answer is read as the answers",
			file:    "store: Shop\namount: \"40\"\nerror-seen: \"\"\nmethod: [card, pay-later]\n",
			answers: map[string][]string{"store": {"Shop"}, "amount": {"40"}, "error-seen": {""}, "method": {"card", "pay-later"}}},
		{name: "a bare map keeps now and checks as the file's own keys",
			file:    "now: 2026-06-15\nstore: Shop\nchecks: { connection-check: skipped }\n",
			answers: map[string][]string{"store": {"Shop"}}, checks: map[string]string{"connection-check": "skipped"}, now: "2026-06-15"},
		{name: "a mistyped wrapper still gets its did-you-mean",
			file: "now: 2026-06-15\nanswer: {}\n",
			want: `a.yaml:2:1: error unknown-key: the answers file has no key "answer" (did you mean "answers"?)`},
		{name: "a bare answer beside the wrapper is told the keys of the file",
			file: "answers: { store: Shop }\namount: \"40\"\n",
			want: `a.yaml:2:1: error unknown-key: the answers file has no key "amount" (the keys here are now, answers, checks)`},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			af, diags := ParseAnswersFile("a.yaml", []byte(c.file))
			if c.want != "" {
				if got := diags.Error(); !strings.Contains(got, c.want) {
					t.Errorf("got\n%s\nwant\n%s", got, c.want)
				}
				return
			}
			if diags.HasErrors() {
				t.Fatal(diags.Error())
			}
			if !reflect.DeepEqual(af.Answers, c.answers) {
				t.Errorf("answers = %v, want %v", af.Answers, c.answers)
			}
			if len(c.checks) > 0 && !reflect.DeepEqual(af.Checks, c.checks) {
				t.Errorf("checks = %v, want %v", af.Checks, c.checks)
			}
			if af.Now != c.now {
				t.Errorf("now = %q, want %q", af.Now, c.now)
			}
		})
	}
}
