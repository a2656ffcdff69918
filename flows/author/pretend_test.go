package author

import (
	"strings"
	"testing"

	"github.com/unstuck-dev/unstuck/flows"
)

func TestPretendedResultsMustFitTheFlow(t *testing.T) {
	f, diags := flows.Parse("card.yaml", []byte(`flow: card
title: Card
start: number
nodes:
  number:
    kind: input
    text: Card number?
    input: { type: card-number }
    next: card-check
  card-check:
    kind: check
    check: card
    with: { number: "{{number}}" }
    branches:
      - when: { outcome: luhn_failed }
        goto: typo
      - goto: fine
  typo: { kind: end, outcome: typo }
  fine: { kind: end, outcome: solved }
`))
	if diags.HasErrors() {
		t.Fatal(diags.Error())
	}
	cases := []struct {
		name, pretend, want string
	}{
		{"an outcome the check gives is used", "luhn_failed", ""},
		{"an outcome with a status is used", "luhn_failed:warning", ""},
		{"skipped is always an outcome", "skipped", ""},
		{"a misspelt outcome gets a did-you-mean and the outcomes", "luhn_faild", `checks give node "card-check" the outcome "luhn_faild", which the card check never gives (did you mean "luhn_failed"?); its outcomes are ok, skipped, luhn_failed`},
		{"an unknown status is named", "luhn_failed:bad", `checks give node "card-check" the status "bad"`},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			tc := &TestCase{Name: c.name, Answers: map[string][]string{"number": {"4242424242424242"}}, Checks: map[string]string{"card-check": c.pretend}}
			r := RunCase(f, tc, t0, nil)
			if c.want == "" && !r.Passed() {
				t.Fatal(r.Failure)
			}
			if c.want != "" && !strings.Contains(r.Failure, c.want) {
				t.Errorf("got %q, want %q", r.Failure, c.want)
			}
		})
	}
	for _, c := range []struct{ name, node, want string }{
		{"a node the flow lacks gets a did-you-mean", "card-chek", `checks name node "card-chek", which the flow does not have (did you mean "card-check"?)`},
		{"a node that is no check is told to go under answers", "number", `checks name node "number", which is a step of kind input, not a check: give its answer under answers:`},
	} {
		t.Run(c.name, func(t *testing.T) {
			tc := &TestCase{Name: c.name, Answers: map[string][]string{"number": {"4242424242424242"}}, Checks: map[string]string{c.node: "ok"}}
			if r := RunCase(f, tc, t0, nil); !strings.Contains(r.Failure, c.want) {
				t.Errorf("got %q, want %q", r.Failure, c.want)
			}
		})
	}
}
