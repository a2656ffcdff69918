package flows

import (
	"regexp"
	"slices"
	"strings"
	"time"
)

// KindInput asks for a typed answer.
const KindInput Kind = "input"

func init() { registerKind(30, inputKind{}) }

type inputKind struct{}

func (inputKind) Kind() Kind    { return KindInput }
func (inputKind) About() string { return "asks for a typed answer" }

func (inputKind) Keys() KeyRules {
	return KeyRules{
		Forbid:  []string{"options", "check", "with", "outcome", "advice", "question", "result", "part"},
		Require: []string{"text", "input"},
		AnyOf:   [][]string{{"next", "branches"}},
	}
}

func (inputKind) Example() map[string]string {
	return map[string]string{"kind": "input", "text": "Type", "input": "{type: text}", "next": "done"}
}

func (inputKind) Traits() KindTraits { return KindTraits{Answered: true} }
func (inputKind) Shape() Shape {
	return Shape{Mermaid: [2]string{"[/", "/]"}, Dot: []string{"shape=parallelogram"}}
}
func (inputKind) Detail(*Node) string { return "" }

func (inputKind) validate(v *validator, n *Node) bool {
	if n.Text == "" {
		v.errorf(v.at(n), CodeMissingField, "add `text:` with the question", "input node %q has no question", n.ID)
	}
	if n.Input == nil {
		v.errorf(v.at(n), CodeMissingField, "add `input:` with a `type:`", "input node %q does not say what to ask for", n.ID)
	} else {
		v.inputSpec(n)
	}
	return false
}

func (inputKind) answer(s State, n *Node, input string, now time.Time) (State, error) {
	a, err := ParseAnswer(n.Input, input, s.started, s.flow.Language)
	if err != nil {
		return s, err
	}
	return s.leave(n, Step{Node: n.ID, Option: -1, Answer: &a, At: s.current().At}, now)
}

func (inputKind) Moves(n *Node, candidates []string) []Move {
	var out []Move
	for _, v := range candidates {
		out = append(out, Move{Node: n.ID, Answer: v})
	}
	out = append(out, Move{Node: n.ID, Answer: sampleAnswer(n.Input)})
	if n.Input.Optional {
		out = append(out, Move{Node: n.ID, Answer: ""})
	}
	return out
}

func (inputKind) ask(_ State, n *Node, p *Prompt) {
	p.Input = &PromptInput{
		Type:        n.Input.Type,
		Placeholder: Sanitize(n.Input.Placeholder),
		Optional:    n.Input.Optional,
		Masked:      n.Input.Type == InputCard,
		MaxLength:   n.Input.MaxLength,
	}
}

func (v *validator) inputSpec(n *Node) {
	s := n.Input
	valid := false
	for _, t := range InputTypes {
		valid = valid || t == s.Type
	}
	if !valid {
		names := make([]string, len(InputTypes))
		for i, t := range InputTypes {
			names[i] = string(t)
		}
		v.errorf(v.keyAt(s, "type"), CodeBadValue, suggest(string(s.Type), names), "input type %q does not exist; use one of %s", clip(string(s.Type)), strings.Join(names, ", "))
		return
	}
	if s.Pattern != "" {
		if _, err := regexp.Compile(s.Pattern); err != nil {
			v.errorf(v.keyAt(s, "pattern"), CodeBadValue, "", "the pattern of node %q is not a valid regular expression: %s", n.ID, clip(err.Error()))
		}
	}
	v.inputExample(n)
	v.inputLengthsFit(n) // input_fit.go
	if s.Typos != "" {
		if s.Type != InputCard {
			v.errorf(v.keyAt(s, "typos"), CodeBadValue, "remove it", "%q only applies to %s inputs", "typos", InputCard)
		} else if !slices.Contains(TyposModes, s.Typos) {
			v.errorf(v.keyAt(s, "typos"), CodeBadValue, suggest(s.Typos, TyposModes), "typos of node %q is %q; use one of %s", n.ID, clip(s.Typos), strings.Join(TyposModes, ", "))
		}
	}
	if c := s.Currency; c != "" {
		if s.Type != InputMoney {
			v.errorf(v.keyAt(s, "currency"), CodeBadValue, "", "%q only applies to %s inputs", "currency", InputMoney)
		} else if len(c) != 3 || strings.IndexFunc(c, func(r rune) bool { return r < 'A' || r > 'Z' }) >= 0 {
			v.errorf(v.keyAt(s, "currency"), CodeBadValue, "write it like SEK or EUR", "the currency of node %q is not an ISO 4217 code: %q", n.ID, clip(c))
		}
	}
	for _, key := range []string{"min", "max"} {
		raw := s.Min
		if key == "max" {
			raw = s.Max
		}
		if raw == "" {
			continue
		}
		if inputTypeOf(s.Type).number == nil {
			v.errorf(v.keyAt(s, key), CodeBadValue, "use min_length or max_length for text", "%q only applies to %s inputs", key, numericInputs())
		} else if _, err := parseNumber(s.Type, raw); err != nil {
			v.errorf(v.keyAt(s, key), CodeBadValue, "", "%s of node %q is not a number: %q", key, n.ID, clip(raw))
		}
	}
}
