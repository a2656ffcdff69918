package author

import (
	"math/rand/v2"
	"testing"
	"time"

	"github.com/unstuck-dev/unstuck/flows"
)

var spanT0 = time.Date(2026, 3, 14, 15, 9, 26, 0, time.UTC)

// stepsLeft counts the steps a finished walk still took from step k: questions and messages, the
// one at k included, not checks and not the end.
func stepsLeft(st flows.State, k int) int {
	n := 0
	for _, s := range st.Steps()[k:] {
		if t := st.Flow().Node(s.Node).Def().Traits(); !t.Automatic && !t.Final {
			n++
		}
	}
	return n
}

// shownRange is the range shown at step `at` of a walk.
type shownRange struct{ at, lo, hi int }

// randomWalk walks f from the start with moves picked by r until an end, and gives the range
// shown at each step; ok is false for a walk that went round a loop or got stuck.
func randomWalk(f *flows.Flow, r *rand.Rand) (end flows.State, shown []shownRange, ok bool) {
	candidates := inputCandidates(f)
	st := flows.Start(f, spanT0)
	seen := map[string]bool{}
	for guard := 0; !st.Done(); guard++ {
		if guard > 500 {
			return st, nil, false
		}
		lo, hi := st.RemainingRange()
		shown = append(shown, shownRange{at: len(st.Steps()) - 1, lo: lo, hi: hi})
		moves := movesAt(st.Node(), candidates)
		if len(moves) == 0 {
			return st, nil, false
		}
		next, err := apply(st, moves[r.IntN(len(moves))], spanT0)
		if err != nil {
			return st, nil, false
		}
		st = next
	}
	for _, s := range st.Steps() {
		if seen[s.Node] {
			return st, nil, false // went round a loop: the estimate does not count loops
		}
		seen[s.Node] = true
	}
	return st, shown, true
}

func TestProgressRangeHoldsTheRealStepsLeft(t *testing.T) {
	lib, err := flows.Library()
	if err != nil {
		t.Fatal(err)
	}
	for _, f := range lib {
		t.Run(f.ID+": every walk's real steps left lie within the range shown", func(t *testing.T) {
			r := rand.New(rand.NewPCG(1, uint64(len(f.Nodes))))
			walks, wide := 0, false
			for range 400 {
				end, shown, ok := randomWalk(f, r)
				if !ok {
					continue
				}
				walks++
				for _, s := range shown {
					if left := stepsLeft(end, s.at); left < s.lo || left > s.hi {
						t.Fatalf("at %q the range shown was %d–%d, but the walk took %d more", end.Steps()[s.at].Node, s.lo, s.hi, left)
					}
					wide = wide || s.hi > s.lo
				}
			}
			if walks == 0 {
				t.Fatalf("no walk reached an end without going round a loop")
			}
			if len(f.Nodes) > 10 && !wide {
				t.Errorf("every range was a single number; a branching flow should show a range somewhere")
			}
		})
	}
}

func TestProgressRangeOfSmallFlows(t *testing.T) {
	for _, tc := range []struct {
		name, yaml string
		lo, hi     int
	}{
		{"a straight line has one number", `flow: a
title: A
start: one
nodes:
  one: {kind: message, text: One, next: two}
  two: {kind: message, text: Two, next: done}
  done: {kind: end, outcome: solved}
`, 2, 2},
		{"a short cut and a long way give both ends, checks counting nothing", `flow: b
title: B
start: pick
nodes:
  pick:
    kind: choice
    text: Pick
    options:
      - {label: Short, goto: done}
      - {label: Long, goto: a}
  a: {kind: message, text: A, next: c}
  c: {kind: check, check: card, with: {number: "4242424242424242"}, next: b}
  b: {kind: message, text: B, next: done}
  done: {kind: end, outcome: solved}
`, 1, 3},
		{"a loop back is not counted", `flow: c
title: C
start: ask
nodes:
  ask:
    kind: choice
    text: Again?
    options:
      - {label: Yes, goto: again}
      - {label: No, goto: done}
  again: {kind: message, text: Once more, next: ask}
  done: {kind: end, outcome: solved}
`, 1, 1},
	} {
		t.Run(tc.name, func(t *testing.T) {
			f, diags := flows.Parse("x.yaml", []byte(tc.yaml))
			if diags.HasErrors() {
				t.Fatal(diags.Error())
			}
			if lo, hi := flows.Start(f, spanT0).RemainingRange(); lo != tc.lo || hi != tc.hi {
				t.Errorf("at the start: %d–%d, want %d–%d", lo, hi, tc.lo, tc.hi)
			}
		})
	}
}
