package tui

import (
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/unstuck-dev/unstuck/flows"
)

// Every language unstuck ships must translate every one of its own words: the UI's, the summary's,
// the engine's messages and the checks' plain lines. A missing one would show in English.
func TestEveryLanguageHasEveryWord(t *testing.T) {
	var words []string
	words = append(words, UIWords...)
	words = append(words, flows.SummaryWords...)
	words = append(words, flows.InputWords...)
	for k := range flows.CheckMessages {
		words = append(words, k)
	}
	slices.Sort(words)
	verbs := regexp.MustCompile(`%[-0-9]*[sdvq]`)
	for _, lang := range []string{"sv", "de", "es"} {
		t.Run(lang+" has every word, with the same placeholders", func(t *testing.T) {
			for _, w := range words {
				got := flows.Word(lang, w)
				if strings.HasPrefix(w, "check.") || strings.HasPrefix(w, "layer.") {
					if got == w {
						t.Errorf("%s lacks %q", lang, w)
					}
					continue
				}
				if got == w && !sameInEveryLanguage[w] {
					t.Errorf("%s lacks %q", lang, w)
					continue
				}
				if a, b := verbs.FindAllString(w, -1), verbs.FindAllString(got, -1); !slices.Equal(a, b) {
					t.Errorf("%s: %q has placeholders %v, its translation %q has %v", lang, w, a, got, b)
				}
			}
		})
	}
}

// sameInEveryLanguage are words that need no translation (they are the same everywhere).
var sameInEveryLanguage = map[string]bool{"OK": true, "No": true}

// Every UI word is in UIWords, so the test above sees it: a word added to the UI without adding it
// there would never be translated. The words are found the way the code asks for them: e.t("...")
// and the help texts of keys.
func TestUIWordsListsEveryWordTheUIUses(t *testing.T) {
	files, _ := filepath.Glob("*.go")
	uses := regexp.MustCompile(`(?:\.t\(|WithHelp\("[^"]*", |SetHelp\("[^"]*", |\{k\.[A-Za-z]+, )("(?:[^"\\]|\\.)*")`)
	found := 0
	for _, f := range files {
		if strings.HasSuffix(f, "_test.go") || f == "locale.go" {
			continue
		}
		src, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		for _, m := range uses.FindAllStringSubmatch(string(src), -1) {
			w, err := strconv.Unquote(m[1])
			if err != nil {
				t.Fatal(err)
			}
			found++
			if !slices.Contains(UIWords, w) {
				t.Errorf("%s uses %q, which UIWords lacks", f, w)
			}
		}
	}
	if found < 40 {
		t.Errorf("found only %d uses of UI words; the pattern is out of date", found)
	}
}
