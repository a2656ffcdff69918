package flows

import "github.com/unstuck-dev/unstuck/checks"

// InputExpiry is a card's expiry date, MM/YY: always sensitive, never shown.
const InputExpiry InputType = "expiry"

func init() {
	defineInput(&inputType{name: InputExpiry, order: 5, sensitive: true,
		parse: func(a typed) (Answer, error) {
			e, err := checks.ParseExpiry(a.input)
			if err != nil {
				if !isEnglish(a.lang) {
					return Answer{}, inputErr(a.lang, "Type the expiry date as month/year, like 08/27.")
				}
				return Answer{}, &InputError{Message: capitalise(err.Error())}
			}
			return Answer{Value: e.String(), Sensitive: true}, nil
		},
		sample: func(*InputSpec) string { return "12/99" },
	})
}
