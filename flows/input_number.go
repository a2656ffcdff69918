package flows

import (
	"strconv"
	"strings"
)

// InputNumber is a whole number: how many attempts, how many days.
const InputNumber InputType = "number"

// maxNumberDigits is the most digits a number may have: fewer than a card number's twelve.
const maxNumberDigits = 11

func init() {
	defineInput(&inputType{name: InputNumber, order: 2,
		number: func(s string) (int64, error) { return strconv.ParseInt(strings.TrimSpace(s), 10, 64) },
		format: func(n int64) string { return strconv.FormatInt(n, 10) },
		parse: func(a typed) (Answer, error) {
			if wholeDigits(a.input) > maxNumberDigits {
				return Answer{}, inputErr(a.lang, "That is too many digits for a number; a card number is never asked for here.")
			}
			n, err := parseNumber(InputNumber, a.input)
			if err != nil {
				return Answer{}, inputErr(a.lang, "Type a whole number, like 3.")
			}
			return numberInRange(a, n)
		},
		sample: func(s *InputSpec) string { return orDefault(s.Min, "1") },
	})
}

// numberInRange checks a number or an amount against the input's min and max, and writes it as
// the input type and the language do.
func numberInRange(a typed, n int64) (Answer, error) {
	spec, lang := a.spec, a.lang
	if spec.Min != "" {
		if lo, err := parseNumber(spec.Type, spec.Min); err == nil && n < lo {
			return Answer{}, inputErr(lang, "The smallest answer allowed is %s.", localNumber(spec.Type, lo, lang))
		}
	}
	if spec.Max != "" {
		if hi, err := parseNumber(spec.Type, spec.Max); err == nil && n > hi {
			return Answer{}, inputErr(lang, "The largest answer allowed is %s.", localNumber(spec.Type, hi, lang))
		}
	}
	return Answer{Value: formatNumber(spec.Type, n), Display: localNumber(spec.Type, n, lang), Number: n}, nil
}

func orDefault(s, def string) string {
	if s != "" {
		return s
	}
	return def
}
