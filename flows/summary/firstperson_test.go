package summary_test

import (
	"regexp"
	"testing"

	"github.com/unstuck-dev/unstuck/flows"
)

// firstPerson finds a word by which a shopper speaks of themselves, per language: an option's label
// with one reads badly as an answer in the agent's summary ("Problem: I can't log in").
var firstPerson = map[string]*regexp.Regexp{
	"en": regexp.MustCompile(`(?i)\b(i|i'm|i've|i'd|i'll|my|me|mine|myself)\b`),
	"sv": regexp.MustCompile(`(?i)(^|[^\p{L}])(jag|mig|min|mitt|mina)($|[^\p{L}])`),
	"de": regexp.MustCompile(`(?i)(^|[^\p{L}])(ich|mich|mir|mein|meine|meinem|meinen|meiner|meines)($|[^\p{L}])`),
	"es": regexp.MustCompile(`(?i)(^|[^\p{L}])(yo|mi|mis|me|mío|mía|conmigo)($|[^\p{L}])`),
	"pl": regexp.MustCompile(`(?i)(^|[^\p{L}])(ja|mnie|mi|mój|moja|moje|mojego|mojej|moim|moją|moich|mną)($|[^\p{L}])`),
}

// Every option of a step with a label that speaks in the first person, in any language a built-in
// flow ships, has a short answer: wording for the summary, and that wording is in the third person.
func TestFirstPersonOptionsHaveAnAnswerForTheAgent(t *testing.T) {
	lib, err := flows.Library()
	if err != nil {
		t.Fatal(err)
	}
	for _, base := range lib {
		for _, lang := range base.Languages() {
			fp, ok := firstPerson[lang]
			if !ok {
				t.Fatalf("no first-person words for %s: add them to this test", lang)
			}
			t.Run(base.ID+" in "+lang+" gives first-person options in short", func(t *testing.T) {
				f := base.Localize(lang)
				for _, n := range f.Nodes {
					if n.Label == "" {
						continue
					}
					for _, o := range n.Options {
						switch {
						case o.Answer == "" && fp.MatchString(o.Label):
							t.Errorf("%s: option %q reads %q and has no answer:", n.ID, o.Value, o.Label)
						case fp.MatchString(o.Answer):
							t.Errorf("%s: option %q's answer %q is in the first person", n.ID, o.Value, o.Answer)
						}
					}
				}
			})
		}
	}
}
