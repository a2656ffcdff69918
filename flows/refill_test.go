package flows

import (
	"strings"
	"testing"
)

const refillFlow = `flow: refill
title: Refill an amount
language: LANG
start: amount
nodes:
  amount: {kind: input, text: "How much?", input: {type: money}, next: done}
  done: {kind: end, outcome: solved}
`

// Going back to an amount puts it back in the field as the shopper wrote it, in their language and
// with its currency, and keeping it with enter gives the same amount.
func TestGoingBackRefillsAnAmountInTheShoppersOwnForm(t *testing.T) {
	for _, c := range []struct{ name, lang, typed, want string }{
		{"an English amount in kronor comes back in English", "en", "1234.50 kr", "1,234.50 kr"},
		{"a Swedish amount comes back the Swedish way", "sv", "1234,50 kr", "1 234,50 SEK"},
		{"a German amount in euros comes back the German way", "de", "1234,50 €", "1.234,50 EUR"},
		{"an amount with no currency comes back without one", "sv", "120,50", "120,50"},
	} {
		t.Run(c.name, func(t *testing.T) {
			f, diags := Parse("refill.yaml", []byte(strings.Replace(refillFlow, "LANG", c.lang, 1)))
			if diags.HasErrors() {
				t.Fatal(diags.Error())
			}
			st, err := Start(f, t0).Answer(c.typed, t0)
			if err != nil {
				t.Fatal(err)
			}
			first := st.Answers()["amount"]
			back, ok := st.BackTo(0)
			if !ok {
				t.Fatal("could not go back")
			}
			got := strings.ReplaceAll(back.Prompt().Refill, "\u00a0", " ")
			if got != c.want {
				t.Errorf("refilled %q, want %q", got, c.want)
			}
			again, err := back.Answer(back.Prompt().Refill, t0)
			if err != nil {
				t.Fatalf("keeping the refilled %q: %v", back.Prompt().Refill, err)
			}
			if a := again.Answers()["amount"]; a.Number != first.Number || a.Currency != first.Currency {
				t.Errorf("kept as %d %q, first %d %q", a.Number, a.Currency, first.Number, first.Currency)
			}
		})
	}
}
