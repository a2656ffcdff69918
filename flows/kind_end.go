package flows

import "time"

// KindEnd ends the flow with advice and summary lines.
const KindEnd Kind = "end"

func init() { registerKind(50, endKind{}) }

type endKind struct{}

func (endKind) Kind() Kind    { return KindEnd }
func (endKind) About() string { return "ends the flow with advice and summary lines" }

func (endKind) Keys() KeyRules {
	return KeyRules{Forbid: []string{"options", "input", "check", "with", "next", "branches", "part"}}
}

func (endKind) Example() map[string]string {
	return map[string]string{"kind": "end", "title": "Bye"}
}

func (endKind) Traits() KindTraits { return KindTraits{Final: true} }

func (endKind) Shape() Shape {
	return Shape{Mermaid: [2]string{"([", "])"}, Class: "final", Dot: []string{"shape=box", "peripheries=2"}, Rounded: true, Fill: "#e6f4ea"}
}

func (endKind) Detail(n *Node) string {
	if n.Outcome == "" {
		return ""
	}
	return "outcome: " + ShortLine(n.Outcome, 30)
}

// validate has nothing to add to the keys: an end needs no way out.
func (endKind) validate(*validator, *Node) bool { return true }

func (endKind) answer(s State, _ *Node, _ string, _ time.Time) (State, error) {
	return s, ErrNotAnswerable
}

func (endKind) Moves(*Node, []string) []Move { return nil }

func (endKind) ask(s State, n *Node, p *Prompt) {
	p.End = &PromptEnd{Outcome: n.Outcome}
	for _, a := range n.Advice {
		if t := s.Text(a); t != "" { // a line left out for a provider setting that is not set
			p.End.Advice = append(p.End.Advice, t)
		}
	}
}
