package flows

import (
	"strconv"
	"strings"
	"time"
)

// KindChoice asks a question with options.
const KindChoice Kind = "choice"

func init() { registerKind(20, choiceKind{}) }

type choiceKind struct{}

func (choiceKind) Kind() Kind    { return KindChoice }
func (choiceKind) About() string { return "asks a question with options" }

func (choiceKind) Keys() KeyRules {
	return KeyRules{
		Forbid:  []string{"input", "check", "with", "outcome", "advice", "question", "result", "part"},
		Require: []string{"text", "options"},
	}
}

func (choiceKind) Example() map[string]string {
	return map[string]string{"kind": "choice", "text": "Pick", "options": "[{label: A, goto: done}]"}
}

func (choiceKind) Traits() KindTraits { return KindTraits{Answered: true, Picks: true} }
func (choiceKind) Shape() Shape {
	return Shape{Mermaid: [2]string{"{", "}"}, Dot: []string{"shape=diamond"}}
}
func (choiceKind) Detail(*Node) string { return "" }

func (choiceKind) validate(v *validator, n *Node) bool {
	if n.Text == "" {
		v.errorf(v.at(n), CodeMissingField, "add `text:` with the question", "choice node %q has no question", n.ID)
	}
	if len(n.Options) == 0 {
		v.errorf(v.at(n), CodeMissingField, "add `options:` with at least two answers", "choice node %q has no options", n.ID)
	}
	hasWayOut := n.Next != "" || len(n.Branch) > 0
	values := map[string]bool{}
	for _, o := range n.Options {
		if values[o.Value] { // an empty value was given its label by normalize
			v.errorf(v.at(o), CodeDuplicateID, "give each option its own value", "choice node %q has two options with value %q", n.ID, clip(o.Value))
		}
		values[o.Value] = true
		if o.Goto == "" && !hasWayOut {
			v.errorf(v.at(o), CodeDeadEnd, "add `goto:` to the option, or `next:` to the node", "option %q of node %q leads nowhere", clip(o.Label), n.ID)
		}
		v.target(v.keyAt(o, "goto"), n.ID, o.Goto)
	}
	return true
}

func (choiceKind) answer(s State, n *Node, input string, now time.Time) (State, error) {
	return s.Choose(n.findOption(input), now)
}

func (choiceKind) Moves(n *Node, _ []string) []Move {
	out := make([]Move, 0, len(n.Options))
	for i := range n.Options {
		out = append(out, Move{Node: n.ID, Answer: strconv.Itoa(i + 1)})
	}
	return out
}

func (choiceKind) ask(s State, n *Node, p *Prompt) {
	earlier := -1
	if e := s.earlierAt(n.ID); e != nil && e.Answer != nil {
		earlier = e.Option
	}
	p.Options = make([]PromptOption, len(n.Options))
	for i, o := range n.Options {
		p.Options[i] = PromptOption{Label: s.Text(o.Label), Value: optionValue(o), Earlier: i == earlier}
	}
}

// Choose picks option i (counting from 0) at a choice node.
func (s State) Choose(i int, now time.Time) (State, error) {
	n := s.Node()
	if n.Kind != KindChoice {
		return s, ErrNotAnswerable
	}
	if i < 0 || i >= len(n.Options) {
		return s, inputErr(s.flow.Language, "Pick one of the options, 1 to %d.", len(n.Options))
	}
	o := n.Options[i]
	step := Step{Node: n.ID, Option: i, At: s.current().At,
		Answer: &Answer{Value: optionValue(o), Display: s.Text(o.Label)}}
	return s.leave(n, step, now)
}

func (n *Node) findOption(input string) int {
	input = strings.TrimSpace(input)
	if i, err := strconv.Atoi(input); err == nil && i >= 1 && i <= len(n.Options) {
		return i - 1
	}
	for i, o := range n.Options {
		if strings.EqualFold(input, optionValue(o)) || strings.EqualFold(input, o.Label) {
			return i
		}
	}
	return -1
}
