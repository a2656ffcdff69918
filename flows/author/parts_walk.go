package author

import "github.com/unstuck-dev/unstuck/flows"

// passedThrough records the steps from index from on (the current one left out) that the walk went
// through by itself: the ways on they took, and, for calls and parts' returns, the steps themselves,
// so that a test's path and coverage see the walk into a part and out of it.
func passedThrough(res CaseResult, f *flows.Flow, steps []flows.Step, from int) CaseResult {
	for i := from; i < len(steps)-1; i++ {
		st := steps[i]
		res.Edges = append(res.Edges, EdgeUse{Node: st.Node, Via: st.Via})
		if n := f.Node(st.Node); n != nil && n.Def().Traits().Passes {
			res.Path = append(res.Path, st.Node)
		}
	}
	return res
}
