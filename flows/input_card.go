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
			if a.spec.Typos != TyposAccept {
				if err := cardTypo(c, a.lang); err != nil {
					return Answer{}, err
				}
			}
			return Answer{Value: c.Digits(), Display: MaskedCard(c, a.lang), Sensitive: true}, nil
		},
		sample: func(*InputSpec) string { return "4242424242424242" },
	})
}

// cardTypo refuses, at the field, a number that is surely mistyped: the wrong length for its brand,
// or failing the Luhn check (except UnionPay, whose real cards may fail it; the card check warns about
// those instead). The message never repeats the digits; it says how many there are, and to type it
// again here.
func cardTypo(c checks.CardNumber, lang string) error {
	switch {
	case !c.LengthValid():
		return inputErr(lang, "%s card numbers never have %d digits. Count the digits on your card and type it again here.", c.Brand().Title(), c.Len())
	case !c.LuhnValid() && c.Brand() != checks.BrandUnionPay:
		return inputErr(lang, "The digits don't add up the way a real card's do, so one is probably mistyped. Check that the last four shown match your card, and type it again here, slowly, group by group as printed on the card.")
	}
	return nil
}
