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
func longest(f *Flow) map[string]int {
	byID := make(map[string]*Node, len(f.Nodes))
	for _, n := range f.Nodes {
		if n != nil {
			byID[n.ID] = n
		}
	}
	part := loops(f, byID)
	memo := map[string]int{}
	budget := longestBudget
	cost := func(n *Node) int {
		if n.Def().Traits().Automatic || n.Def().Traits().Final {
			return 0
		}
		return 1
	}
	var solve func(id string) int
	solve = func(id string) int {
		if v, ok := memo[id]; ok {
			return v
		}
		memo[id] = -1 // while it is worked out; a part never leads back to itself
		best := -1
		on := map[string]bool{}
		var walk func(n *Node, acc int)
		walk = func(n *Node, acc int) {
			budget--
			acc += cost(n)
			if n.Def().Traits().Final {
				best = max(best, acc)
				return
			}
			on[n.ID] = true
			for _, t := range n.Targets() {
				next := byID[t]
				switch {
				case next == nil:
				case part[t] != part[n.ID]:
					if rest := solve(t); rest >= 0 {
						best = max(best, acc+rest)
					}
				case !on[t] && budget > 0:
					walk(next, acc)
				}
			}
			on[n.ID] = false
		}
		if n := byID[id]; n != nil {
			walk(n, 0)
		}
		memo[id] = best
		return best
	}
	out := map[string]int{}
	for id := range byID {
		if v := solve(id); v >= 0 {
			out[id] = v
		}
	}
	return out
}

// loops numbers the strongly connected parts of the flow's graph (Tarjan's algorithm): two nodes
// have the same number when each can be reached from the other.
func loops(f *Flow, byID map[string]*Node) map[string]int {
	index, low := map[string]int{}, map[string]int{}
	onStack := map[string]bool{}
	var stack []string
	part := map[string]int{}
	next, parts := 0, 0
	var visit func(id string)
	visit = func(id string) {
		index[id], low[id] = next, next
		next++
		stack = append(stack, id)
		onStack[id] = true
		for _, t := range byID[id].Targets() {
			if byID[t] == nil {
				continue
			}
			if _, seen := index[t]; !seen {
				visit(t)
				low[id] = min(low[id], low[t])
			} else if onStack[t] {
				low[id] = min(low[id], index[t])
			}
		}
		if low[id] == index[id] {
			for {
				top := stack[len(stack)-1]
				stack = stack[:len(stack)-1]
				onStack[top] = false
				part[top] = parts
				if top == id {
					break
				}
			}
			parts++
		}
	}
	for _, n := range f.Nodes {
		if n == nil {
			continue
		}
		if _, seen := index[n.ID]; !seen {
			visit(n.ID)
		}
	}
	return part
}

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
