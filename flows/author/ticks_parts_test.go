package author

import (
	"strings"
	"testing"

	"github.com/unstuck-dev/unstuck/flows"
)

// A flow with a tick step and a part called twice, its ends reached only through both.
const ticksPartsFlow = `flow: tp
title: Ticks and parts
start: seen
nodes:
  seen:
    kind: tick
    text: What did you see?
    options:
      - { label: Declined, value: declined }
      - { label: Froze, value: froze }
    branches:
      - when: { answer: seen, has: declined }
        goto: first
      - when: { answer: seen, has: froze }
        goto: end-froze
      - goto: end-nothing
  first:
    kind: call
    part: card
    branches:
      - when: { check: first.check, outcome: expired }
        goto: end-expired
      - goto: second
  second:
    kind: call
    part: card
    next: end-done
  end-done: { kind: end, title: Done }
  end-expired: { kind: end, title: Expired }
  end-froze: { kind: end, title: Froze }
  end-nothing: { kind: end, title: Nothing }
parts:
  card:
    start: number
    nodes:
      number:
        kind: input
        text: Card number?
        label: Card
        input: { type: card-number }
        next: check
      check:
        kind: check
        check: card
        with: { number: "{{number}}" }
        next: back
      back: { kind: end, outcome: return }
`

func TestExploreAndTestsWalkTicksAndParts(t *testing.T) {
	f, diags := flows.Parse("tp.yaml", []byte(ticksPartsFlow))
	if diags.HasErrors() {
		t.Fatal(diags.Error())
	}
	t.Run("explore finds a walk to every end, through the parts", func(t *testing.T) {
		for _, ex := range Explore(f, t0) {
			if ex.Problem != "" {
				t.Errorf("%s: %s", ex.End, ex.Problem)
			}
		}
	})
	cases := []*TestCase{
		{Name: "both cards", Answers: map[string][]string{"seen": {"declined, froze"}, "first.number": {"4242424242424242"}, "second.number": {"5555555555554444"}},
			Checks: map[string]string{"first.check": "ok", "second.check": "ok"}, Expect: Expect{End: "end-done", SummaryContains: []string{"Visa ending 4242", "Mastercard ending 4444"}}},
		{Name: "an expired first card", Answers: map[string][]string{"seen": {"1"}, "first.number": {"4242424242424242"}},
			Checks: map[string]string{"first.check": "expired"}, Expect: Expect{End: "end-expired"}},
		{Name: "froze only", Answers: map[string][]string{"seen": {"2"}}, Expect: Expect{End: "end-froze"}},
		{Name: "nothing ticked", Answers: map[string][]string{"seen": {""}}, Expect: Expect{End: "end-nothing"}},
	}
	var results []CaseResult
	for _, c := range cases {
		r := RunCase(f, c, t0, LocalChecks)
		if !r.Passed() {
			t.Errorf("the case %q failed: %s", c.Name, r.Failure)
		}
		results = append(results, r)
	}
	t.Run("the cases cover every step and way on, those of the parts' copies too", func(t *testing.T) {
		var left []string
		for _, u := range Coverage(f, results) {
			left = append(left, u.Message)
		}
		if len(left) > 0 {
			t.Errorf("uncovered:\n%s", strings.Join(left, "\n"))
		}
	})
}

func TestTheGraphDrawsEachCallOfAPartAsAGroup(t *testing.T) {
	f, diags := flows.Parse("tp.yaml", []byte(ticksPartsFlow))
	if diags.HasErrors() {
		t.Fatal(diags.Error())
	}
	for _, tc := range []struct{ format, want string }{
		{"mermaid", `subgraph part1 ["second · part card"]`},
		{"mermaid", `"seen ticked declined"`},
		{"dot", `label="first · part card"`},
	} {
		t.Run(tc.format+" has "+tc.want, func(t *testing.T) {
			out, err := Graph(f, tc.format)
			if err != nil {
				t.Fatal(err)
			}
			if !strings.Contains(out, tc.want) || strings.Contains(out, "⚠") {
				t.Errorf("got:\n%s", out)
			}
		})
	}
}
