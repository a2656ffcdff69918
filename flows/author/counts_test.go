package author

import (
	"os"
	"testing"

	"github.com/unstuck-dev/unstuck/flows"
)

// The example of the counting parts (a date that counts days, a value worked out from two amounts,
// email, phone and url inputs) passes its tests, which reach every node, and explore reaches every
// end: the late branch only with a date more than 14 days before today, and the all-back branch only
// with amounts that leave nothing.
func TestTheCountingExampleFlowPassesItsTests(t *testing.T) {
	const path = "../../testdata/flows/refund-wait/refund-wait.test.yaml"
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	tf, diags := ParseTestFile(path, data)
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
}

func TestCountingConditionsInPlainWords(t *testing.T) {
	s := func(v string) *string { return &v }
	for _, tc := range []struct {
		name string
		cond flows.Cond
		want string
	}{
		{"days since a date", flows.Cond{DaysSince: "paid-on", Gt: s("14")}, "days since paid-on > 14"},
		{"days between two dates", flows.Cond{DaysBetween: []string{"ordered-on", "paid-on"}, Gte: s("1")}, "days ordered-on → paid-on ≥ 1"},
		{"a computed value", flows.Cond{Value: "still-missing", Gt: s("0")}, "still-missing > 0"},
	} {
		t.Run(tc.name+" reads "+tc.want, func(t *testing.T) {
			if got, _ := describeCond(&tc.cond); got != tc.want {
				t.Errorf("got %q, want %q", got, tc.want)
			}
		})
	}
}

func TestExploreReachesEveryEndOfConditionsThatCount(t *testing.T) {
	f, diags := flows.Parse("counting.yaml", []byte(`flow: counting
title: Counting
start: ordered-on
values:
  left: { subtract: [total, refunded] }
  took: { days_between: [ordered-on, refund-on] }
nodes:
  ordered-on:
    kind: input
    text: Ordered on?
    input: { type: date }
    next: refund-on
  refund-on:
    kind: input
    text: Refund sent on?
    input: { type: date }
    next: total
  total:
    kind: input
    text: Total?
    input: { type: money }
    next: refunded
  refunded:
    kind: input
    text: Refunded?
    input: { type: money }
    branches:
      - when: { value: left, lte: "0" }
        goto: all-back
      - when: { days_since: refund-on, gt: 14 }
        goto: late
      - when: { days_between: [ordered-on, refund-on], lt: 0 }
        goto: odd
      - when: { value: took, gte: 30 }
        goto: slow
      - goto: wait
  all-back: { kind: end }
  late: { kind: end }
  odd: { kind: end }
  slow: { kind: end }
  wait: { kind: end }
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
