package checks

import "testing"

// A check carries its own words: a label, and a sentence for every outcome it can return.
func TestEveryCheckSaysWhatEachOutcomeMeans(t *testing.T) {
	for _, name := range Names() {
		s, _ := Lookup(name)
		t.Run(name+" has a label and a text for every outcome", func(t *testing.T) {
			if s.Label == "" {
				t.Errorf("%s has no Label", name)
			}
			for _, o := range s.Outcomes {
				if s.Texts[o].Summary == "" {
					t.Errorf("%s: outcome %q has no text", name, o)
				}
			}
			for o := range s.Texts {
				if !s.HasOutcome(o) {
					t.Errorf("%s: a text for %q, which is not an outcome", name, o)
				}
			}
		})
	}
}
