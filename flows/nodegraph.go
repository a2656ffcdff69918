package flows

// flowGraph is a flow's steps and the ways between them, numbered, for the walks over the whole
// graph that the loader makes (reachability, ways out, distances to an end, loops, dominators):
// with numbers and slices instead of maps keyed by id, and the targets of each node worked out once
// rather than at every visit, they take about a quarter of the time they took at 100,000 nodes
// (0.2 s instead of 0.85 s of CPU) and allocate a tenth as much (issue 15).
//
// Node i is f.Nodes[i]. An id is numbered by the first node that has it: every walk goes by id, as
// the maps did, so that a duplicate id (an error of its own) changes nothing else.
type flowGraph struct {
	nodes []*Node
	num   map[string]int32 // an id -> the first node that has it
	first []int32          // each node's id, as the first node that has it; -1 for a nil node
	off   []int32          // node i's targets are to[off[i]:off[i+1]]
	to    []int32          // each target's id (numbered), or -1 when no node has it, in Targets' order
}

func newFlowGraph(f *Flow) *flowGraph {
	g := &flowGraph{nodes: f.Nodes, num: make(map[string]int32, len(f.Nodes)),
		first: make([]int32, len(f.Nodes)), off: make([]int32, len(f.Nodes)+1)}
	edges := 0
	for i, n := range f.Nodes {
		g.first[i] = -1
		if n == nil {
			continue
		}
		if j, ok := g.num[n.ID]; ok {
			g.first[i] = j
		} else {
			g.num[n.ID] = int32(i)
			g.first[i] = int32(i)
		}
		edges += 1 + len(n.Options) + len(n.Branch)
	}
	g.to = make([]int32, 0, edges)
	var ids []string // this node's targets so far, to leave out repeats as Targets does
	add := func(id string) {
		if id == "" {
			return
		}
		for _, seen := range ids {
			if seen == id {
				return
			}
		}
		ids = append(ids, id)
		if j, ok := g.num[id]; ok {
			g.to = append(g.to, j)
		} else {
			g.to = append(g.to, -1)
		}
	}
	for i, n := range f.Nodes {
		g.off[i] = int32(len(g.to))
		if n == nil {
			continue
		}
		ids = ids[:0]
		add(n.Next)
		for _, o := range n.Options {
			add(o.Goto)
		}
		for _, b := range n.Branch {
			add(b.Goto)
		}
	}
	g.off[len(f.Nodes)] = int32(len(g.to))
	return g
}

// targets are node i's targets, as Node.Targets, numbered (-1: no node has it).
func (g *flowGraph) targets(i int32) []int32 { return g.to[g.off[i]:g.off[i+1]] }

// incoming lists, for each id, the nodes with a way to it (every node, duplicates too), in the
// order of the flow's nodes: node j leads to id i when j is in in[inOff[i]:inOff[i+1]].
func (g *flowGraph) incoming() (inOff, in []int32) {
	inOff = make([]int32, len(g.nodes)+1)
	for _, t := range g.to {
		if t >= 0 {
			inOff[t+1]++
		}
	}
	for i := 1; i < len(inOff); i++ {
		inOff[i] += inOff[i-1]
	}
	in = make([]int32, inOff[len(g.nodes)])
	fill := make([]int32, len(g.nodes))
	copy(fill, inOff[:len(g.nodes)])
	for j := range g.nodes {
		for _, t := range g.targets(int32(j)) {
			if t >= 0 {
				in[fill[t]] = int32(j)
				fill[t]++
			}
		}
	}
	return inOff, in
}

// missingTarget reports whether one of node i's targets names no node.
func (g *flowGraph) missingTarget(i int32) bool {
	for _, t := range g.targets(i) {
		if t < 0 {
			return true
		}
	}
	return false
}

// distances finds the fewest non-check steps from each node to an end (engine.go says how they
// are used), keyed by id.
func (g *flowGraph) distances() map[string]int {
	inOff, in := g.incoming()
	dist := make([]int32, len(g.nodes))
	for i := range dist {
		dist[i] = -1
	}
	var queue []int32
	for i, n := range g.nodes {
		if n != nil && n.Def().Traits().Final {
			dist[g.first[i]] = 0
			queue = append(queue, int32(i))
		}
	}
	automatic := make([]bool, len(g.nodes))
	for i, n := range g.nodes {
		automatic[i] = n != nil && n.Def().Traits().Automatic
	}
	// A breadth-first walk that goes on from a node again when its distance drops: moving through a
	// check costs nothing.
	for head := 0; head < len(queue); head++ {
		id := g.first[queue[head]]
		for _, p := range in[inOff[id]:inOff[id+1]] {
			cost := int32(1)
			if automatic[p] {
				cost = 0
			}
			d := dist[id] + cost
			if old := dist[g.first[p]]; old < 0 || d < old {
				dist[g.first[p]] = d
				queue = append(queue, p)
			}
		}
	}
	out := make(map[string]int, len(g.num))
	for id, i := range g.num {
		if dist[i] >= 0 {
			out[id] = int(dist[i])
		}
	}
	return out
}

// longest finds, for each node from which an end can be reached, the most non-check steps to an
// end along a path that visits no node twice (span.go says how), keyed by id. An id several nodes
// have stands for the last of them here, as it did when this was worked out over a map.
func (g *flowGraph) longest() map[string]int {
	last := make([]int32, len(g.nodes)) // by id: the last node that has it
	for i, id := range g.first {
		if id >= 0 {
			last[id] = int32(i)
		}
	}
	part := g.loops(last)
	memo := make([]int32, len(g.nodes)) // by id: -2 not worked out yet, -1 no end reached, or the most
	for i := range memo {
		memo[i] = -2
	}
	cost := make([]int32, len(g.nodes)) // by id
	final := make([]bool, len(g.nodes))
	for _, i := range g.num {
		t := g.nodes[last[i]].Def().Traits()
		final[i] = t.Final
		if !t.Automatic && !t.Final {
			cost[i] = 1
		}
	}
	on := make([]bool, len(g.nodes)) // by id: on the path walked now (a walk never leaves its part)
	budget := longestBudget
	var solve func(id int32) int32
	solve = func(id int32) int32 {
		if v := memo[id]; v != -2 {
			return v
		}
		memo[id] = -1 // while it is worked out; a part never leads back to itself
		best := int32(-1)
		var walk func(n int32, acc int32)
		walk = func(n int32, acc int32) {
			budget--
			acc += cost[n]
			if final[n] {
				best = max(best, acc)
				return
			}
			on[n] = true
			for _, t := range g.targets(last[n]) {
				switch {
				case t < 0:
				case part[t] != part[n]:
					if rest := solve(t); rest >= 0 {
						best = max(best, acc+rest)
					}
				case !on[t] && budget > 0:
					walk(t, acc)
				}
			}
			on[n] = false
		}
		walk(id, 0)
		memo[id] = best
		return best
	}
	out := make(map[string]int, len(g.num))
	for i, n := range g.nodes {
		if g.first[i] == int32(i) {
			if v := solve(int32(i)); v >= 0 {
				out[n.ID] = int(v)
			}
		}
	}
	return out
}

// loops numbers the strongly connected parts of the graph (Tarjan's algorithm), by id: two ids
// have the same number when each can be reached from the other. last is the node each id stands for.
func (g *flowGraph) loops(last []int32) []int32 {
	index, low := make([]int32, len(g.nodes)), make([]int32, len(g.nodes))
	for i := range index {
		index[i] = -1
	}
	onStack := make([]bool, len(g.nodes))
	var stack []int32
	part := make([]int32, len(g.nodes))
	next, parts := int32(0), int32(0)
	var visit func(id int32)
	visit = func(id int32) {
		index[id], low[id] = next, next
		next++
		stack = append(stack, id)
		onStack[id] = true
		for _, t := range g.targets(last[id]) {
			if t < 0 {
				continue
			}
			if index[t] < 0 {
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
	for _, id := range g.first {
		if id >= 0 && index[id] < 0 {
			visit(id)
		}
	}
	return part
}
