package author

import (
	"testing"

	"github.com/unstuck-dev/unstuck/flows"
)

// An answer for a node the flow does not have is reported at the line of that answer, in a test
// file and in an answers file (with or without the answers: wrapper), not at the case or at 1:1.
func TestAnUnknownAnswerIsReportedAtItsLine(t *testing.T) {
	f, diags := flows.Parse("f.yaml", []byte(`flow: f
title: F
start: amount
nodes:
  amount: { kind: input, text: "How much?", input: { type: money }, next: done }
  done: { kind: end }
`))
	if diags.HasErrors() {
		t.Fatal(diags.Error())
	}
	t.Run("a test case points at the misspelt answer", func(t *testing.T) {
		tf, diags := ParseTestFile("f.test.yaml", []byte("flow: f.yaml\ncases:\n  - name: a\n    answers:\n      amount: \"1\"\n      amont: \"2\"\n"))
		if diags.HasErrors() {
			t.Fatal(diags.Error())
		}
		r := RunCase(f, tf.Cases[0], t0, nil)
		if r.Passed() || r.Pos != (flows.Pos{Line: 6, Col: 7}) {
			t.Errorf("failed at %v with %q, want 6:7", r.Pos, r.Failure)
		}
	})
	for _, tc := range []struct {
		name, file string
		want       flows.Pos
	}{
		{"an answers file under answers: points at the misspelt answer", "now: 2026-06-15\nanswers:\n  amount: \"1\"\n  amont: \"2\"\n", flows.Pos{Line: 4, Col: 3}},
		{"a bare answers file points at the misspelt answer", "now: 2026-06-15\namount: \"1\"\namont: \"2\"\n", flows.Pos{Line: 3, Col: 1}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			af, diags := ParseAnswersFile("a.yaml", []byte(tc.file))
			if diags.HasErrors() {
				t.Fatal(diags.Error())
			}
			r, _ := af.Run(f, nil)
			if r.Passed() || r.Pos != tc.want {
				t.Errorf("failed at %v with %q, want %v", r.Pos, r.Failure, tc.want)
			}
		})
	}
}
