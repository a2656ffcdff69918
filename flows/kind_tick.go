package flows

import (
	"strconv"
	"strings"
	"time"
	"unicode"
)

// KindTick asks a question whose answer is any number of its options: the shopper ticks each one
// that applies (space in the full-screen UI; numbers such as "1, 3" in the line mode) and goes on.
// The answer is the list of values ticked; a condition tests one with `has:`. Its options have no
// goto of their own: which one would win when several are ticked? The node routes with next or
// branches.
const KindTick Kind = "tick"

func init() { registerKind(25, tickKind{}) }

type tickKind struct{}

func (tickKind) Kind() Kind { return KindTick }
func (tickKind) About() string {
	return "asks a question whose answer is any number of options, ticked"
}

func (tickKind) Keys() KeyRules {
	return KeyRules{
		Forbid:  []string{"input", "check", "with", "outcome", "advice", "question", "result", "part"},
		Require: []string{"text", "options"},
		AnyOf:   [][]string{{"next", "branches"}},
	}
}

func (tickKind) Example() map[string]string {
	return map[string]string{"kind": "tick", "text": "Pick", "options": "[{label: A}, {label: B}]", "next": "done"}
}

func (tickKind) Traits() KindTraits { return KindTraits{Answered: true} }
func (tickKind) Shape() Shape {
	return Shape{Mermaid: [2]string{"{", "}"}, Dot: []string{"shape=diamond"}}
}
func (tickKind) Detail(*Node) string { return "tick any" }

// tickSeparator joins the values ticked in Answer.Value; an option's value may not hold it.
const tickSeparator = ","

func (tickKind) validate(v *validator, n *Node) bool {
	if n.Text == "" {
		v.errorf(v.at(n), CodeMissingField, "add `text:` with the question", "tick node %q has no question", n.ID)
	}
	if len(n.Options) == 0 {
		v.errorf(v.at(n), CodeMissingField, "add `options:` with the answers a shopper can tick", "tick node %q has no options", n.ID)
	}
	values := map[string]bool{}
	for _, o := range n.Options {
		if values[o.Value] {
			v.errorf(v.at(o), CodeDuplicateID, "give each option its own value", "tick node %q has two options with value %q", n.ID, clip(o.Value))
		}
		values[o.Value] = true
		if strings.Contains(o.Value, tickSeparator) {
			v.errorf(v.keyAt(o, "value"), CodeBadValue, "give the option a `value:` without a comma, like card-expired",
				"the value %q of an option of tick node %q has a comma, which separates the values ticked", clip(o.Value), n.ID)
		}
		if o.Goto != "" {
			v.errorf(v.keyAt(o, "goto"), CodeBadValue, "remove it, and route with `branches:` that test `has:`",
				"an option of tick node %q has a goto, but several options can be ticked at once", n.ID)
		}
	}
	return false
}

func (tickKind) answer(s State, n *Node, input string, now time.Time) (State, error) {
	picked, err := n.parseTicks(s.flow.Language, input)
	if err != nil {
		return s, err
	}
	return s.Tick(picked, now)
}

// Moves tick nothing, each option alone, and every option: enough for each `has:` to hold and not.
func (tickKind) Moves(n *Node, _ []string) []Move {
	out := make([]Move, 0, len(n.Options)+2)
	out = append(out, Move{Node: n.ID, Answer: ""})
	all := make([]string, 0, len(n.Options))
	for i := range n.Options {
		out = append(out, Move{Node: n.ID, Answer: strconv.Itoa(i + 1)})
		all = append(all, strconv.Itoa(i+1))
	}
	if len(n.Options) > 1 {
		out = append(out, Move{Node: n.ID, Answer: strings.Join(all, tickSeparator)})
	}
	return out
}

func (tickKind) ask(s State, n *Node, p *Prompt) {
	earlier := map[string]bool{} // a set: a tick step may have thousands of options
	if e := s.earlierAt(n.ID); e != nil && e.Answer != nil {
		for _, v := range e.Answer.Values {
			earlier[strings.ToLower(v)] = true
		}
	}
	p.Multiple = true
	p.Options = make([]PromptOption, len(n.Options))
	for i, o := range n.Options {
		val := optionValue(o)
		p.Options[i] = PromptOption{Label: s.Text(o.Label), Value: val, Earlier: earlier[strings.ToLower(val)]}
	}
}

// Tick answers a tick node with the options ticked (indexes counting from 0, in any order; none
// is an answer too: nothing applies).
func (s State) Tick(picked []int, now time.Time) (State, error) {
	n := s.Node()
	if n.Kind != KindTick {
		return s, ErrNotAnswerable
	}
	ticked := make([]bool, len(n.Options))
	for _, i := range picked {
		if i < 0 || i >= len(n.Options) {
			return s, inputErr(s.flow.Language, "Tick options from 1 to %d.", len(n.Options))
		}
		ticked[i] = true
	}
	a := Answer{}
	var shown []string
	for i, o := range n.Options {
		if ticked[i] {
			a.Values = append(a.Values, optionValue(o))
			shown = append(shown, s.Text(o.Label))
		}
	}
	a.Value = strings.Join(a.Values, tickSeparator)
	a.Display = strings.Join(shown, ", ")
	if len(a.Values) == 0 {
		a.Skipped = true // nothing ticked: `given: false` tests it
		a.Display = Word(s.flow.Language, "(none ticked)")
	}
	return s.leave(n, Step{Node: n.ID, Option: -1, At: s.current().At, Answer: &a}, now)
}

// parseTicks reads a typed answer to a tick node: numbers, values or labels, separated by commas
// (or, for numbers, spaces): "1, 3", "1 3", "card,bank". Empty ticks nothing.
func (n *Node) parseTicks(lang, input string) ([]int, error) {
	var out []int
	for _, part := range strings.Split(input, tickSeparator) {
		part = strings.TrimSpace(part)
		if part == "" || part == "0" { // 0: none applies
			continue
		}
		if i := n.findOption(part); i >= 0 {
			out = append(out, i)
			continue
		}
		fields := strings.FieldsFunc(part, unicode.IsSpace)
		if len(fields) < 2 {
			return nil, inputErr(lang, "Type the numbers of all that apply, like 1, 3 (1 to %d), or 0 for none.", len(n.Options))
		}
		for _, f := range fields {
			i, err := strconv.Atoi(f)
			if err != nil || i < 1 || i > len(n.Options) {
				return nil, inputErr(lang, "Type the numbers of all that apply, like 1, 3 (1 to %d), or 0 for none.", len(n.Options))
			}
			out = append(out, i-1)
		}
	}
	return out, nil
}

// TickedText is a tick answer in words for the summary, in the flow's language: each option ticked
// under its short answer (or label), joined.
func TickedText(s State, n *Node, a Answer) string {
	var out []string
	for _, o := range n.Options {
		if !containsFold(a.Values, optionValue(o)) {
			continue
		}
		if o.Answer != "" {
			out = append(out, s.Text(o.Answer))
		} else {
			out = append(out, s.Text(o.Label))
		}
	}
	return strings.Join(out, ", ")
}

// ticks checks a condition on the answer of a tick node, and reports whether src is one: `has:`
// names one of its options, and equals, in and the number tests, which compare one value, are
// refused with a hint. `has:` on any other node is refused too.
func (v *validator) ticks(c *Cond, src *Node) bool {
	if src.Kind != KindTick {
		if c.Has != nil {
			v.errorf(v.keyAt(c, "has"), CodeBadValue, "use `equals:` for the answer of a "+string(src.Kind)+" node",
				"`has` tests the options ticked at a tick node, but %q is %s node", src.ID, article(string(src.Kind)))
		}
		return false
	}
	for key, set := range map[string]bool{"equals": c.Equals != nil, "not_equals": c.NotEquals != nil, "in": len(c.In) > 0,
		"gt": c.Gt != nil, "gte": c.Gte != nil, "lt": c.Lt != nil, "lte": c.Lte != nil} {
		if set {
			v.errorf(v.keyAt(c, key), CodeBadValue, "write `has: VALUE` for \"this option was ticked\", and `not: {answer: ..., has: VALUE}` for \"it was not\"",
				"%q compares one value, but at tick node %q any number of options can be ticked", key, src.ID)
		}
	}
	v.optionValues(c, src)
	return true
}

// Picked are the options answered at a step: the one picked at a choice, those ticked at a tick
// node, none elsewhere.
func Picked(n *Node, st Step) []*Option {
	if st.Option >= 0 && st.Option < len(n.Options) {
		return []*Option{n.Options[st.Option]}
	}
	if n.Kind != KindTick || st.Answer == nil {
		return nil
	}
	var out []*Option
	for _, o := range n.Options {
		if containsFold(st.Answer.Values, optionValue(o)) {
			out = append(out, o)
		}
	}
	return out
}

// ParseTicks reads an answer to a tick node as the line mode and answers files write it ("1, 3",
// values or labels) into the indexes of the options ticked; for a front end that prefills ticks.
func ParseTicks(n *Node, input string) ([]int, error) {
	return n.parseTicks("en", input)
}
