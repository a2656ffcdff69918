package flows

import (
	"fmt"
	"maps"
	"slices"
	"strings"
)

// Parts: steps written once and run from several places. A flow's `parts:` names groups of steps,
// each with its own start; a step `kind: call` with `part: NAME` runs one, and the part's ends
// written `kind: end` with `outcome: return` come back and go on by the call's next or branches
// (its other ends end the flow, as any end does).
//
// The loader copies each called part into the flow, once per call, under the call's id: the step
// card-number of the part called by check-card becomes check-card.card-number. So the answers of a
// part are its call's own (a part called twice asks twice and keeps both answers), steps after the
// call name them with that prefix ({{check-card.card-number}}, `answer: check-card.card-number`),
// and inside the part they are named as written. A part may read the answers of the steps that
// call it by their ids. Because the copies are ordinary steps, the engine, the summary, the graph,
// the explorer, flow tests and the progress range need nothing of their own for parts. A part that
// calls itself, directly or through another, is refused.

// Part is a named group of steps that call steps run (kind: call, part: NAME).
type Part struct {
	ID    string  `yaml:"-"`
	Start string  `yaml:"start,required" desc:"The id of the part's first step."`
	Nodes []*Node `yaml:"nodes,required,keyed" desc:"The part's steps, each under its id. An end with outcome: return goes back to the step that called the part."`
}

// OutcomeReturn is the outcome of a part's end that goes back to the call.
const OutcomeReturn = "return"

// maxPartSteps bounds the steps a flow may grow to once its parts are copied out: parts that call
// parts twice over, a few levels deep, would otherwise multiply without end.
const maxPartSteps = 5000

// PartOf is the name of the part a step was copied from and its id there, or "", "" for a step
// written in the flow's own nodes.
func (f *Flow) PartOf(n *Node) (part, id string) {
	if n.from == nil {
		return "", ""
	}
	for _, p := range f.Parts {
		for _, pn := range p.Nodes {
			if pn == n.from {
				return p.ID, pn.ID
			}
		}
	}
	if f.meta != nil {
		return f.meta.shared.partOf(n.from) // a shared part (shared_parts.go)
	}
	return "", ""
}

// writtenNode is a step as written in the file, with the key its texts are translated under.
type writtenNode struct {
	node *Node
	key  string
}

// nodesAsWritten lists the steps as the file has them: the flow's own, then each part's, not the
// copies the loader makes of the parts.
func (f *Flow) nodesAsWritten() []writtenNode {
	out := make([]writtenNode, 0, len(f.Nodes))
	for _, n := range f.Nodes {
		if n != nil && n.from == nil {
			out = append(out, writtenNode{n, "nodes." + n.ID + "."})
		}
	}
	for _, p := range f.Parts {
		if p == nil {
			continue
		}
		for _, n := range p.Nodes {
			if n != nil {
				out = append(out, writtenNode{n, "parts." + p.ID + ".nodes." + n.ID + "."})
			}
		}
	}
	return out
}

// expandParts checks the flow's parts and copies each called part into the flow's nodes, once per
// call; it reports what it cannot copy (an unknown part, a part that calls itself). A call whose part
// the flow's own parts: do not have runs the shared part of that name (shared_parts.go), in lang;
// usedShared says whether any did.
func expandParts(f *Flow, pos *positions, shared *SharedParts, lang string) (diags Diagnostics, usedShared bool) {
	x := &expander{f: f, pos: pos, byName: map[string]*Part{}, shared: shared, lang: lang}
	for _, p := range f.Parts {
		if p == nil {
			continue
		}
		x.checkPart(p)
		x.byName[p.ID] = p
	}
	called := map[string]bool{}
	out := make([]*Node, 0, len(f.Nodes))
	for _, n := range f.Nodes {
		if n == nil {
			continue
		}
		out = append(out, n)
		out = x.call(out, n, nil, called)
	}
	if x.tooMany {
		return x.diags, x.usedShared
	}
	f.Nodes = out
	for _, p := range f.Parts {
		if p != nil && !called[p.ID] {
			x.diags = append(x.diags, Diagnostic{Path: f.Path, Pos: pos.name(p), Severity: SeverityWarning, Code: CodeUnreachable,
				Message: fmt.Sprintf("part %q is never called", p.ID), Hint: "call it from a step with `kind: call` and `part: " + p.ID + "`, or remove it"})
		}
	}
	return x.diags, x.usedShared
}

// checkPart checks what a part says on its own: its name, its steps' ids, its start, and that its
// ways on stay inside it.
func (x *expander) checkPart(p *Part) {
	pos := x.pos
	if !idPattern.MatchString(p.ID) {
		x.errorf(pos.name(p), CodeBadValue, "use lower-case letters, digits, dashes and underscores", "part name %q is not a simple name", clip(p.ID))
	}
	ids := map[string]bool{}
	for _, n := range p.Nodes {
		if n == nil {
			continue
		}
		normalizeNode(n)
		if ids[n.ID] {
			x.errorf(pos.name(n), CodeDuplicateID, "rename one of them", "part %q has two steps called %q", p.ID, clip(n.ID))
		}
		ids[n.ID] = true
		if !idPattern.MatchString(n.ID) {
			x.errorf(pos.name(n), CodeBadValue, "use lower-case letters, digits, dashes and underscores", "step id %q of part %q is not a simple name", clip(n.ID), p.ID)
		}
	}
	if p.Start != "" && !ids[p.Start] {
		x.errorf(pos.key(p, "start"), CodeUnknownTarget, suggest(p.Start, slices.Sorted(maps.Keys(ids))), "part %q starts at %q, which is not one of its steps", p.ID, clip(p.Start))
	}
	x.staysInside(p, ids)
}

type expander struct {
	f       *Flow
	pos     *positions
	byName  map[string]*Part
	diags   Diagnostics
	steps   int
	tooMany bool

	shared     *SharedParts // the library's shared parts, run when the flow has no part of the name
	lang       string       // the language to run them in
	usedShared bool
	at         *partPos // while a shared part is copied: the call's place, where its copies stand
}

// src is where a copy of x stands: where x is written, or, for a step of a shared part (written in
// another file), at the call that runs it.
func (x *expander) src(orig any) *partPos {
	if x.at != nil {
		return x.at
	}
	return x.pos.get(orig)
}

func (x *expander) errorf(pos Pos, code, hint, format string, args ...any) {
	x.diags = append(x.diags, Diagnostic{Path: x.f.Path, Pos: pos, Severity: SeverityError, Code: code, Message: fmt.Sprintf(format, args...), Hint: hint})
}

// unknownPartHint is the hint for a call of a part no one has: the nearest name, and a parts file
// that does not load, with why, since it may be where the part is.
func (x *expander) unknownPartHint(part string) string {
	names := append(slices.Sorted(maps.Keys(x.byName)), x.shared.Names()...)
	hint := suggest(part, names)
	if x.shared == nil || len(x.shared.broken) == 0 {
		return hint
	}
	hint = strings.TrimSpace(hint + " " + fmt.Sprintf("A parts file does not load, and may hold it: %s", clipTo(x.shared.broken[0], 200)))
	if more := len(x.shared.broken) - 1; more > 0 {
		hint += fmt.Sprintf(" (and %d more; unstuck lint on the folder says all)", more)
	}
	return hint
}

// call copies the part that node n calls (when n is a call) after out, and the parts its steps
// call, in turn; stack holds the parts being copied, to refuse a part that calls itself.
func (x *expander) call(out []*Node, n *Node, stack []string, called map[string]bool) []*Node {
	if n.Kind != KindCall || n.Part == "" || x.tooMany {
		return out
	}
	p := x.byName[n.Part]
	var sharedAt *partPos
	if p == nil {
		if p = x.shared.lookup(n.Part, x.lang); p != nil {
			at := x.pos.get(n) // its copies stand at the call; which keys they write is the part file's to check
			x.usedShared, sharedAt = true, &partPos{at: at.at, name: at.name, named: at.named}
		}
	}
	if p == nil {
		x.errorf(x.pos.key(n, "part"), CodeUnknownTarget, x.unknownPartHint(n.Part), "call step %q runs part %q, which neither the flow's parts: nor the library's parts files have", n.ID, clip(n.Part))
		return out
	}
	for i, name := range stack {
		if name == p.ID {
			x.errorf(x.pos.key(n, "part"), CodeNoExit, "a part cannot run itself: move the steps it repeats into a part of their own",
				"part %q calls itself (%s → %s)", p.ID, strings.Join(stack[i:], " → "), p.ID)
			return out
		}
	}
	called[p.ID] = true
	if n.Next == "" && len(n.Branch) == 0 {
		x.errorf(x.pos.of(n), CodeDeadEnd, "add `next:` (or `branches:`) with the step to go on to when the part comes back", "call step %q has no way on for when part %q comes back", n.ID, p.ID)
	}
	prefix := n.ID + "."
	local := map[string]bool{}
	for _, pn := range p.Nodes {
		if pn != nil {
			local[pn.ID] = true
		}
	}
	rename := func(id string) string {
		if local[id] {
			return prefix + id
		}
		return id
	}
	returns := 0
	copies := make([]*Node, 0, len(p.Nodes))
	outer := x.at
	if sharedAt != nil {
		x.at = sharedAt
	}
	defer func() { x.at = outer }()
	for _, pn := range p.Nodes {
		if pn == nil {
			continue
		}
		if x.steps++; x.steps > maxPartSteps {
			x.tooMany = true
			x.errorf(x.pos.key(n, "part"), CodeTooLarge, "call fewer parts from within parts", "with its parts copied out, the flow would have more than %d steps", maxPartSteps)
			return out
		}
		c := x.copyNode(pn, prefix, rename)
		if pn.Kind == KindEnd && pn.Outcome == OutcomeReturn {
			returns++
			x.comeBack(c, pn, n)
		}
		copies = append(copies, c)
	}
	if returns == 0 && (n.Next != "" || len(n.Branch) > 0) {
		x.diags = append(x.diags, Diagnostic{Path: x.f.Path, Pos: x.pos.key(n, "next"), Severity: SeverityWarning, Code: CodeUnreachable,
			Message: fmt.Sprintf("part %q never comes back (none of its ends has `outcome: return`), so the way on of call step %q is never used", p.ID, n.ID),
			Hint:    "end the part's way back with `kind: end` and `outcome: return`"})
	}
	n.Next, n.Branch = prefix+p.Start, nil
	x.at = outer
	stack = append(stack, p.ID)
	for _, c := range copies {
		out = append(out, c)
		out = x.call(out, c, stack, called)
	}
	return out
}

// staysInside reports the ways on of a part's steps that lead out of the part: a part comes back
// by its ends with outcome: return, and nowhere else. Each is reported once, however often the part
// is called (the copies keep such a target as written, so the flow's checks find nothing more).
func (x *expander) staysInside(p *Part, ids map[string]bool) {
	check := func(pos Pos, from, to string) {
		if to != "" && !ids[to] {
			x.errorf(pos, CodeUnknownTarget, suggestOr(to, slices.Sorted(maps.Keys(ids)), "end the part with `kind: end` and `outcome: return`, and go on from the call"),
				"step %q of part %q leads to %q, which is not a step of the part", from, p.ID, clip(to))
		}
	}
	for _, n := range p.Nodes {
		if n == nil {
			continue
		}
		check(x.pos.key(n, "next"), n.ID, n.Next)
		for _, o := range n.Options {
			check(x.pos.key(o, "goto"), n.ID, o.Goto)
		}
		for _, b := range n.Branch {
			check(x.pos.key(b, "goto"), n.ID, b.Goto)
		}
	}
}

// comeBack makes the copy of a part's returning end go on as the call does.
func (x *expander) comeBack(c, end, call *Node) {
	c.Kind, c.Outcome, c.Advice, c.Question = kindReturn, "", nil, ""
	c.Next = call.Next
	c.Branch = make([]*Branch, len(call.Branch))
	for i, b := range call.Branch {
		c.Branch[i] = x.copyBranch(b, func(id string) string { return id })
	}
	// Its place is the end's; its ways on are written at the call.
	at := x.src(end)
	x.pos.parts[c] = &partPos{at: at.at, name: at.name, named: at.named, keys: x.pos.get(call).keys}
}

// copyNode copies a part's step under prefix: its id, its ways on and the names of the part's own
// answers in its texts and conditions. The copy stands where the step is written, for diagnostics.
func (x *expander) copyNode(pn *Node, prefix string, rename func(string) string) *Node {
	c := *pn
	c.ID, c.from = prefix+pn.ID, pn
	if pn.from != nil {
		c.from = pn.from
	}
	refs := func(s string) string {
		return refPattern.ReplaceAllStringFunc(s, func(m string) string {
			name := refPattern.FindStringSubmatch(m)[1]
			return "{{" + rename(name) + "}}"
		})
	}
	lines := func(in []string) []string {
		if in == nil {
			return nil
		}
		out := make([]string, len(in))
		for i, s := range in {
			out[i] = refs(s)
		}
		return out
	}
	c.Title, c.Text, c.Help, c.Label, c.StaffNote, c.Question = refs(pn.Title), refs(pn.Text), refs(pn.Help), refs(pn.Label), refs(pn.StaffNote), refs(pn.Question)
	c.Advice, c.Summary, c.Tried = lines(pn.Advice), lines(pn.Summary), lines(pn.Tried)
	c.Next = rename(pn.Next)
	if pn.With != nil {
		c.With = make(map[string]string, len(pn.With))
		for k, v := range pn.With {
			c.With[k] = refs(v)
		}
	}
	if pn.Input != nil {
		in := *pn.Input
		c.Input = &in
		x.pos.parts[c.Input] = x.src(pn.Input)
	}
	c.Options = make([]*Option, len(pn.Options))
	for i, o := range pn.Options {
		oc := *o
		oc.Label, oc.Answer, oc.Summary, oc.Tried = refs(o.Label), refs(o.Answer), lines(o.Summary), lines(o.Tried)
		oc.Goto = rename(o.Goto)
		c.Options[i] = &oc
		x.pos.parts[&oc] = x.src(o)
	}
	if pn.Options == nil {
		c.Options = nil
	}
	c.Branch = nil
	for _, b := range pn.Branch {
		bc := x.copyBranch(b, rename)
		bc.Goto = rename(b.Goto)
		c.Branch = append(c.Branch, bc)
	}
	x.pos.parts[&c] = x.src(pn)
	return &c
}

func (x *expander) copyBranch(b *Branch, rename func(string) string) *Branch {
	bc := *b
	bc.When = x.copyCond(b.When, rename)
	x.pos.parts[&bc] = x.src(b)
	return &bc
}

func (x *expander) copyCond(c *Cond, rename func(string) string) *Cond {
	if c == nil {
		return nil
	}
	cc := *c
	if c.Answer != "" {
		cc.Answer = rename(c.Answer)
	}
	if c.Check != "" {
		cc.Check = rename(c.Check)
	}
	cc.All, cc.Any = nil, nil
	for _, sub := range c.All {
		cc.All = append(cc.All, x.copyCond(sub, rename))
	}
	for _, sub := range c.Any {
		cc.Any = append(cc.Any, x.copyCond(sub, rename))
	}
	cc.Not = x.copyCond(c.Not, rename)
	x.pos.parts[&cc] = x.src(c)
	return &cc
}

// once drops a diagnostic reported again at the same place for the same reason: a part called twice
// is checked in each of its copies, and its mistakes are the writer's once.
func once(diags Diagnostics, parts bool) Diagnostics {
	if !parts {
		return diags
	}
	type at struct {
		pos  Pos
		code string
	}
	seen := map[at]bool{}
	out := diags[:0:0]
	for _, d := range diags {
		k := at{d.Pos, d.Code}
		if seen[k] {
			continue
		}
		seen[k] = true
		out = append(out, d)
	}
	return out
}
