package flows

import (
	"sort"
	"strings"
	"time"
)

// InputType is the kind of answer an input asks for. Each is one definition, in its own file
// (input_text.go, input_money.go, ...): its name, how a typed answer is read, whether its answers are
// always sensitive, whether it compares as a number, and a sample answer for explore. The loader,
// the engine, the schema and explore read the definitions; none of them lists the types.
type InputType string

// InputTypes lists every input type, in the order the docs explain them.
var InputTypes []InputType

// inputType is the definition of one input type.
type inputType struct {
	name  InputType
	order int // where it stands in InputTypes

	// sensitive: every answer is sensitive, whatever the flow says (card numbers, expiry dates).
	sensitive bool
	// masked: a sensitive answer still has a safe form to show (a card's brand and last four
	// digits), so {{id}} may name it in a text; other sensitive answers show as "(given, not shown)".
	masked bool
	// number and format read and write the bounds min, max, gt, gte, lt and lte; nil: the type does
	// not compare as a number, and those keys are refused.
	number func(s string) (int64, error)
	format func(n int64) string

	// parse reads a typed answer that is not empty: Value and Display, and Number for numbers.
	// Sensitive answers are hidden by ParseAnswer afterwards, unless the type is masked. Error
	// messages never repeat what was typed.
	parse func(a typed) (Answer, error)
	// sample is a valid answer for explore to give (a published test card for cards); "" when none
	// can be guessed.
	sample func(s *InputSpec) string
}

// typed is an answer being read: what was typed (trimmed, one line, no control characters), for
// which input, in which language, with today's date for "today".
type typed struct {
	spec  *InputSpec
	input string
	today time.Time
	lang  string
}

var inputDefs = map[InputType]*inputType{}

// defineInput registers an input type; each input_*.go calls it from init.
func defineInput(t *inputType) {
	inputDefs[t.name] = t
	InputTypes = append(InputTypes, t.name)
	sort.SliceStable(InputTypes, func(i, j int) bool { return inputDefs[InputTypes[i]].order < inputDefs[InputTypes[j]].order })
}

// inputTypeOf is the definition of an input type; an unknown type (refused by the loader) is read as text.
func inputTypeOf(t InputType) *inputType {
	if d, ok := inputDefs[t]; ok {
		return d
	}
	return inputDefs[InputText]
}

// IsSensitive reports whether answers to this input must only ever be shown masked.
func (s *InputSpec) IsSensitive() bool {
	return s != nil && (s.Sensitive || inputTypeOf(s.Type).sensitive)
}

// ParseAnswer validates and normalises a typed answer for an input. today anchors "today" and
// "yesterday" for dates. Error messages never repeat what was typed.
func ParseAnswer(spec *InputSpec, input string, today time.Time, lang string) (Answer, error) {
	// Control and escape characters (an arrow key in the line runner) are no answer: dropped first,
	// so that what is left is what is validated, saved and given again on resume. An answer is one
	// line: a pasted line break is a space between words in every format, never a new summary line.
	input = strings.TrimSpace(Sanitize(OneLine(input)))
	sensitive := spec.IsSensitive()
	if input == "" {
		if spec.Optional {
			return Answer{Skipped: true, Display: Word(lang, "(skipped)"), Sensitive: sensitive}, nil
		}
		return Answer{}, inputErr(lang, "Please type an answer.")
	}
	t := inputTypeOf(spec.Type)
	a, err := t.parse(typed{spec: spec, input: input, today: today, lang: lang})
	if err != nil {
		return Answer{}, err
	}
	a.Sensitive = a.Sensitive || sensitive
	if a.Sensitive && !t.masked {
		a.Display = Word(lang, "(given, not shown)")
	}
	return a, nil
}

// sampleAnswer is a valid answer for an input of the given kind (a published test card for cards).
func sampleAnswer(s *InputSpec) string {
	return inputTypeOf(s.Type).sample(s)
}

// parseNumber reads a bound (min, max, gt...) or a numeric answer of an input type; a type that does
// not compare as a number reads whole numbers.
// ParseNumber reads a number or amount answer of the type (an amount in minor units).
func (typ InputType) ParseNumber(s string) (int64, error) { return parseNumber(typ, s) }

// FormatNumber writes a number or amount of the type in the one form that reads back everywhere.
func (typ InputType) FormatNumber(n int64) string { return formatNumber(typ, n) }

func parseNumber(typ InputType, s string) (int64, error) {
	if t := inputTypeOf(typ); t.number != nil {
		return t.number(s)
	}
	return inputDefs[InputNumber].number(s)
}

// formatNumber writes a number as an input type shows it.
func formatNumber(typ InputType, n int64) string {
	if t := inputTypeOf(typ); t.format != nil {
		return t.format(n)
	}
	return inputDefs[InputNumber].format(n)
}

// numericInputs names the input types that compare as numbers: "number and money".
func numericInputs() string {
	var names []string
	for _, t := range InputTypes {
		if inputDefs[t].number != nil {
			names = append(names, string(t))
		}
	}
	if len(names) < 2 {
		return strings.Join(names, "")
	}
	return strings.Join(names[:len(names)-1], ", ") + " and " + names[len(names)-1]
}
