package flows

import (
	"strings"
	"testing"
	"time"
)

func TestTheDeclaredCurrencyIsChecked(t *testing.T) {
	for _, c := range []struct{ name, input, want string }{
		{"a money input may declare an ISO code", "{type: money, currency: SEK}", ""},
		{"a text input may not declare a currency", "{type: text, currency: SEK}", `"currency" only applies to money inputs`},
		{"a currency must be an ISO code", "{type: money, currency: kronor}", "is not an ISO 4217 code"},
	} {
		t.Run(c.name, func(t *testing.T) {
			src := "flow: c\ntitle: C\nstart: a\nnodes:\n  a: {kind: input, text: Amount, input: " + c.input + ", next: done}\n  done: {kind: end, outcome: solved}\n"
			_, diags := Parse("c.yaml", []byte(src))
			got := ""
			if diags.HasErrors() {
				got = diags.Error()
			}
			if c.want == "" && got != "" || c.want != "" && !strings.Contains(got, c.want) {
				t.Errorf("loading %s: %q, want %q", c.input, got, c.want)
			}
		})
	}
}

func TestAnAmountShowsItsCurrencyToTheShopper(t *testing.T) {
	for _, c := range []struct{ typed, lang, currency, display string }{
		{"1 234,50 kr", "sv", "SEK", "1\u00a0234,50 SEK"},
		{"€199", "en", "EUR", "199.00 EUR"},
		{"120.50", "en", "", "120.50"},
	} {
		t.Run(c.typed+" in "+c.lang+" reads "+c.display, func(t *testing.T) {
			a, err := ParseAnswer(&InputSpec{Type: InputMoney}, c.typed, time.Time{}, c.lang)
			if err != nil {
				t.Fatal(err)
			}
			if a.Currency != c.currency || a.Display != c.display {
				t.Errorf("got %q, %q; want %q, %q", a.Currency, a.Display, c.currency, c.display)
			}
		})
	}
}
