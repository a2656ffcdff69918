package flows

import "time"

// KindMessage shows text, then goes to next.
const KindMessage Kind = "message"

func init() { registerKind(10, messageKind{}) }

type messageKind struct{}

func (messageKind) Kind() Kind    { return KindMessage }
func (messageKind) About() string { return "shows text, then goes to next" }

func (messageKind) Keys() KeyRules {
	return KeyRules{
		Forbid: []string{"options", "input", "check", "with", "outcome", "advice", "question", "result", "part"},
		AnyOf:  [][]string{{"text", "title"}, {"next", "branches"}},
	}
}

func (messageKind) Example() map[string]string {
	return map[string]string{"kind": "message", "text": "Hi", "next": "done"}
}

func (messageKind) Traits() KindTraits  { return KindTraits{Reads: true} }
func (messageKind) Shape() Shape        { return Shape{Mermaid: [2]string{"[", "]"}} }
func (messageKind) Detail(*Node) string { return "" }

func (messageKind) validate(v *validator, n *Node) bool {
	if n.Text == "" && n.Title == "" {
		v.errorf(v.at(n), CodeMissingField, "add `text:`", "message node %q has no text", n.ID)
	}
	return false
}

func (messageKind) answer(s State, _ *Node, _ string, now time.Time) (State, error) {
	return s.Continue(now)
}

func (messageKind) Moves(n *Node, _ []string) []Move { return []Move{{Node: n.ID}} }

func (messageKind) ask(_ State, _ *Node, p *Prompt) { p.Continue = true }
