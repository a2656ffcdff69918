package main

import (
	"io/fs"
	"regexp"
	"strings"
	"testing"

	"github.com/unstuck-dev/unstuck/flows"
	"github.com/unstuck-dev/unstuck/flows/words"
)

// Polish is data only: a catalog file and a translation beside each flow. Run a whole flow in
// Polish, line by line, and find no English word in what is shown, except names (Visa, unstuck)
// and what the shopper typed (a check's technical line, for support staff, stays as the check wrote
// it). An English word is one that the English texts use (the catalog and
// the flow) and the Polish ones do not.
func TestAFlowRunsInPolishWithNoEnglishWord(t *testing.T) {
	if !contains(words.Languages(), "pl") || !contains(flows.Languages(), "pl") {
		t.Fatalf("Polish is not among the languages read from the files: %v", flows.Languages())
	}
	word := regexp.MustCompile(`\p{L}{4,}`)
	bag := func(texts ...string) map[string]bool {
		m := map[string]bool{}
		for _, s := range texts {
			for _, w := range word.FindAllString(strings.ToLower(s), -1) {
				m[w] = true
			}
		}
		return m
	}
	en, pl := words.Load("en"), words.Load("pl")
	var enTexts, plTexts []string
	for _, k := range en.Keys() {
		enTexts = append(enTexts, words.Text("en", k))
		plTexts = append(plTexts, words.Text("pl", k))
	}
	for _, k := range pl.Keys() {
		plTexts = append(plTexts, words.Text("pl", k))
	}
	for _, name := range []string{"library/payment-fails.yaml", "library/payment-fails.pl.yaml"} {
		data, err := fs.ReadFile(flows.LibraryFS(), name)
		if err != nil {
			t.Fatal(err)
		}
		if strings.HasSuffix(name, ".pl.yaml") {
			// The translation file repeats the English under source:; only its text: lines are Polish.
			for _, l := range strings.Split(string(data), "\n") {
				if strings.Contains(l, "text:") {
					plTexts = append(plTexts, l)
				}
			}
			continue
		}
		enTexts = append(enTexts, string(data))
	}
	// welcome, store, internet, card-ask: no, details, limits: yes, amount, limit, no cap, account, store-accepts, glitch: fixed.
	const answers = "\nExample Shoes\n1\n2\n3\n1\n120.50\n500\n\n2\n1\n1\n"
	english, polish, typed := bag(enTexts...), bag(plTexts...), bag(answers, "Visa unstuck")
	for _, tc := range []struct {
		name string
		args []string
		env  map[string]string
	}{
		{"asked for with --lang pl", []string{"--lang", "pl", "run", "payment-fails", "--no-save"}, nil},
		{"asked for by the environment (LANGUAGE before LANG)", []string{"run", "payment-fails", "--no-save"}, map[string]string{"LANGUAGE": "pl", "LANG": "de_DE.UTF-8"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			s, out, errOut := testStreams(answers)
			s.Env = func(k string) string { return tc.env[k] }
			if code := runWithin(t, tc.args, s); code != exitOK {
				t.Fatalf("exit %d: %s", code, errOut)
			}
			shown := out.String() + errOut.String()
			if !strings.Contains(shown, "120,50") || !strings.Contains(shown, "Krok") {
				t.Errorf("this does not look like Polish:\n%s", shown)
			}
			// A check's technical line is for support staff and stays as the check wrote it.
			// It may wrap onto indented lines.
			var lines []string
			technical := false
			for _, l := range strings.Split(shown, "\n") {
				technical = strings.Contains(l, words.Text("pl", "Technical")+":") || technical && strings.HasPrefix(l, "  ")
				if !technical {
					lines = append(lines, l)
				}
			}
			for w := range bag(lines...) {
				if english[w] && !polish[w] && !typed[w] {
					t.Errorf("the English word %q is shown", w)
				}
			}
			if t.Failed() {
				t.Logf("shown:\n%s", shown)
			}
		})
	}
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}
