package author

import (
	"strings"
	"testing"

	"github.com/unstuck-dev/unstuck/flows"
)

const staffFlow = `flow: staffed
title: Staffed
start: hello
nodes:
  hello:
    kind: message
    text: Hello.
    next: look-up
  look-up:
    kind: choice
    audience: staff
    text: Is the order in the back office?
    options:
      - { label: "Yes", value: found, goto: found }
      - { label: "No", value: missing, goto: missing }
    next: shopper-end
  shopper-end: { kind: end, outcome: contact-support }
  found: { kind: end, outcome: solved }
  missing: { kind: end, outcome: not-solved }
`

const staffTests = `flow: staffed.yaml
cases:
  - name: a shopper is passed by the staff step
    expect: { end: shopper-end }
  - name: staff find the order
    staff: true
    answers: { look-up: found }
    expect: { end: found, path: [hello, look-up, found] }
  - name: staff do not find the order
    staff: true
    answers: { look-up: "No" }
    expect: { end: missing }
`

func TestAStaffCaseWalksAsStaff(t *testing.T) {
	f, diags := flows.Parse("staffed.yaml", []byte(staffFlow))
	if diags.HasErrors() {
		t.Fatal(diags.Error())
	}
	tf, diags := ParseTestFile("staffed.test.yaml", []byte(staffTests))
	if diags.HasErrors() {
		t.Fatal(diags.Error())
	}
	var results []CaseResult
	for _, c := range tf.Cases {
		r := RunCase(f, c, t0, nil)
		if !r.Passed() {
			t.Errorf("case %q: %s", c.Name, r.Failure)
		}
		results = append(results, r)
	}
	t.Run("coverage counts the steps staff cases reach", func(t *testing.T) {
		for _, gap := range Coverage(f, results) {
			t.Errorf("line %d: %s", gap.Pos.Line, gap.Message)
		}
	})
	t.Run("a staff step no case reaches says how to reach it", func(t *testing.T) {
		gaps := Coverage(f, results[:1])
		if len(gaps) == 0 || !strings.Contains(gaps[0].Message, `node "look-up" is never reached (it is for staff: add a case with `+"`staff: true`)") {
			t.Errorf("got %+v", gaps)
		}
	})
}
