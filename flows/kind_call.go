package flows

import "time"

// KindCall runs a part of the flow (a group of steps written once under `parts:`) and comes back:
// the part's ends with `outcome: return` go on by the call's next or branches. The loader copies the
// part's steps into the flow under the call's id (parts.go), so the engine, the summary, the graph and
// the explorer walk them as any other steps; the walk passes the call step itself without stopping.
const KindCall Kind = "call"

func init() {
	registerKind(45, callKind{})
	registerHiddenKind(returnKind{})
}

type callKind struct{}

func (callKind) Kind() Kind    { return KindCall }
func (callKind) About() string { return "runs a part of the flow, then comes back and goes on" }

func (callKind) Keys() KeyRules {
	return KeyRules{
		Forbid:  []string{"text", "help", "label", "options", "input", "check", "with", "outcome", "advice", "question", "result", "staff_note"},
		Require: []string{"part"},
		AnyOf:   [][]string{{"next", "branches"}},
	}
}

func (callKind) Example() map[string]string {
	return map[string]string{"kind": "call", "part": "p", "next": "done"}
}

func (callKind) Traits() KindTraits { return KindTraits{Automatic: true, Passes: true} }
func (callKind) Shape() Shape {
	return Shape{Mermaid: [2]string{"[[", "]]"}, Dot: []string{"shape=box", "peripheries=2"}}
}
func (callKind) Detail(n *Node) string { return "part: " + ShortLine(n.Part, 30) }

// validate: the part is found, and copied out, by expandParts before validation runs.
func (callKind) validate(v *validator, n *Node) bool {
	if n.Part == "" {
		v.errorf(v.at(n), CodeMissingField, "add `part:` with the name of one of the flow's parts", "call step %q names no part to run", n.ID)
	}
	return false
}

func (callKind) answer(s State, _ *Node, _ string, _ time.Time) (State, error) {
	return s, ErrNotAnswerable
}
func (callKind) Moves(*Node, []string) []Move { return nil }
func (callKind) ask(State, *Node, *Prompt)    {}

// kindReturn is a part's end with `outcome: return`, as the loader copies it into the flow: it goes
// on by the call's next or branches, which the loader gives it. No flow file writes it.
const kindReturn Kind = "(return)"

type returnKind struct{}

func (returnKind) Kind() Kind                   { return kindReturn }
func (returnKind) About() string                { return "goes back from a part to the step after its call" }
func (returnKind) Keys() KeyRules               { return KeyRules{} }
func (returnKind) Traits() KindTraits           { return KindTraits{Automatic: true, Passes: true} }
func (returnKind) Example() map[string]string   { return nil }
func (returnKind) Detail(*Node) string          { return "return" }
func (returnKind) Moves(*Node, []string) []Move { return nil }
func (returnKind) ask(State, *Node, *Prompt)    {}
func (returnKind) Shape() Shape {
	return Shape{Mermaid: [2]string{"((", "))"}, Dot: []string{"shape=circle"}}
}

// validate: the ways out are the call's, checked where the call writes them.
func (returnKind) validate(*validator, *Node) bool { return false }

func (returnKind) answer(s State, _ *Node, _ string, _ time.Time) (State, error) {
	return s, ErrNotAnswerable
}
