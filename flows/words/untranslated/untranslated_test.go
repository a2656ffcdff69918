package untranslated

import (
	"slices"
	"strings"
	"testing"

	"github.com/unstuck-dev/unstuck/flows/words"
)

func TestTheDetectorFindsEnglishWordsOnly(t *testing.T) {
	for _, tc := range []struct {
		name, lang, screen string
		want               []string
	}{
		{"an English sentence in a Swedish run is found", "sv", "Betalningen gick inte: payment failed", []string{"failed", "payment"}},
		{"Swedish words are not English", "sv", "Min betalning går inte igenom", nil},
		{"names are let through", "de", "Visa Mastercard unstuck", nil},
		{"a technical line for staff is not read", "es", "TECHNICAL: the payment failed\n    payment failed again", nil},
		{"a file's path is a name", "pl", "Zapisano: /tmp/payment/summary.txt", nil},
	} {
		t.Run(tc.name, func(t *testing.T) {
			d, err := New(tc.lang)
			if err != nil {
				t.Fatal(err)
			}
			screen := strings.ReplaceAll(tc.screen, "TECHNICAL", words.Text(tc.lang, "Technical"))
			if got := d.Find(screen); !slices.Equal(got, tc.want) {
				t.Errorf("Find(%q) = %q, want %q", screen, got, tc.want)
			}
		})
	}
}

func TestAllowLetsTheWalksOwnWordsThrough(t *testing.T) {
	d, err := New("sv")
	if err != nil {
		t.Fatal(err)
	}
	d.Allow("Payment Store")
	if got := d.Find("Payment Store"); len(got) != 0 {
		t.Errorf("allowed words were found: %q", got)
	}
}
