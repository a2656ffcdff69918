package author

import (
	"errors"
	"fmt"
	"regexp"
	"slices"
	"strings"

	"github.com/unstuck-dev/unstuck/flows"
)

// GraphFormats are the formats Graph draws: Mermaid (renders on GitHub) and Graphviz DOT.
var GraphFormats = []string{"mermaid", "dot"}

// Graph draws an exact map of a flow: every node, with its id and title, and every way out of it,
// labelled with the option, the branch's condition in plain words, or next. End and check nodes have
// their own shapes and colours; unreachable nodes, dead ends and loops with no way to an end are
// highlighted, and so are targets that do not exist (in a flow from DecodeLoose). The output follows
// the source order, so the same flow always gives the same text.
func Graph(f *flows.Flow, format string) (string, error) {
	if f == nil {
		return "", errors.New("there is no flow to draw")
	}
	switch format {
	case "mermaid":
		return buildMap(f).mermaid(), nil
	case "dot":
		return buildMap(f).dot(), nil
	}
	return "", fmt.Errorf("there is no graph format %q; use %s", flows.Clip(format), strings.Join(GraphFormats, " or "))
}

// flowMap is a flow laid out for drawing: nodes in source order (targets that do not exist last) and
// edges in the order the engine tries them: options, branches, next.
type flowMap struct {
	id    string
	nodes []mapNode
	edges []mapEdge
	start int         // index of the start node, -1 when the flow has none
	parts []partGroup // the steps of each call of a part, drawn as a group (graph_parts.go)
}

type mapNode struct {
	id       string
	title    string
	text     string
	kind     flows.Kind
	def      flows.KindDef
	detail   string // what the kind adds to the box: the check a check node runs, how an end ends
	missing  bool   // a target that is not in the flow
	problems []string
}

type mapEdge struct {
	from, to int
	label    string
	unused   bool // the engine can never take it
}

func buildMap(f *flows.Flow) *flowMap {
	m := &flowMap{id: f.ID, start: -1}
	index := map[string]int{}
	for _, n := range f.Nodes {
		mn := mapNode{id: n.ID, title: n.Title, text: n.Text, kind: n.Kind, def: n.Def(), detail: n.Def().Detail(n)}
		if _, dup := index[n.ID]; dup {
			mn.problems = append(mn.problems, "duplicate id")
		} else {
			index[n.ID] = len(m.nodes)
		}
		m.nodes = append(m.nodes, mn)
	}
	to := func(id string) int {
		if i, ok := index[id]; ok {
			return i
		}
		index[id] = len(m.nodes)
		m.nodes = append(m.nodes, mapNode{id: id, missing: true, problems: []string{"no such node"}})
		return index[id]
	}
	if f.Start != "" {
		m.start = to(f.Start)
	}
	for i, n := range f.Nodes {
		m.addEdges(i, n, to)
	}
	m.markProblems(f)
	m.parts = partGroups(f)
	return m
}

// addEdges adds every way out of node n (at index i), in the order the engine tries them.
func (m *flowMap) addEdges(i int, n *flows.Node, to func(string) int) {
	add := func(target, label string, unused bool) {
		if target == "" {
			return
		}
		if unused {
			label += " (never taken)"
		}
		m.edges = append(m.edges, mapEdge{from: i, to: to(target), label: label, unused: unused})
	}
	// At a choice, options with their own goto go there; the others fall through to branches and next.
	picks := n.Def().Traits().Picks
	fallsThrough := !picks
	anyGoto := false
	for _, o := range n.Options {
		if o.Goto != "" {
			anyGoto = true
			add(o.Goto, flows.ShortLine(o.Label, 60), false)
		} else {
			fallsThrough = true
		}
	}
	fallback := false // a branch without a condition has been seen: the rest are never tried
	for _, b := range n.Branch {
		label := "else"
		if b.When != nil {
			label, _ = describeCond(b.When)
		}
		add(b.Goto, label, fallback || !fallsThrough)
		fallback = fallback || b.When == nil
	}
	label := "next"
	switch {
	case len(n.Branch) > 0:
		label = "else"
	case picks && fallsThrough && anyGoto:
		label = "other answers"
	case picks && fallsThrough:
		label = "any answer"
	}
	add(n.Next, label, fallback || !fallsThrough)
}

// markProblems notes what the loader warns about or refuses: nodes that cannot be reached from start,
// dead ends, and nodes from which no path leads to an end.
func (m *flowMap) markProblems(f *flows.Flow) {
	out := make([][]int, len(m.nodes))
	in := make([][]int, len(m.nodes))
	for _, e := range m.edges {
		out[e.from] = append(out[e.from], e.to)
		in[e.to] = append(in[e.to], e.from)
	}
	walk := func(from []int, next [][]int) []bool {
		seen := make([]bool, len(m.nodes))
		queue := slices.Clone(from)
		for _, i := range queue {
			seen[i] = true
		}
		for len(queue) > 0 {
			i := queue[0]
			queue = queue[1:]
			for _, j := range next[i] {
				if !seen[j] {
					seen[j] = true
					queue = append(queue, j)
				}
			}
		}
		return seen
	}
	var reached []bool
	if m.start >= 0 {
		reached = walk([]int{m.start}, out)
	}
	// As in the loader, a missing target counts as a way out, so that one mistake is reported once.
	var exits []int
	for i, n := range m.nodes {
		if n.final() || n.missing {
			exits = append(exits, i)
		}
	}
	ends := walk(exits, in)
	for i := range f.Nodes {
		n, src := &m.nodes[i], f.Nodes[i]
		switch {
		case n.kind == "":
			n.problems = append(n.problems, "no kind")
		case !slices.Contains(flows.Kinds, n.kind) && src.Def().About() == "": // a part's return is no written kind
			n.problems = append(n.problems, fmt.Sprintf("unknown kind %q", flows.ShortLine(string(n.kind), 20)))
		}
		if reached != nil && !reached[i] {
			n.problems = append(n.problems, "unreachable from start")
		}
		switch {
		case n.final():
		case len(out[i]) == 0:
			n.problems = append(n.problems, "dead end: no way out")
		case n.def.Traits().Picks && src.Next == "" && len(src.Branch) == 0 && slices.ContainsFunc(src.Options, func(o *flows.Option) bool { return o.Goto == "" }):
			n.problems = append(n.problems, "dead end: an option leads nowhere")
		case !ends[i]:
			n.problems = append(n.problems, "no path to an end")
		}
	}
}

// shape is how the node's kind is drawn; a missing node is a plain box.
func (n mapNode) shape() flows.Shape {
	if n.missing || n.def == nil {
		return (&flows.Node{}).Def().Shape()
	}
	return n.def.Shape()
}

// final reports whether the node ends the flow.
func (n mapNode) final() bool { return n.def != nil && n.def.Traits().Final }

// lines is what a node's box says: its id, its title, what it checks or how it ends, and its problems.
func (n mapNode) lines() []string {
	lines := []string{flows.ShortLine(n.id, 60)}
	if t := flows.ShortLine(n.title, 80); t != "" {
		lines = append(lines, t)
	} else if t := flows.ShortLine(n.text, 40); t != "" {
		lines = append(lines, t) // a message or question without a title: its first words
	}
	if n.detail != "" {
		lines = append(lines, n.detail)
	}
	for _, p := range n.problems {
		lines = append(lines, "⚠ "+p)
	}
	return lines
}

// describeCond puts a condition in plain words: "amount > 100", "outcome: expired", "mood = bad and
// note given". compound is true when the words join several tests, so a caller nests them in brackets.
func describeCond(c *flows.Cond) (text string, compound bool) {
	var parts []string
	if subject := condSubject(c); subject != "" {
		a := flows.ShortLine(subject, 30)
		if c.Given != nil {
			if *c.Given {
				parts = append(parts, a+" given")
			} else {
				parts = append(parts, a+" not given")
			}
		}
		for _, t := range []struct {
			op  string
			val *string
		}{{"=", c.Equals}, {"≠", c.NotEquals}, {">", c.Gt}, {"≥", c.Gte}, {"<", c.Lt}, {"≤", c.Lte}, {"ticked", c.Has}} {
			if t.val != nil {
				parts = append(parts, a+" "+t.op+" "+condValue(*t.val))
			}
		}
		if len(c.In) > 0 {
			parts = append(parts, a+" = "+orList(c.In))
		}
		if len(parts) == 0 {
			parts = append(parts, a+" answered")
		}
	}
	prefix := ""
	if c.Check != "" {
		prefix = flows.ShortLine(c.Check, 30) + " "
	}
	if len(c.Outcome) > 0 {
		parts = append(parts, prefix+"outcome: "+orList(c.Outcome))
	}
	if len(c.Status) > 0 {
		parts = append(parts, prefix+"status: "+orList(c.Status))
	}
	nested := func(sub *flows.Cond) string {
		if sub == nil {
			return "?"
		}
		s, compound := describeCond(sub)
		if compound {
			return "(" + s + ")"
		}
		return s
	}
	if len(c.All) > 0 {
		all := make([]string, len(c.All))
		for i, sub := range c.All {
			all[i] = nested(sub)
		}
		parts = append(parts, strings.Join(all, " and "))
	}
	if len(c.Any) > 0 {
		anyOf := make([]string, len(c.Any))
		for i, sub := range c.Any {
			anyOf[i] = nested(sub)
		}
		s := strings.Join(anyOf, " or ")
		if len(c.Any) > 1 && (len(parts) > 0 || c.Not != nil) {
			s = "(" + s + ")"
		}
		parts = append(parts, s)
	}
	if c.Not != nil {
		s, _ := describeCond(c.Not)
		parts = append(parts, "not ("+s+")")
	}
	if len(parts) == 0 {
		return "always", false
	}
	text = strings.Join(parts, " and ")
	return clipRunes(text, 80), strings.Contains(text, " and ") || strings.Contains(text, " or ")
}

// condValue shows a value from a condition, in quotes when it has spaces or is empty.
func condValue(v string) string {
	v = flows.ShortLine(v, 30)
	if v == "" || strings.ContainsAny(v, " ,") {
		return `"` + v + `"`
	}
	return v
}

// orList shows a list of values as "a", "a or b", "a, b or c".
func orList(vals []string) string {
	shown := make([]string, len(vals))
	for i, v := range vals {
		shown[i] = condValue(v)
	}
	if len(shown) == 1 {
		return shown[0]
	}
	return strings.Join(shown[:len(shown)-1], ", ") + " or " + shown[len(shown)-1]
}

// Mermaid. Node ids are n0, n1, ... (m0, ... for missing targets): flow ids such as end-good would
// otherwise clash with Mermaid's keywords (end, class, style, ...). Text goes in "quoted" labels with
// everything Mermaid or its HTML labels could read as markup written as an entity (#quot; and so on).

func (m *flowMap) mermaidID(i int) string {
	if m.nodes[i].missing {
		return fmt.Sprintf("m%d", i)
	}
	return fmt.Sprintf("n%d", i)
}

func (m *flowMap) mermaid() string {
	var b strings.Builder
	b.WriteString("flowchart TD\n")
	fmt.Fprintf(&b, "    %%%% Map of the flow %s, drawn by unstuck graph\n", flows.ShortLine(m.id, 60))
	if m.start >= 0 {
		fmt.Fprintf(&b, "    entry((\"start\")) --> %s\n", m.mermaidID(m.start))
	}
	classes := map[string][]string{}
	for i, n := range m.nodes {
		lines := n.lines()
		for j, l := range lines {
			lines[j] = mermaidText(l)
		}
		text := `"` + strings.Join(lines, "<br/>") + `"`
		id := m.mermaidID(i)
		shape := n.shape()
		fmt.Fprintf(&b, "    %s%s%s%s\n", id, shape.Mermaid[0], text, shape.Mermaid[1])
		if shape.Class != "" {
			classes[shape.Class] = append(classes[shape.Class], id)
		}
		if len(n.problems) > 0 {
			classes["warn"] = append(classes["warn"], id)
		}
	}
	for _, e := range m.edges {
		arrow := "-->"
		if e.unused {
			arrow = "-.->"
		}
		fmt.Fprintf(&b, "    %s %s|\"%s\"| %s\n", m.mermaidID(e.from), arrow, mermaidText(e.label), m.mermaidID(e.to))
	}
	m.mermaidParts(&b)
	// Dark text on light fills reads in GitHub's light and dark themes alike; warn comes last to win.
	b.WriteString("    classDef entry fill:#444,stroke:#444,color:#fff\n")
	b.WriteString("    classDef final fill:#e6f4ea,stroke:#2e7d32,stroke-width:2px,color:#1b1b1b\n")
	b.WriteString("    classDef check fill:#e8f0fe,stroke:#1a56db,color:#1b1b1b\n")
	b.WriteString("    classDef warn fill:#fdecea,stroke:#c62828,stroke-width:3px,stroke-dasharray: 6 3,color:#1b1b1b\n")
	if m.start >= 0 {
		b.WriteString("    class entry entry\n")
	}
	for _, c := range []string{"final", "check", "warn"} {
		if ids := classes[c]; len(ids) > 0 {
			fmt.Fprintf(&b, "    class %s %s\n", strings.Join(ids, ","), c)
		}
	}
	return b.String()
}

var mermaidDirection = regexp.MustCompile(`direction(\s+(?:TB|BT|RL|LR|TD))`)

// mermaidText escapes text for a "quoted" Mermaid label.
func mermaidText(s string) string {
	var b strings.Builder
	for _, r := range s {
		switch r {
		case '"':
			b.WriteString("#quot;")
		case '#':
			b.WriteString("#35;")
		case '&':
			b.WriteString("#amp;")
		case '<':
			b.WriteString("#lt;")
		case '>':
			b.WriteString("#gt;")
		case '`': // "` starts a Markdown label
			b.WriteString("#96;")
		case '|':
			b.WriteString("#124;")
		case '$': // $$ starts maths
			b.WriteString("#36;")
		default:
			b.WriteRune(r)
		}
	}
	// Mermaid's lexer takes any line holding "direction LR" (and the like) for a direction statement.
	return mermaidDirection.ReplaceAllString(b.String(), "directio#110;$1")
}

// DOT (Graphviz). Node ids are quoted strings n0, n1, ...; labels are quoted with \ and " escaped, and
// \n between lines.

func (m *flowMap) dotID(i int) string {
	if m.nodes[i].missing {
		return fmt.Sprintf("m%d", i)
	}
	return fmt.Sprintf("n%d", i)
}

func (m *flowMap) dot() string {
	var b strings.Builder
	fmt.Fprintf(&b, "digraph %s {\n", dotString(flows.ShortLine(m.id, 60)))
	b.WriteString("    // Map of the flow, drawn by unstuck graph\n")
	b.WriteString("    graph [rankdir=TB, fontname=\"Helvetica\"];\n")
	b.WriteString("    node [fontname=\"Helvetica\", fontsize=11, shape=box];\n")
	b.WriteString("    edge [fontname=\"Helvetica\", fontsize=10];\n")
	if m.start >= 0 {
		b.WriteString("    entry [shape=circle, label=\"start\", style=filled, fillcolor=\"#444444\", fontcolor=\"#ffffff\"];\n")
		fmt.Fprintf(&b, "    entry -> %s;\n", m.dotID(m.start))
	}
	for i, n := range m.nodes {
		lines := n.lines()
		for j, l := range lines {
			lines[j] = dotEscape(l)
		}
		attrs := []string{"label=\"" + strings.Join(lines, `\n`) + "\""}
		var style []string
		shape := n.shape()
		attrs = append(attrs, shape.Dot...)
		if shape.Rounded {
			style = append(style, "rounded")
		}
		fill := shape.Fill
		if len(n.problems) > 0 {
			attrs = append(attrs, "color=\"#c62828\"", "penwidth=2")
			style = append(style, "dashed")
			fill = "#fdecea"
		}
		if fill != "" {
			style = append(style, "filled")
			attrs = append(attrs, "fillcolor=\""+fill+"\"")
		}
		if len(style) > 0 {
			attrs = append(attrs, "style=\""+strings.Join(style, ",")+"\"")
		}
		fmt.Fprintf(&b, "    %s [%s];\n", m.dotID(i), strings.Join(attrs, ", "))
	}
	for _, e := range m.edges {
		attrs := "label=" + dotString(e.label)
		if e.unused {
			attrs += ", style=dashed"
		}
		fmt.Fprintf(&b, "    %s -> %s [%s];\n", m.dotID(e.from), m.dotID(e.to), attrs)
	}
	m.dotParts(&b)
	b.WriteString("}\n")
	return b.String()
}

// dotEscape escapes text for a DOT quoted string: a backslash would start an escape (\n, \l, \N, ...).
func dotEscape(s string) string {
	return strings.NewReplacer(`\`, `\\`, `"`, `\"`, "\n", " ", "\r", " ").Replace(s)
}

func dotString(s string) string { return `"` + dotEscape(s) + `"` }

func clipRunes(s string, max int) string {
	if r := []rune(s); len(r) > max {
		return string(r[:max-1]) + "…"
	}
	return s
}
