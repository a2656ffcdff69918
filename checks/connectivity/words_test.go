package connectivity_test

import (
	"testing"

	"github.com/unstuck-dev/unstuck/checks"
	_ "github.com/unstuck-dev/unstuck/checks/connectivity"
	"github.com/unstuck-dev/unstuck/flows/words"
)

// The check's words for a shopper (its label, each outcome's sentence and next step, each layer's
// name) are catalog keys: every language unstuck speaks translates each of them, so a new outcome
// can't reach a Swedish shopper in English.
func TestEveryLanguageHasTheChecksWords(t *testing.T) {
	spec, ok := checks.Lookup("connectivity")
	if !ok {
		t.Fatal("no check called connectivity")
	}
	english := []string{spec.Label}
	for _, o := range spec.Outcomes {
		text := spec.Texts[o]
		english = append(english, text.Summary)
		if text.Next != "" {
			english = append(english, text.Next)
		}
	}
	for _, part := range spec.Parts {
		english = append(english, spec.PartLabels[part])
	}
	for _, lang := range words.Languages()[1:] {
		t.Run(lang+" translates every sentence of the connection check", func(t *testing.T) {
			c := words.Load(lang)
			if c == nil {
				t.Fatalf("no catalog for %s", lang)
			}
			for _, en := range english {
				if !c.Has(en) || words.Text(lang, en) == en {
					t.Errorf("%s has no translation of %q", lang, en)
				}
			}
		})
	}
}
