package flows

import "github.com/unstuck-dev/unstuck/checks"

// InputMoney is an amount, kept in minor units: 120.50 is 12050.
const InputMoney InputType = "money"

// maxAmountDigits is the most whole digits an amount may have: with its two decimals, fewer than a
// card number's twelve.
const maxAmountDigits = 9

func init() {
	defineInput(&inputType{name: InputMoney, order: 3,
		number: func(s string) (int64, error) { m, err := checks.ParseMoney(s); return int64(m), err },
		format: func(n int64) string { return checks.Money(n).String() },
		parse: func(a typed) (Answer, error) {
			// A card number typed as an amount would be kept and printed as one
			// (378,282,246,310,005.00). An amount is shown with two decimals, so ten whole digits
			// already make twelve in a row: as many as the shortest card number, which the scrubber
			// would take it for.
			if wholeDigits(a.input) > maxAmountDigits {
				return Answer{}, inputErr(a.lang, "That is too many digits for an amount; a card number is never asked for here. Type the amount, like 120.50.")
			}
			n, err := parseNumber(InputMoney, a.input)
			if err != nil {
				return Answer{}, inputErr(a.lang, "Type an amount, like 120 or 120.50.")
			}
			ans, err := numberInRange(a, n)
			if err != nil {
				return Answer{}, err
			}
			// The currency typed wins over the one the flow declares: the shopper knows what they pay in.
			ans.Currency = a.spec.Currency
			if mark, _ := checks.MoneyCurrency(a.input); mark != "" {
				ans.Currency = mark
				if code := checks.CurrencyCode(mark, a.lang); code != "" {
					ans.Currency = code
				}
			}
			ans.Display = WithCurrency(ans.Display, ans.Currency)
			return ans, nil
		},
		sample: func(s *InputSpec) string { return orDefault(s.Min, "10.00") },
	})
}
