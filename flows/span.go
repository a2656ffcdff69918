package flows

// The progress estimate: from each node, the fewest and the most steps left to an end. The fewest is
// distances (engine.go); the most is the longest path that visits no node twice (going round a loop
// is not counted), found here. Both count questions and messages, the current one included, and not
// checks or the end itself, so that a walk that goes round no loop always has a number of steps left
// between the two.

// longestBudget bounds the search for longest paths inside the flow's loops, for the whole flow:
// flows are small and their loops smaller, but a machine-made flow could make the search explode.
// Once it runs out, paths inside a loop are no longer followed (the estimate may then be short).
const longestBudget = 200_000

// longest finds, for each node from which an end can be reached, the most non-check steps to an end
// along a path that visits no node twice. The graph's strongly connected parts (its loops) are
// searched path by path, each from every one of its nodes; between them the graph has no cycle, so
// the longest path out of a part is worked out once and reused.
// The work is done over the numbered graph (nodegraph.go).
func longest(f *Flow) map[string]int { return newFlowGraph(f).longest() }

// longestFrom is the most non-check steps from node id to an end, as worked out when the flow loaded.
func (f *Flow) longestFrom(id string) int {
	if f.meta == nil {
		return longest(f)[id]
	}
	return f.meta.longest[id]
}

// RemainingRange is the fewest and the most steps left (checks not counted, the current step
// included, the end not), along paths that go round no loop: a walk that goes round none takes a
// number of steps in between. They are equal when every way on is as long.
func (s State) RemainingRange() (fewest, most int) {
	id := s.Node().ID
	fewest = s.flow.distance(id)
	return fewest, max(fewest, s.flow.longestFrom(id))
}
