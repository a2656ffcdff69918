package author

import (
	"testing"

	"github.com/unstuck-dev/unstuck/flows"
)

// An end that only support staff reach, past a step with audience: staff, is found by walking in
// staff mode, and the ends a shopper reaches are still walked as a shopper.
func TestExploreReachesAStaffOnlyEndInStaffMode(t *testing.T) {
	f, diags := flows.Parse("staff.yaml", []byte(`flow: staff
title: Staff
start: hello
nodes:
  hello: { kind: message, text: Hello., next: look-up }
  look-up:
    kind: choice
    audience: staff
    text: What does the back office show?
    options:
      - { label: Paused, value: paused, goto: end-paused }
      - { label: Active, value: active }
    next: end-done
  end-done: { kind: end }
  end-paused: { kind: end }
`))
	if diags.HasErrors() {
		t.Fatal(diags.Error())
	}
	want := map[string]bool{"end-done": false, "end-paused": true}
	for _, ex := range Explore(f, t0) {
		if ex.Problem != "" {
			t.Errorf("%s: %s", ex.End, ex.Problem)
		}
		if ex.Staff != want[ex.End] {
			t.Errorf("%s was walked with staff %v, want %v", ex.End, ex.Staff, want[ex.End])
		}
	}
}

// A yes-no question whose branch tests only "yes" leads elsewhere on "no": explore answers both.
func TestExploreAnswersAYesNoQuestionBothWays(t *testing.T) {
	f, diags := flows.Parse("yesno.yaml", []byte(`flow: yesno
title: Yes or no
start: paid
nodes:
  paid:
    kind: input
    text: Did you pay?
    input: { type: yes-no }
    branches:
      - when: { answer: paid, equals: "yes" }
        goto: end-paid
      - goto: end-unpaid
  end-paid: { kind: end }
  end-unpaid: { kind: end }
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
