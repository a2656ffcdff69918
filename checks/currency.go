package checks

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// MoneyCurrency is the currency marker typed with an amount, as typed ("€", "SEK", "kr", "US$"), and
// whether it stood before the digits; "" when there is none. It is what ParseMoney strips.
func MoneyCurrency(s string) (mark string, before bool) {
	t := strings.TrimSpace(s)
	isMark := func(r rune) bool { return unicode.IsLetter(r) || unicode.Is(unicode.Sc, r) }
	if lead := strings.IndexFunc(t, func(r rune) bool { return !isMark(r) }); lead > 0 && isCurrencyMarker(t[:lead]) {
		return t[:lead], true
	}
	if trail := strings.LastIndexFunc(t, func(r rune) bool { return !isMark(r) }); trail >= 0 {
		_, size := utf8.DecodeRuneInString(t[trail:])
		if rest := t[trail+size:]; rest != "" && isCurrencyMarker(rest) {
			return rest, false
		}
	}
	return "", false
}

// currencyCodes are the markers that name one currency wherever they are typed.
var currencyCodes = map[string]string{
	"€": "EUR", "£": "GBP", "us$": "USD", "ca$": "CAD", "a$": "AUD", "nz$": "NZD", "hk$": "HKD",
	"r$": "BRL", "₹": "INR", "zł": "PLN", "kč": "CZK", "ft": "HUF", "lei": "RON", "₺": "TRY",
	"₩": "KRW", "₽": "RUB", "₴": "UAH", "円": "JPY", "元": "CNY", "chf": "CHF", "fr.": "CHF",
}

// krona is what "kr" means in the languages that say it.
var krona = map[string]string{"sv": "SEK", "nb": "NOK", "nn": "NOK", "no": "NOK", "da": "DKK", "is": "ISK"}

// CurrencyCode is the ISO 4217 code a currency marker names, read in a language ("kr" is SEK in
// Swedish, NOK in Norwegian), or "" when it could be more than one ("$", "¥") or none.
func CurrencyCode(mark, lang string) string {
	m := strings.ToLower(strings.TrimSpace(mark))
	if len(m) == 3 && strings.IndexFunc(m, func(r rune) bool { return r < 'a' || r > 'z' }) < 0 {
		return strings.ToUpper(m)
	}
	if m == "kr" {
		base, _, _ := strings.Cut(strings.ToLower(lang), "-")
		return krona[base]
	}
	return currencyCodes[m]
}
