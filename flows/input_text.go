package flows

import (
	"regexp"
	"strings"
	"unicode/utf8"
)

// InputText is free text: an order number, what an error message said.
const InputText InputType = "text"

func init() {
	defineInput(&inputType{name: InputText, order: 1, parse: parseText, sample: sampleText})
}

// defaultMaxLength is a text answer's longest, when the flow does not say.
const defaultMaxLength = 500

func parseText(a typed) (Answer, error) {
	spec, lang := a.spec, a.lang
	// A card number typed where text was asked for (an error message, say) never gets further.
	// Lengths are counted on what was typed: the marks that replace a card are longer than it.
	typed := Sanitize(a.input)
	text := ScrubCardNumbers(typed)
	if spec.MinLength > 0 && utf8.RuneCountInString(typed) < spec.MinLength {
		return Answer{}, inputErr(lang, "Please type at least %d characters.", spec.MinLength)
	}
	limit := spec.MaxLength
	if limit <= 0 {
		limit = defaultMaxLength
	}
	// A scrubber's mark in what was typed (an answer given again, as saved) counts for less than
	// what it replaced (a card's mark as four characters, a code's or an expiry's as none), so an
	// answer that fitted when first typed fits when given again.
	measured := typed
	if strings.Contains(typed, "[") { // every mark starts with one
		measured = scrubMarks.ReplaceAllStringFunc(typed, markLength)
	}
	if utf8.RuneCountInString(measured) > limit {
		return Answer{}, inputErr(lang, "Please keep it under %d characters.", limit)
	}
	if spec.Pattern != "" {
		if re, err := regexp.Compile(`^(?:` + spec.Pattern + `)$`); err == nil && !re.MatchString(text) {
			if spec.Message != "" {
				return Answer{}, &InputError{Message: Sanitize(spec.Message)}
			}
			return Answer{}, inputErr(lang, "That doesn't look right; check it and try again.")
		}
	}
	return Answer{Value: text, Display: text}, nil
}

// scrubMarks are the marks the scrubber (checks/redact) writes where it removed a card, a code or
// an expiry date.
var scrubMarks = lazyRegexpOf(`\[(?:card ending [0-9]{4}|card removed|code removed|expiry removed)\]`)

func markLength(mark string) string {
	if strings.HasPrefix(mark, "[card") {
		return "0000" // at least twelve digits were there
	}
	return ""
}
