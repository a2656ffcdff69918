package flows

import (
	"strings"
	"unicode"

	"github.com/unstuck-dev/unstuck/checks"
)

// WithCurrency writes an amount with its currency: a code or a word after it ("120.50 SEK",
// "300 kr"), a symbol before it ("$12.00"); the amount alone when the currency is unknown.
func WithCurrency(amount, currency string) string {
	switch {
	case currency == "":
		return amount
	case strings.IndexFunc(currency, func(r rune) bool { return !unicode.Is(unicode.Sc, r) }) < 0:
		return currency + amount
	}
	return amount + " " + currency
}

// DisplayIn is an answer as it reads in a language: what a summary in another language than the
// walk's shows. Cards, amounts, numbers, yes and no are written anew from the answer's value in that
// language; other answers are what was typed. Nothing sensitive is shown: a card only as its brand
// and last four digits.
func DisplayIn(spec *InputSpec, a Answer, lang string) string {
	switch {
	case a.Skipped:
		return Word(lang, "(skipped)")
	case spec == nil:
		return a.Display
	}
	switch spec.Type {
	case InputCard:
		if a.Value == "" && a.Display != "" {
			return a.Display // given again from a summary (ReplayRecord): only how it was shown
		}
		if c, err := checks.ParseCardNumber(a.Value); err == nil {
			return MaskedCard(c, lang)
		}
		return Word(lang, "(given, not shown)")
	case InputMoney, InputNumber:
		if a.Sensitive {
			return Word(lang, "(given, not shown)")
		}
		return WithCurrency(localNumber(spec.Type, a.Number, lang), a.Currency)
	case InputYesNo:
		switch a.Value {
		case "yes":
			return Word(lang, "Yes")
		case "no":
			return Word(lang, "No")
		}
	}
	if a.Sensitive {
		return Word(lang, "(given, not shown)")
	}
	return a.Display
}
