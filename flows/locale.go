package flows

import (
	"strings"

	"github.com/unstuck-dev/unstuck/checks"
	"github.com/unstuck-dev/unstuck/flows/words"
)

// The summary's own words and the plain lines of check results, in the languages unstuck speaks.
// Flows bring their own translations (translation files); these are the words around them, kept
// as data in package words: a message's key is its English text.

// Word translates an English text into lang, falling back to English. It does no formatting; a
// message with a count in it goes through Wordf, which picks the plural form.
func Word(lang, english string) string { return words.Text(lang, english) }

// Wordf translates a format by its English text and fills it in, with the plural form the count
// asks for and numbers written the language's way. Ids and years go in as strings.
func Wordf(lang, english string, args ...any) string { return words.Sprintf(lang, english, args...) }

// partStatusTexts are a part's plain line by its status, when a check reports its parts one by one.
var partStatusTexts = map[checks.Status]string{
	checks.StatusOK: "Fine.", checks.StatusProblem: "A problem was found here.",
	checks.StatusWarning: "Something to look at here.", checks.StatusSkipped: "Skipped.",
}

// LocalizeResult gives a check result's plain lines in lang, from the words its check's definition
// gives its outcome; the technical line stays as it is, for support staff. In English the result
// keeps its own lines, which may say more (the card's last four digits).
func LocalizeResult(r checks.Result, lang string) checks.Result {
	if isEnglish(lang) {
		return r
	}
	spec, _ := checks.Lookup(r.Name)
	text, ok := spec.Texts[r.Outcome]
	if !ok || text.Summary == "" {
		return r
	}
	if w := Word(lang, text.Summary); w != text.Summary {
		r.Summary = w
		r.Next = ""
		if text.Next != "" {
			if n := Word(lang, text.Next); n != text.Next {
				r.Next = n
			}
		}
	}
	return r
}

// LayerName names a part of a check (a connectivity layer) in lang, from the check's definition.
func LayerName(lang, layer string) string {
	for _, name := range checks.Names() {
		spec, _ := checks.Lookup(name)
		if l, ok := spec.PartLabels[layer]; ok {
			return Word(lang, l)
		}
	}
	return layer
}

// LocalizeLayer gives a connectivity layer's plain line in lang, by the layer's status; the
// technical line stays.
func LocalizeLayer(r checks.Result, lang string) checks.Result {
	if isEnglish(lang) {
		return r
	}
	if en, ok := partStatusTexts[r.Status]; ok {
		if w := Word(lang, en); w != en {
			r.Summary = w
		}
	}
	return r
}

// isEnglish reports whether lang is English, or no language at all (English is the default).
func isEnglish(lang string) bool {
	base := NormalizeLang(lang)
	return base == "" || strings.HasPrefix(base, "en")
}
