// Package untranslated is the English-word detector the language walks share (tui's in-process walk
// of every flow and cmd/unstuck's walk in tmux): a word a non-English run shows is English when the
// English texts use it (the catalog and the built-in flows) and the language's own texts do not,
// unless it is a name. It holds no terminal and reads only the embedded library and catalogs.
package untranslated

import (
	"fmt"
	"io/fs"
	"regexp"
	"slices"
	"strings"

	"github.com/unstuck-dev/unstuck/flows"
	"github.com/unstuck-dev/unstuck/flows/words"
)

// Names are shown as they are in every language: brands, keys and the program.
const Names = "Visa Mastercard American Express Amex Klarna unstuck esc enter ctrl+c ctrl tab pgup pgdn home end shift"

// word is a word as the rule counts it (cmd/unstuck's Polish test): four letters or more, lower-cased.
var word = regexp.MustCompile(`\p{L}{4,}`)

// FilePath is a file's path, which is a name: the saved summary's file is unstuck-summary-….txt in
// every language.
var FilePath = regexp.MustCompile(`\S*/\S*`)

// Bag is the set of words in texts.
func Bag(texts ...string) map[string]bool {
	m := map[string]bool{}
	for _, s := range texts {
		for _, w := range word.FindAllString(strings.ToLower(s), -1) {
			m[w] = true
		}
	}
	return m
}

// English is the bag of the English texts: every catalog key and the English flow files.
func English() (map[string]bool, error) { return bagOf(words.Source) }

// Own is the bag of a language's own texts: its catalog file (no fallback to English) and the text:
// lines of its translation files.
func Own(lang string) (map[string]bool, error) { return bagOf(lang) }

func bagOf(lang string) (map[string]bool, error) {
	texts, err := flowTexts(lang)
	if err != nil {
		return nil, err
	}
	return Bag(append(CatalogTexts(lang), texts...)...), nil
}

// CatalogTexts are the texts a language's catalog file itself holds (no fallback to English), and
// for English every key.
func CatalogTexts(lang string) []string {
	c := words.Load(lang)
	var out []string
	for _, k := range c.Keys() {
		if m, ok := c.Messages[k]; ok {
			out = append(out, m)
		}
		for _, form := range c.Plurals[k] {
			out = append(out, form)
		}
	}
	return append(out, c.Same...)
}

// flowTexts are the English flow files, or a language's text: lines of its translation files (they
// repeat the English under source:, which is left out).
func flowTexts(lang string) ([]string, error) {
	entries, err := fs.ReadDir(flows.LibraryFS(), "library")
	if err != nil {
		return nil, err
	}
	var out []string
	for _, e := range entries {
		name := e.Name()
		if strings.HasSuffix(name, ".test.yaml") {
			continue
		}
		_, l, isTr := flows.TranslationName(name)
		if _, pl, ok := flows.PartsFileName(name); ok && pl != "" { // a shared parts file's translation
			l, isTr = pl, true
		}
		if (lang == words.Source) == isTr || isTr && l != lang {
			continue
		}
		data, err := fs.ReadFile(flows.LibraryFS(), "library/"+name)
		if err != nil {
			return nil, err
		}
		if !isTr {
			out = append(out, string(data))
			continue
		}
		tr, diags := flows.ParseTranslation(name, data)
		if diags.HasErrors() {
			return nil, fmt.Errorf("%s", diags.Error())
		}
		for _, text := range tr.Texts {
			out = append(out, text.Text)
		}
	}
	return out, nil
}

// Detector finds English words on the screens of a run in one language.
type Detector struct {
	lang                  string
	english, own, allowed map[string]bool
}

// New is a detector for a run in lang that also lets the names in allowed through (a provider's
// name, what the walk types).
func New(lang string, allowed ...string) (*Detector, error) {
	english, err := English()
	if err != nil {
		return nil, err
	}
	own, err := Own(lang)
	if err != nil {
		return nil, err
	}
	return &Detector{lang: lang, english: english, own: own, allowed: Bag(append(allowed, Names)...)}, nil
}

// Allow lets the words of texts through from now on.
func (d *Detector) Allow(texts ...string) {
	for w := range Bag(texts...) {
		d.allowed[w] = true
	}
}

// Find returns the English words a screen shows, sorted. A check's technical lines (under
// "Technical:", for support staff) and file paths are not read.
func (d *Detector) Find(screen string) []string {
	var lines []string
	technical := false
	for _, l := range strings.Split(screen, "\n") {
		technical = strings.Contains(l, words.Text(d.lang, "Technical")+":") || technical && strings.HasPrefix(l, "    ")
		if !technical {
			lines = append(lines, FilePath.ReplaceAllString(l, ""))
		}
	}
	var found []string
	for w := range Bag(lines...) {
		if d.english[w] && !d.own[w] && !d.allowed[w] {
			found = append(found, w)
		}
	}
	slices.Sort(found)
	return found
}
