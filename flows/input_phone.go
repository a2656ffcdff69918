package flows

import (
	"strings"
	"unicode"

	"github.com/unstuck-dev/unstuck/checks/redact"
)

// InputPhone is a phone number: kept as its digits, with a leading + when one was typed.
const InputPhone InputType = "phone"

// A phone number has at most 15 digits (ITU-T E.164); fewer than 6 is no number anyone can call.
const (
	minPhoneDigits = 6
	maxPhoneDigits = 15
)

func init() {
	defineInput(&inputType{name: InputPhone, order: 9, parse: parsePhone,
		sample: func(*InputSpec) string { return "+46 70 123 45 67" }})
}

// parsePhone reads a phone number written any usual way (+46 70-123 45 67, (070) 123.45.67, digits
// of any script) and keeps its digits, with the + when the number starts with one.
func parsePhone(a typed) (Answer, error) {
	s, plus := strings.CutPrefix(a.input, "+")
	var b strings.Builder
	for _, r := range s {
		switch d := redact.DigitValue(r); {
		case d >= 0:
			b.WriteByte(byte('0' + d))
		case r == ' ' || r == '-' || r == '.' || r == '(' || r == ')' || r == '/' || r == '\u00a0':
		default:
			return Answer{}, inputErr(a.lang, "A phone number has only digits, spaces and dashes, and maybe a + and the country code at the start.")
		}
	}
	digits := b.String()
	if rest, ok := strings.CutPrefix(digits, "00"); ok && !plus && rest != "" {
		// 00 is how + is dialled in most of the world. Read from the digits, not the text typed, so
		// that the number kept reads the same when it is given again ("0 0…" as "00…").
		digits, plus = rest, true
	}
	switch {
	case len(digits) < minPhoneDigits:
		return Answer{}, inputErr(a.lang, "That is too few digits for a phone number; type it with its area code.")
	case len(digits) > maxPhoneDigits:
		return Answer{}, inputErr(a.lang, "That is too many digits for a phone number; a card number is never asked for here.")
	}
	if plus {
		digits = "+" + digits
	}
	v := digits
	if redact.HasCard(v) {
		// 12 to 15 digits can, by chance, pass a card's check digit. Kept, the number would be masked
		// as a card wherever it is shown or saved, and lost on resume; without the country code it has
		// fewer digits, and is read as a phone number again.
		return Answer{}, inputErr(a.lang, "That number could be taken for a card number, so it can't be kept here; type it without the country code, starting with 0.")
	}
	return Answer{Value: v, Display: v}, nil
}

func isLetterOrDigit(r rune) bool { return unicode.IsLetter(r) || unicode.IsDigit(r) }
