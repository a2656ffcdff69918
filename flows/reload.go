package flows

import "time"

// replay carries a walk over to a new version of its flow, for the live preview (run --watch): it
// starts the new flow and gives the same answers and check results again, for as long as each still
// fits (the node is there, the option is there, the typed answer is still valid), so a writer who
// saves keeps the answers and the place, the end screen included. A choice's answer is found again
// by its option's value, so options may be reordered. Where the walk must stop (a node removed, an
// answer no longer valid, a sensitive answer, which is never written down), the answers not given
// again stay on offer as earlier answers (Prompt.Earlier, Prompt.Refill), as after going back, and
// so do those that were on offer before.
func replay(old State, f *Flow, now time.Time) State {
	snap := old.Snapshot(now)
	for i := range snap.Steps {
		step := &snap.Steps[i]
		if step.Option < 0 {
			continue
		}
		step.Option = sameOption(old.flow.Node(step.Node), f.Node(step.Node), step.Option)
	}
	st := restore(f, snap, now, nil)
	given := 0 // the steps of the old walk given again
	for _, s := range st.steps[:len(st.steps)-1] {
		if !s.Passed {
			given++
		}
	}
	var offer []Step
	for _, s := range old.steps[:len(old.steps)-1] {
		if s.Passed {
			continue
		}
		if given > 0 {
			given--
			continue
		}
		if s.Answer != nil && f.Node(s.Node) != nil {
			if s.Option >= 0 {
				s.Option = sameOption(old.flow.Node(s.Node), f.Node(s.Node), s.Option)
			}
			offer = append(offer, s)
		}
	}
	for _, s := range old.undone {
		if f.Node(s.Node) != nil {
			if s.Option >= 0 {
				s.Option = sameOption(old.flow.Node(s.Node), f.Node(s.Node), s.Option)
			}
			offer = append(offer, s)
		}
	}
	st.undone = offer
	return st
}

// sameOption is the index in node to of the option picked as index i in node from, found by its
// value; -2 (no option) when to has no option of that value.
func sameOption(from, to *Node, i int) int {
	if from == nil || to == nil || i < 0 || i >= len(from.Options) {
		return -2
	}
	want := optionValue(from.Options[i])
	for j, o := range to.Options {
		if optionValue(o) == want {
			return j
		}
	}
	return -2
}
