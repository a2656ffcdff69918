package flows

import (
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/unstuck-dev/unstuck/flows/words"
)

// cardLeaks reports whether msg repeats four or more digits of typed in a row.
func cardLeaks(typed, msg string) bool {
	d := func(s string) string {
		var b strings.Builder
		for _, r := range s {
			if r >= '0' && r <= '9' {
				b.WriteRune(r)
			}
		}
		return b.String()
	}
	t, m := d(typed), d(msg)
	for i := 0; i+4 <= len(t); i++ {
		if strings.Contains(m, t[i:i+4]) {
			return true
		}
	}
	return false
}

func TestCardNumberFieldRefusesTypos(t *testing.T) {
	today := time.Date(2026, 6, 15, 0, 0, 0, 0, time.UTC)
	for _, tc := range []struct {
		name, typed, typos string
		refused            string // a part of the English refusal; "" when the number is taken
	}{
		{"a number that fails the Luhn check is refused at the field", "4242 4242 4242 4241", "", "don't add up"},
		{"a digit swapped with its neighbour is refused", "4242 4242 4242 2442", "", "don't add up"},
		{"a Mastercard a digit short is refused for its length", "5555 5555 5555 444", "", "Mastercard card numbers never have 15 digits"},
		{"an American Express card a digit long is refused for its length", "3782 8224 6310 0051", "", "American Express card numbers never have 16 digits"},
		{"a published test card is taken", "4242 4242 4242 4242", "", ""},
		{"a UnionPay number that fails the Luhn check is taken, since real ones may", "6200 0000 0000 0004", "", ""},
		{"typos: refuse is the default, written out", "4242 4242 4242 4241", TyposRefuse, "don't add up"},
		{"typos: accept takes a number that fails the Luhn check", "4242 4242 4242 4241", TyposAccept, ""},
		{"typos: accept takes a number of the wrong length for its brand", "5555 5555 5555 444", TyposAccept, ""},
		{"typos: accept still refuses what is no card number at all", "4242 abc", TyposAccept, "only have digits"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			spec := &InputSpec{Type: InputCard, Typos: tc.typos}
			a, err := ParseAnswer(spec, tc.typed, today, "en")
			if tc.refused == "" {
				if err != nil {
					t.Fatalf("refused: %v", err)
				}
				if !a.Sensitive || strings.Contains(a.Display, strings.ReplaceAll(tc.typed, " ", "")) {
					t.Errorf("the answer shows more than the last four digits: %q", a.Display)
				}
				return
			}
			var ie *InputError
			if !errors.As(err, &ie) {
				t.Fatalf("err = %v, want an InputError (asked again at the field)", err)
			}
			if !strings.Contains(ie.Message, tc.refused) {
				t.Errorf("message = %q, want it to say %q", ie.Message, tc.refused)
			}
			if cardLeaks(tc.typed, ie.Message) {
				t.Errorf("the message repeats the digits: %q", ie.Message)
			}
		})
	}
}

func TestCardNumberRefusalIsSaidInEveryLanguageAndAsksAgainHere(t *testing.T) {
	today := time.Date(2026, 6, 15, 0, 0, 0, 0, time.UTC)
	spec := &InputSpec{Type: InputCard}
	english := map[string]string{}
	for _, typed := range []string{"4242 4242 4242 4241", "5555 5555 5555 444"} {
		_, err := ParseAnswer(spec, typed, today, "en")
		english[typed] = err.Error()
		if !strings.Contains(err.Error(), "type it again here") {
			t.Errorf("the English refusal does not ask to type it again here: %q", err)
		}
		if strings.Contains(err.Error(), "checkout") {
			t.Errorf("the field's refusal sends the shopper to checkout: %q", err)
		}
		// The field shows only the last four digits as they are typed: the refusal cannot ask the
		// shopper to compare the whole number, four digits at a time.
		if strings.Contains(err.Error(), "four digits at a time") {
			t.Errorf("the field's refusal asks to compare digits the field hides: %q", err)
		}
	}
	for _, lang := range words.Languages() {
		if lang == "en" {
			continue
		}
		for typed, en := range english {
			t.Run("in "+lang+" for "+en[:20], func(t *testing.T) {
				_, err := ParseAnswer(spec, typed, today, lang)
				if err == nil {
					t.Fatal("taken")
				}
				if err.Error() == en {
					t.Errorf("the refusal is in English: %q", err)
				}
				if cardLeaks(typed, err.Error()) {
					t.Errorf("the message repeats the digits: %q", err)
				}
			})
		}
	}
}

func TestTyposIsCheckedByTheLoader(t *testing.T) {
	const flow = `flow: t
title: T
start: q
nodes:
  q:
    kind: input
    text: Number?
    input: { type: %s, typos: %s }
    next: done
  done: { kind: end }
`
	for _, tc := range []struct {
		name, typ, typos, want string
	}{
		{"accept on a card number is fine", "card-number", "accept", ""},
		{"refuse on a card number is fine", "card-number", "refuse", ""},
		{"an unknown value is refused with a suggestion", "card-number", "acept", `typos of node "q" is "acept"; use one of refuse, accept`},
		{"typos on another type is refused", "text", "accept", `"typos" only applies to card-number inputs`},
	} {
		t.Run(tc.name, func(t *testing.T) {
			_, diags := Parse("x.yaml", []byte(strings.NewReplacer("%s, typos: %s", tc.typ+", typos: "+tc.typos).Replace(flow)))
			got := diags.Error()
			if tc.want == "" {
				if diags.HasErrors() {
					t.Fatalf("refused: %s", got)
				}
				return
			}
			if !strings.Contains(got, tc.want) || !strings.Contains(got, "x.yaml:8:") {
				t.Errorf("diagnostics = %s, want %q at line 8", got, tc.want)
			}
		})
	}
}
