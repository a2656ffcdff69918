package flows

import "github.com/unstuck-dev/unstuck/checks"

// InputCard is a card number: always sensitive, shown only as its brand and last four digits.
const InputCard InputType = "card-number"

func init() {
	defineInput(&inputType{name: InputCard, order: 4, sensitive: true, masked: true,
		parse: func(a typed) (Answer, error) {
			c, err := checks.ParseCardNumber(a.input)
			if err != nil {
				if !isEnglish(a.lang) {
					return Answer{}, inputErr(a.lang, "That doesn't look like a card number: type the digits printed on the card.")
				}
				return Answer{}, &InputError{Message: capitalise(err.Error())}
			}
			return Answer{Value: c.Digits(), Display: MaskedCard(c, a.lang), Sensitive: true}, nil
		},
		sample: func(*InputSpec) string { return "4242424242424242" },
	})
}
