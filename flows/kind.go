package flows

import (
	"slices"
	"time"
)

// A node kind is one definition, in one file: kind_message.go, kind_choice.go, kind_input.go,
// kind_check.go, kind_end.go. Each says which keys the kind takes (read by the loader and the JSON
// Schema), what else the loader checks, what the kind is (answered, automatic, final), how it takes an
// answer and where that leads, how the graph draws it, which moves the explorer tries, and what it
// asks (the Prompt both front ends draw). Nothing else in the program switches on a node's kind; adding
// a kind is adding a file (and its words in the docs).

// Kind is what a node does.
type Kind string

// KindDef is the definition of one node kind.
type KindDef interface {
	// Kind is the name a flow file writes after `kind:`.
	Kind() Kind
	// About is one line for writers: what the kind does.
	About() string
	// Keys are the node keys the kind forbids, needs, and needs one of.
	Keys() KeyRules
	// Traits say what the rest of the program needs to know about the kind.
	Traits() KindTraits
	// Shape is how a graph of the flow draws the kind.
	Shape() Shape
	// Example is the smallest valid node of the kind, key by key as YAML, leading to a node called
	// done: for the docs, and for the tests that hold the schema and the loader to the same rules.
	Example() map[string]string

	// validate reports what the loader checks beyond Keys; waysOut is true when the kind has its
	// own way out (a choice's options), or needs none (an end).
	validate(v *validator, n *Node) (waysOut bool)
	// answer takes a typed answer at a node of this kind and moves on.
	answer(s State, n *Node, input string, now time.Time) (State, error)
	// Moves are the moves worth trying at a node of this kind, for the explorer; candidates are the
	// values the flow's conditions compare the node's answer with.
	Moves(n *Node, candidates []string) []Move
	// ask fills in the kind's part of the prompt.
	ask(s State, n *Node, p *Prompt)
	// Detail is a line the graph adds to the node's box ("check: card"), or "".
	Detail(n *Node) string
}

// KeyRules are the keys of a node that a kind forbids or needs. The loader reports a forbidden key;
// the schema forbids it and requires the rest, so an editor underlines what the loader refuses.
type KeyRules struct {
	Forbid  []string   // keys this kind does not use
	Require []string   // keys it must have
	AnyOf   [][]string // for each group, at least one of these keys
}

// KindTraits say what a kind is to the engine, the loader and the writer's tools.
type KindTraits struct {
	Answered  bool // the shopper answers it, and conditions and {{references}} may name the answer
	Automatic bool // the program does the step (a check): it is not counted, nor gone back to, nor passed by audience
	Final     bool // the walk ends here
	Reads     bool // the shopper reads it and goes on, with no answer
	Picks     bool // the answer picks one of the node's options, which may have a goto of their own
	Passes    bool // the walk goes through it by itself, by its branches or next (a call, a part's return)
}

// Shape is how a graph draws a kind: Mermaid brackets and class, Graphviz attributes and fill.
type Shape struct {
	Mermaid [2]string // the brackets around the text, e.g. {"{", "}"} for a rhombus
	Class   string    // a Mermaid class for the kind, or ""
	Dot     []string  // Graphviz attributes, e.g. shape=diamond
	Rounded bool      // Graphviz: rounded corners
	Fill    string    // Graphviz fill colour, or ""
}

// kindDefs holds every kind by name, and Kinds their names in the order the docs explain them.
var (
	kindDefs  = map[Kind]KindDef{}
	kindOrder = map[Kind]int{}
	// Kinds lists every node kind, in the order the docs explain them.
	Kinds []Kind
)

// registerKind adds a kind; order places it in Kinds. Each kind's file calls it from init.
func registerKind(order int, d KindDef) {
	k := d.Kind()
	kindDefs[k], kindOrder[k] = d, order
	Kinds = append(Kinds, k)
	slices.SortStableFunc(Kinds, func(a, b Kind) int { return kindOrder[a] - kindOrder[b] })
}

// registerHiddenKind adds a kind that no flow file writes: the loader makes its nodes (parts.go).
func registerHiddenKind(d KindDef) { hiddenKinds[d.Kind()] = d }

var hiddenKinds = map[Kind]KindDef{}

// KindOf returns the definition of a kind, and false when there is no such kind.
func KindOf(k Kind) (KindDef, bool) {
	d, ok := kindDefs[k]
	return d, ok
}

// Def returns the definition of the node's kind; for a kind that does not exist (which the loader
// refuses) it is one that asks nothing, answers nothing and leads nowhere.
func (n *Node) Def() KindDef {
	if d, ok := kindDefs[n.Kind]; ok {
		return d
	}
	if d, ok := hiddenKinds[n.Kind]; ok && n.from != nil {
		return d
	}
	return unknownKind{n.Kind}
}

// unknownKind stands for a kind no file defines, so that the graph can still draw a broken flow.
type unknownKind struct{ kind Kind }

func (u unknownKind) Kind() Kind                 { return u.kind }
func (unknownKind) About() string                { return "" }
func (unknownKind) Keys() KeyRules               { return KeyRules{} }
func (unknownKind) Traits() KindTraits           { return KindTraits{} }
func (unknownKind) Shape() Shape                 { return Shape{Mermaid: [2]string{"[", "]"}} }
func (unknownKind) Example() map[string]string   { return nil }
func (unknownKind) Detail(*Node) string          { return "" }
func (unknownKind) ask(State, *Node, *Prompt)    {}
func (unknownKind) Moves(*Node, []string) []Move { return nil }

// validate is not reached: the loader reports the unknown kind itself.
func (unknownKind) validate(*validator, *Node) bool { return true }

func (unknownKind) answer(s State, _ *Node, _ string, _ time.Time) (State, error) {
	return s, ErrNotAnswerable
}
