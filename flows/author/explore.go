package author

import (
	"fmt"
	"sort"
	"strconv"
	"strings"
	"time"

	"github.com/unstuck-dev/unstuck/flows"
)

// Explored is the shortest walk found to one end node, and how replaying it went.
type Explored struct {
	End     string
	Moves   []flows.Move
	Path    []string
	Staff   bool   // the walk is in staff mode: only support staff reach this end
	Problem string // empty when the replay reached End
}

// Explore finds the shortest walk to every end node, trying each option, each check outcome, and for
// inputs the values the flow's conditions compare with (and one just beyond), then replays each walk
// from the start. Ends that no walk reaches are reported with a problem, as are walks that crash or
// never end. An end that only support staff reach (past a step with audience: staff) is looked for
// again in staff mode, as a test case with staff: true walks.
func Explore(f *flows.Flow, now time.Time) []Explored {
	candidates := exploreCandidates(f, now)
	found, stuck := search(f, now, candidates, flows.AudienceShopper)
	staffFound := map[string][]flows.Move{}
	if hasStaffSteps(f) && len(found) < countEnds(f) {
		staffFound, _ = search(f, now, candidates, flows.AudienceStaff)
	}
	var out []Explored
	for _, n := range f.Nodes {
		if !n.Def().Traits().Final {
			continue
		}
		if moves, ok := found[n.ID]; ok {
			out = append(out, replay(f, n.ID, moves, now, flows.AudienceShopper))
		} else if moves, ok := staffFound[n.ID]; ok {
			out = append(out, replay(f, n.ID, moves, now, flows.AudienceStaff))
		} else {
			out = append(out, Explored{End: n.ID, Problem: unreached(f, stuck)})
		}
	}
	return out
}

// exploreCandidates are the answers worth trying at each input.
func exploreCandidates(f *flows.Flow, now time.Time) map[string][]string {
	candidates := inputCandidates(f)
	for _, n := range f.Nodes {
		if n.Input != nil && n.Def().Traits().Answered {
			candidates[n.ID] = append(candidates[n.ID], flows.SampleAnswers(n.Input, now, f.Language)...)
			if n.Input.Type == flows.InputYesNo { // both answers, not only the one a condition names
				candidates[n.ID] = append(candidates[n.ID], "yes", "no")
			}
		}
	}
	for id, vs := range countCandidates(f, now) { // explore_counts.go
		candidates[id] = append(candidates[id], vs...)
	}
	return candidates
}

func hasStaffSteps(f *flows.Flow) bool {
	for _, n := range f.Nodes {
		if n.Audience == flows.AudienceStaff {
			return true
		}
	}
	return false
}

func countEnds(f *flows.Flow) int {
	ends := 0
	for _, n := range f.Nodes {
		if n.Def().Traits().Final {
			ends++
		}
	}
	return ends
}

// search walks the flow breadth first as the audience does, and gives the shortest moves found to
// each end, and the inputs where no answer tried was accepted.
func search(f *flows.Flow, now time.Time, candidates map[string][]string, audience string) (map[string][]flows.Move, map[string]bool) {
	stuck := map[string]bool{} // inputs where no answer tried was accepted
	type item struct {
		st    flows.State
		moves []flows.Move
	}
	// Walks are told apart by their node and by the answers and results that later conditions test:
	// two walks at one node with the same such answers go the same ways from there on.
	tested := testedNodes(f)
	tested = append(tested, countedNodes(f)...)
	key := func(st flows.State) string {
		var b strings.Builder
		b.WriteString(st.Node().ID)
		if len(tested) == 0 {
			return b.String()
		}
		answers, results := st.Answers(), st.Results()
		for _, id := range tested {
			b.WriteString("\x00")
			if a, ok := answers[id]; ok {
				b.WriteString(a.Value)
			} else if r, ok := results[id]; ok {
				b.WriteString(r.Outcome + "/" + string(r.Status))
			}
		}
		return b.String()
	}
	const maxExpanded = 50_000 // a bound for flows whose conditions multiply the walks
	expanded := map[string]bool{}
	found := map[string][]flows.Move{}
	queue := []item{{st: flows.StartAs(f, now, audience)}}
	for len(queue) > 0 && len(expanded) < maxExpanded {
		it := queue[0]
		queue = queue[1:]
		n := it.st.Node()
		k := key(it.st)
		if expanded[k] {
			continue
		}
		expanded[k] = true
		if n.Def().Traits().Final {
			if _, ok := found[n.ID]; !ok {
				found[n.ID] = it.moves
			}
			continue
		}
		accepted := false
		for _, m := range movesAt(n, candidates) {
			next, err := apply(it.st, m, now)
			accepted = accepted || err == nil
			if err != nil || expanded[key(next)] {
				continue
			}
			queue = append(queue, item{st: next, moves: append(append([]flows.Move(nil), it.moves...), m)})
		}
		if !accepted && n.Input != nil {
			stuck[n.ID] = true
		}
	}
	return found, stuck
}

// replay walks the moves from the start, reporting a crash, a refused move or a wrong end.
func replay(f *flows.Flow, end string, moves []flows.Move, now time.Time, audience string) (ex Explored) {
	ex = Explored{End: end, Moves: moves, Staff: audience == flows.AudienceStaff}
	defer func() {
		if p := recover(); p != nil {
			ex.Problem = fmt.Sprintf("the engine crashed: %v", p)
		}
	}()
	// The path names the steps a test case's path: does, call steps and a part's way back included,
	// so it can be copied into a case.
	st := flows.StartAs(f, now, audience)
	ex.Path = passedThrough(CaseResult{}, f, st.Steps(), 0).Path
	for _, m := range moves {
		ex.Path = append(ex.Path, st.Node().ID)
		next, err := apply(st, m, now)
		if err != nil {
			ex.Problem = fmt.Sprintf("at %q the move was refused: %v", m.Node, err)
			return ex
		}
		ex.Path = append(ex.Path, passedThrough(CaseResult{}, f, next.Steps(), len(st.Steps())).Path...)
		st = next
	}
	ex.Path = append(ex.Path, st.Node().ID)
	if st.Node().ID != end {
		ex.Problem = fmt.Sprintf("the walk ended at %q instead", st.Node().ID)
	}
	return ex
}

func apply(st flows.State, m flows.Move, now time.Time) (flows.State, error) {
	if m.Result != nil {
		return st.WithResult(*m.Result, now)
	}
	return st.Answer(m.Answer, now)
}

// movesAt lists the moves worth trying at a node.
func movesAt(n *flows.Node, candidates map[string][]string) []flows.Move {
	return n.Def().Moves(n, candidates[n.ID])
}

// inputCandidates collects, for each input node, the values conditions compare its answer with.
func inputCandidates(f *flows.Flow) map[string][]string {
	out := map[string][]string{}
	eachCond(f, func(c *flows.Cond) {
		if src := f.Node(c.Answer); src != nil && src.Def().Traits().Answered {
			add := func(v string) { out[src.ID] = append(out[src.ID], v) }
			if c.Equals != nil {
				add(*c.Equals)
			}
			if c.Matches != nil && src.Input != nil { // an answer the expression finds, keeping the input's other rules
				spec := *src.Input
				spec.Pattern, spec.Example, spec.Placeholder = "(?i)"+*c.Matches, "", ""
				for _, v := range flows.SampleAnswers(&spec, time.Time{}, f.Language) {
					add(v)
				}
			}
			for _, v := range c.In {
				add(v)
			}
			for _, b := range []*string{c.Gt, c.Gte, c.Lt, c.Lte} {
				if b == nil {
					continue
				}
				add(*b)
				if n, err := src.Input.Type.ParseNumber(*b); err == nil {
					step := int64(1)
					if src.Input.Type == flows.InputMoney {
						step = 100
					}
					add(src.Input.Type.FormatNumber(n + step))
					if n-step >= 0 {
						add(src.Input.Type.FormatNumber(n - step))
					}
				}
			}
		}
	})
	return out
}

// testedNodes lists, sorted, the nodes whose answers or check results conditions test, other than
// the check node a condition stands on (its result is used at once).
func testedNodes(f *flows.Flow) []string {
	set := map[string]bool{}
	eachCond(f, func(c *flows.Cond) {
		if c.Answer != "" {
			set[c.Answer] = true
		}
		if c.Check != "" {
			set[c.Check] = true
		}
	})
	out := make([]string, 0, len(set))
	for id := range set {
		out = append(out, id)
	}
	sort.Strings(out)
	return out
}

// eachCond calls fn for every condition of the flow's branches, nested ones included.
func eachCond(f *flows.Flow, fn func(c *flows.Cond)) {
	var walk func(c *flows.Cond)
	walk = func(c *flows.Cond) {
		if c == nil {
			return
		}
		fn(c)
		for _, sub := range c.All {
			walk(sub)
		}
		for _, sub := range c.Any {
			walk(sub)
		}
		walk(c.Not)
	}
	for _, n := range f.Nodes {
		for _, b := range n.Branch {
			walk(b.When)
		}
	}
}

// unreached says why no walk reached an end: the inputs where explore found no answer the input's
// own rules accept, when there are any, else the conditions.
func unreached(f *flows.Flow, stuck map[string]bool) string {
	var ids []string
	for _, n := range f.Nodes {
		if stuck[n.ID] {
			ids = append(ids, strconv.Quote(n.ID))
		}
	}
	switch len(ids) {
	case 0:
		return "no walk found reaches it: check the conditions that lead there"
	case 1:
		return fmt.Sprintf("no walk found reaches it: explore found no answer that input %s accepts; give it an `example:` that keeps its rules", ids[0])
	}
	return fmt.Sprintf("no walk found reaches it: explore found no answer that inputs %s accept; give each an `example:` that keeps its rules", strings.Join(ids, ", "))
}
