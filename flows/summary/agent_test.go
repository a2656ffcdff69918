package summary_test

import (
	"strings"
	"testing"
	"time"

	"github.com/unstuck-dev/unstuck/checks"
	_ "github.com/unstuck-dev/unstuck/checks/connectivity"
	"github.com/unstuck-dev/unstuck/flows"
	"github.com/unstuck-dev/unstuck/flows/author"
	"github.com/unstuck-dev/unstuck/flows/summary"
	"github.com/unstuck-dev/unstuck/flows/words"
)

// Every outcome of every check has a sentence for the agent, and every language unstuck speaks
// translates it, so a Swedish summary never falls back to English.
func TestEveryCheckOutcomeHasAnAgentSentenceInEveryLanguage(t *testing.T) {
	for _, name := range checks.Names() {
		spec, _ := checks.Lookup(name)
		t.Run(name+" says each outcome to the agent", func(t *testing.T) {
			for _, o := range spec.Outcomes {
				agent := spec.Texts[o].Agent
				if agent == "" {
					t.Errorf("%s: outcome %q has no agent sentence", name, o)
					continue
				}
				if strings.Contains(agent, " you") || strings.HasPrefix(agent, "You") || strings.Contains(agent, " your ") {
					t.Errorf("%s: outcome %q speaks to the shopper: %q", name, o, agent)
				}
				for _, lang := range words.Languages()[1:] {
					if words.Text(lang, agent) == agent {
						t.Errorf("%s has no translation of %q", lang, agent)
					}
				}
			}
		})
	}
}

// The Checked section speaks to the agent, and says the card once: under Details.
func TestTheCheckedSectionSpeaksToTheAgent(t *testing.T) {
	cases := []struct{ name, path, want string }{
		{"an amount over the limit is the shopper's limit, said in the third person", goldenCases["over-limit"], "The amount is 20.50 over the shopper's available spending limit of 100.00."},
		{"a passed card check does not repeat the card", "a good card, then a wrong detail fixed at checkout", "The card number passes the check for typos."},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			sm := summary.Of(walkCase(t, c.path, false))
			for _, format := range []string{"text", "markdown"} {
				out, err := sm.Format(format)
				if err != nil {
					t.Fatal(err)
				}
				if !strings.Contains(out, c.want) {
					t.Errorf("%s summary lacks %q:\n%s", format, c.want, out)
				}
				for _, line := range strings.Split(out, "\n") {
					if !strings.Contains(line, "OK.") && !strings.Contains(line, "PROBLEM.") {
						continue // not a check's line: the flow's own words are the flow's
					}
					for _, shopper := range []string{"your ", "Your ", "Check each digit", "looks right", " ending "} {
						if strings.Contains(line, shopper) {
							t.Errorf("%s summary's check line speaks to the shopper or repeats the card (%q): %s", format, shopper, line)
						}
					}
				}
				if n := strings.Count(out, " ending "); n > 1 {
					t.Errorf("%s summary names the card %d times:\n%s", format, n, out)
				}
			}
			js, _ := sm.Format("json")
			if !strings.Contains(js, `"agent": "`+c.want) || !strings.Contains(js, `"summary": "`) {
				t.Errorf("the JSON summary should keep both sentences:\n%s", js)
			}
		})
	}
}

// walkCaseWith walks one of payment-fails' test cases in a language, with some answers changed.
func walkCaseWith(t *testing.T, name, lang string, change map[string]string) flows.State {
	t.Helper()
	data, err := flows.LibraryFS().(interface{ ReadFile(string) ([]byte, error) }).ReadFile("library/payment-fails.test.yaml")
	if err != nil {
		t.Fatal(err)
	}
	tf, diags := author.ParseTestFile("payment-fails.test.yaml", data)
	if diags.HasErrors() {
		t.Fatal(diags.Error())
	}
	f, _ := tf.ResolveFlow()
	now := time.Date(2026, 6, 15, 14, 30, 0, 0, time.FixedZone("CEST", 2*3600))
	for _, c := range tf.Cases {
		if c.Name == name {
			for k, v := range change {
				c.Answers[k] = []string{v}
			}
			res := author.RunCaseAs(f.Localize(lang), c, now, nil, flows.AudienceShopper, "")
			if res.Final == nil {
				t.Fatalf("case %q: %s", name, res.Failure)
			}
			return *res.Final
		}
	}
	t.Fatalf("no case %q", name)
	return flows.State{}
}

// The limit check's sentence and technical line carry the amounts' currency, in the summary's language.
func TestTheLimitCheckCarriesTheCurrency(t *testing.T) {
	for _, c := range []struct {
		name, lang, amount string
		want               []string
	}{
		{"an amount typed in kronor says kronor in the sentence and the technical line", "en", "120.50 SEK",
			[]string{"The amount is 20.50 SEK over the shopper's available spending limit of 100.00 SEK.", "currency=SEK"}},
		{"a Swedish walk says it the Swedish way", "sv", "120,50 kr",
			[]string{"Beloppet är 20,50 SEK över kundens tillgängliga köpgräns på 100,00 SEK.", "currency=SEK"}},
		{"an amount typed with a euro sign is in euros", "en", "€120.50",
			[]string{"The amount is 20.50 EUR over the shopper's available spending limit of 100.00 EUR.", "currency=EUR"}},
	} {
		t.Run(c.name, func(t *testing.T) {
			sm := summary.Of(walkCaseWith(t, goldenCases["over-limit"], c.lang, map[string]string{"amount": c.amount}))
			for _, format := range summary.Names() {
				out, _ := sm.Format(format)
				out = strings.ReplaceAll(out, "\u00a0", " ")
				for _, w := range c.want {
					if !strings.Contains(out, w) {
						t.Errorf("the %s summary lacks %q:\n%s", format, w, out)
					}
				}
			}
		})
	}
}

// Options whose labels read badly as answers ("Yes, other websites work") are given in short, in
// every language.
func TestDetailsGiveOptionsInShort(t *testing.T) {
	for _, c := range []struct{ name, lang, want, not string }{
		{"the internet question reads as a yes in English", "en", "Internet working: yes", "other websites work"},
		{"and as a ja in Swedish", "sv", ": ja", "andra webbplatser fungerar"},
		{"and as a ja in German", "de", ": ja", "andere Websites"},
	} {
		t.Run(c.name, func(t *testing.T) {
			sm := summary.Of(walkCaseWith(t, goldenCases["over-limit"], c.lang, nil))
			out := sm.Text()
			if !strings.Contains(out, c.want) || strings.Contains(out, c.not) {
				t.Errorf("want %q and not %q in:\n%s", c.want, c.not, out)
			}
		})
	}
}

// An answer the agent reads under Details is never the shopper's hedge in the first person: an
// option labelled "I'm not sure" on a step with a label says it in short ("not known").
func TestNoBuiltInAnswerReadsImNotSure(t *testing.T) {
	lib, err := flows.Library()
	if err != nil {
		t.Fatal(err)
	}
	for _, f := range lib {
		t.Run(f.ID+" gives every unsure answer in short", func(t *testing.T) {
			for _, n := range f.Nodes {
				if n.Label == "" {
					continue
				}
				for _, o := range n.Options {
					if o.Label == "I'm not sure" && o.Answer == "" && len(o.Summary)+len(o.Tried) == 0 {
						t.Errorf("%s: option %q has no answer: wording", n.ID, o.Value)
					}
				}
			}
		})
	}
}
