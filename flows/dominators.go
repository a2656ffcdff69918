package flows

// dominators is a flow's dominator tree: node a dominates node b when every path from the start to
// b passes a. It is built by the Lengauer–Tarjan algorithm (with path compression), in about linear
// time, so lint stays fast on a flow of 100,000 nodes; every loop is iterative, so a long chain of
// nodes needs no deep stack.
type dominators struct {
	g        *flowGraph
	index    []int32 // by id (nodegraph.go): its number in depth-first order; -1: not reached
	pre, end []int   // the dominator tree's own depth-first entry and exit, by that number
}

func newDominators(g *flowGraph, start string) *dominators {
	d := &dominators{g: g, index: make([]int32, len(g.nodes))}
	for i := range d.index {
		d.index[i] = -1
	}
	s, ok := g.num[start]
	if !ok {
		return d
	}
	order, parent := d.number(s)
	preds := make([][]int, len(order))
	for i, id := range order {
		for _, t := range g.targets(id) {
			if t >= 0 && d.index[t] >= 0 {
				preds[d.index[t]] = append(preds[d.index[t]], i)
			}
		}
	}
	d.times(immediateDominators(parent, preds))
	return d
}

// number walks depth-first from the start, numbering each node reached in the order it is first
// seen, and returns the nodes (ids) in that order with each one's parent in the walk (-1 for the start).
func (d *dominators) number(start int32) (order []int32, parent []int) {
	type frame struct {
		id     int32
		parent int
	}
	stack := []frame{{start, -1}}
	for len(stack) > 0 {
		fr := stack[len(stack)-1]
		stack = stack[:len(stack)-1]
		if d.index[fr.id] >= 0 {
			continue
		}
		d.index[fr.id] = int32(len(order))
		order = append(order, fr.id)
		parent = append(parent, fr.parent)
		me := len(order) - 1
		targets := d.g.targets(fr.id)
		for i := len(targets) - 1; i >= 0; i-- {
			if t := targets[i]; t >= 0 && d.index[t] < 0 {
				stack = append(stack, frame{t, me})
			}
		}
	}
	return order, parent
}

// immediateDominators is Lengauer and Tarjan's algorithm over nodes numbered depth-first (0 is the
// start): each node's immediate dominator, -1 for the start.
func immediateDominators(parent []int, preds [][]int) []int {
	n := len(parent)
	semi, idom, ancestor, label := make([]int, n), make([]int, n), make([]int, n), make([]int, n)
	bucket := make([][]int, n)
	for i := range n {
		semi[i], ancestor[i], label[i], idom[i] = i, -1, i, -1
	}
	var path []int
	eval := func(v int) int {
		if ancestor[v] < 0 {
			return v
		}
		// Compress the path from v up to the root of its tree in the forest, without recursion.
		path = path[:0]
		for u := v; ancestor[ancestor[u]] >= 0; u = ancestor[u] {
			path = append(path, u)
		}
		for i := len(path) - 1; i >= 0; i-- {
			u := path[i]
			if a := ancestor[u]; semi[label[a]] < semi[label[u]] {
				label[u] = label[a]
			}
			ancestor[u] = ancestor[ancestor[u]]
		}
		return label[v]
	}
	for w := n - 1; w >= 1; w-- {
		for _, v := range preds[w] {
			if u := eval(v); semi[u] < semi[w] {
				semi[w] = semi[u]
			}
		}
		bucket[semi[w]] = append(bucket[semi[w]], w)
		p := parent[w]
		ancestor[w] = p
		for _, v := range bucket[p] {
			if u := eval(v); semi[u] < semi[v] {
				idom[v] = u
			} else {
				idom[v] = p
			}
		}
		bucket[p] = nil
	}
	for w := 1; w < n; w++ {
		if idom[w] != semi[w] {
			idom[w] = idom[idom[w]]
		}
	}
	return idom
}

// times numbers the dominator tree depth-first, entry and exit, to answer "a above b" in constant time.
func (d *dominators) times(idom []int) {
	n := len(idom)
	d.pre, d.end = make([]int, n), make([]int, n)
	if n == 0 {
		return
	}
	children := make([][]int, n)
	for w := 1; w < n; w++ {
		children[idom[w]] = append(children[idom[w]], w)
	}
	clock := 0
	type visit struct{ v, next int }
	walk := []visit{{0, 0}}
	for len(walk) > 0 {
		top := &walk[len(walk)-1]
		if top.next < len(children[top.v]) {
			c := children[top.v][top.next]
			top.next++
			clock++
			d.pre[c] = clock
			walk = append(walk, visit{c, 0})
			continue
		}
		d.end[top.v] = clock
		walk = walk[:len(walk)-1]
	}
}

// at is the number of node id in depth-first order, or -1 when no walk from the start reaches it.
func (d *dominators) at(id string) int32 {
	if i, ok := d.g.num[id]; ok {
		return d.index[i]
	}
	return -1
}

// reached reports whether a walk from the start can reach node id.
func (d *dominators) reached(id string) bool { return d.at(id) >= 0 }

// dominates reports whether every path from the start to node b passes node a (a node dominates
// itself). A node no walk reaches is dominated by none.
func (d *dominators) dominates(a, b string) bool {
	i, j := d.at(a), d.at(b)
	return i >= 0 && j >= 0 && d.pre[i] <= d.pre[j] && d.end[j] <= d.end[i]
}
