package main

import (
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"
	"unicode"

	"github.com/unstuck-dev/unstuck/checks"
	scrubber "github.com/unstuck-dev/unstuck/checks/redact"
	"github.com/unstuck-dev/unstuck/flows"
	"github.com/unstuck-dev/unstuck/flows/author"
)

// The privacy proof in every shape: a card number typed the ways people really type it (dots,
// slashes, underscores, commas, runs of spaces, tabs, ideographic and no-break spaces, fullwidth,
// Arabic-Indic and Persian digits), with its expiry and security code beside it or named by their
// words in each language, at every free-text step of every built-in flow, in every language, in
// case ids and in file names. Every output, saved file and transcript is scanned with a finder that
// normalises digits and separators the same way: zero card numbers, codes or expiry dates.

// writtenCard is one way of writing a card number.
type writtenCard struct {
	name  string
	write func(digits string) string
}

func groupWith(digits, sep string) string { return group(digits, sep) }

// inScript writes ASCII digits in another script's digits, whose zero is zero.
func inScript(digits string, zero rune) string {
	return strings.Map(func(r rune) rune {
		if r >= '0' && r <= '9' {
			return zero + (r - '0')
		}
		return r
	}, digits)
}

var everyShape = []writtenCard{
	{"digits only", func(d string) string { return d }},
	{"dots", func(d string) string { return groupWith(d, ".") }},
	{"slashes", func(d string) string { return groupWith(d, "/") }},
	{"underscores", func(d string) string { return groupWith(d, "_") }},
	{"commas", func(d string) string { return groupWith(d, ",") }},
	{"two spaces", func(d string) string { return groupWith(d, "  ") }},
	{"a tab", func(d string) string { return groupWith(d, "\t") }},
	{"ideographic spaces", func(d string) string { return groupWith(d, "\u3000") }},
	{"no-break spaces", func(d string) string { return groupWith(d, "\u00a0") }},
	{"en dashes", func(d string) string { return groupWith(d, "\u2013") }},
	{"fullwidth digits", func(d string) string { return groupWith(inScript(d, '\uff10'), " ") }},
	{"Arabic-Indic digits", func(d string) string { return inScript(d, '\u0660') }},
	{"Persian digits", func(d string) string { return groupWith(inScript(d, '\u06f0'), " ") }},
}

// secretPhrases put a card number (%[1]s), its expiry (%[2]s) and its security code (%[3]s) in a
// sentence, the ways a shopper pastes them, with the words for them in each language.
var secretPhrases = []string{
	"card %[1]s exp %[2]s cvv %[3]s",
	"%[1]s %[2]s %[3]s",
	"paid with %[1]s, expiry %[2]s, security code %[3]s",
	"kort %[1]s giltig till %[2]s säkerhetskod %[3]s",
	"Karte %[1]s gültig bis %[2]s Prüfnummer %[3]s",
	"tarjeta %[1]s vence %[2]s código de seguridad %[3]s",
	"my card is %[1]s valid thru %[2]s CVC: %[3]s",
}

// digitValue is the value of any Unicode decimal digit: decimal digits come in runs of ten from zero.
func digitValue(r rune) (int, bool) {
	if !unicode.Is(unicode.Nd, r) {
		return 0, false
	}
	start := r
	for unicode.Is(unicode.Nd, start-1) {
		start--
	}
	return int(r-start) % 10, true
}

// normalizedDigitRuns turns every run of digits, in any script, with up to three characters that are
// neither letters nor digits between them (and no line break), into its ASCII digits: stricter than
// the scrubber, so that what the scrubber misses is found.
func normalizedDigitRuns(text string) string {
	var b strings.Builder
	var gap []rune
	inRun := false
	for _, r := range text {
		if v, ok := digitValue(r); ok {
			if inRun && len(gap) > 3 {
				b.WriteString(string(gap))
			}
			gap = gap[:0]
			b.WriteByte(byte('0' + v))
			inRun = true
			continue
		}
		if inRun && r != '\n' && !unicode.IsLetter(r) && len(gap) <= 3 {
			gap = append(gap, r)
			continue
		}
		b.WriteString(string(gap))
		gap = gap[:0]
		inRun = false
		b.WriteRune(r)
	}
	b.WriteString(string(gap))
	return b.String()
}

// anyShapeLeaks names what of the card, its expiry or security code text holds, in any shape.
func anyShapeLeaks(text string, c privacyCard) []string {
	return flatShapeLeaks(flattenShapes(text), c)
}

// flattenShapes is text as anyShapeLeaks searches it: times stripped, digit runs normalised. An
// artefact is flattened once and searched for every card.
func flattenShapes(text string) string { return normalizedDigitRuns(stripTimes(text)) }

// flatShapeLeaks is anyShapeLeaks on text flattenShapes made.
func flatShapeLeaks(flat string, c privacyCard) []string {
	var out []string
	for k := len(c.digits); k >= 6; k-- {
		if strings.Contains(flat, c.digits[:k]) {
			out = append(out, fmt.Sprintf("the first %d digits of the %s number", k, c.brand))
			break
		}
	}
	for _, l := range secretLeaks(flat) {
		out = append(out, l)
	}
	return out
}

// safe makes a failure message safe to print: the scrubber, then the proof's own redaction.
func safe(s string) string { return redact(scrubber.String(s)) }

func assertNoLeaksInAnyShape(t *testing.T, arts []artefact, cards []privacyCard) {
	t.Helper()
	for _, a := range arts {
		seen := map[string]bool{}
		flat := flattenShapes(a.text)
		for _, c := range cards {
			for _, l := range flatShapeLeaks(flat, c) {
				if !seen[l] {
					seen[l] = true
					t.Errorf("%s found in %s", l, a.name)
				}
			}
		}
	}
}

func TestShapeLeakFinder(t *testing.T) {
	cards := privacyCards(t)
	visa := cards[0]
	for i, shape := range everyShape {
		t.Run("a number written with "+shape.name+" is found", func(t *testing.T) {
			text := fmt.Sprintf(secretPhrases[i%len(secretPhrases)], shape.write(visa.digits), privacyExpiry, privacyCode)
			if got := anyShapeLeaks(text, visa); len(got) != 3 {
				t.Errorf("the finder found %q, want the number, the expiry and the code", got)
			}
		})
	}
	t.Run("the last four, dates and amounts are not leaks", func(t *testing.T) {
		safe := fmt.Sprintf("Visa ending %s, 2026-06-15, 120.50 kr, order 12345", visa.digits[len(visa.digits)-4:])
		if got := anyShapeLeaks(safe, visa); len(got) > 0 {
			t.Errorf("safe text reported as %q", got)
		}
	})
}

// hostileText is the free-text answer the proof types: a card in shape k with its expiry and code.
func hostileText(card privacyCard, k int) string {
	shape := everyShape[k%len(everyShape)]
	return fmt.Sprintf(secretPhrases[k%len(secretPhrases)], shape.write(card.digits), privacyExpiry, privacyCode)
}

// fitsInput reports whether a free-text input takes the hostile text as it is.
func fitsInput(spec flows.InputSpec, text string) bool {
	n := len([]rune(flows.Sanitize(text))) // as the engine counts: a tab is shown as spaces
	return spec.Type == flows.InputText && spec.Pattern == "" && n >= spec.MinLength && (spec.MaxLength == 0 || n <= spec.MaxLength)
}

// proofAnswers turns an explored walk into answers with a hostile text at every free-text step,
// starting at shape k, and reports how many free-text steps it filled.
func proofAnswers(f *flows.Flow, moves []flows.Move, card privacyCard, k int) (doc map[string]any, filled int) {
	answers := map[string][]string{}
	pretend := map[string]string{}
	for _, m := range moves {
		n := f.Node(m.Node)
		switch {
		case n.Kind == flows.KindCheck:
			pretend[n.ID] = m.Result.Outcome + ":" + string(m.Result.Status)
		case n.Kind == flows.KindInput && n.Input.Type == flows.InputCard:
			answers[n.ID] = append(answers[n.ID], card.typed)
		case n.Kind == flows.KindInput && n.Input.Type == flows.InputExpiry:
			answers[n.ID] = append(answers[n.ID], privacyExpiry)
		case n.Kind == flows.KindInput && fitsInput(*n.Input, hostileText(card, k+filled)):
			answers[n.ID] = append(answers[n.ID], hostileText(card, k+filled))
			filled++
		default:
			answers[n.ID] = append(answers[n.ID], m.Answer)
		}
	}
	return map[string]any{"now": "2026-06-15", "answers": answers, "checks": pretend}, filled
}

// proofLines turns an explored walk into the line runner's input, with a hostile text at every
// free-text step; it reports false when the walk runs a check that needs the network (the line
// runner runs checks for real, and tests never reach the network).
func proofLines(f *flows.Flow, moves []flows.Move, card privacyCard, k int) (input string, filled int, ok bool) {
	var ls []string
	for _, m := range moves {
		n := f.Node(m.Node)
		switch {
		case n.Kind == flows.KindCheck:
			if spec, found := checks.Lookup(n.Check); !found || spec.Network {
				return "", 0, false
			}
		case n.Kind == flows.KindInput && n.Input.Type == flows.InputCard:
			// The card with its expiry and code first (refused without being repeated), then alone.
			ls = append(ls, hostileText(card, k+filled), card.typed)
		case n.Kind == flows.KindInput && n.Input.Type == flows.InputExpiry:
			ls = append(ls, privacyExpiry)
		case n.Kind == flows.KindInput && fitsInput(*n.Input, hostileText(card, k+filled)):
			ls = append(ls, hostileText(card, k+filled))
			filled++
		default:
			ls = append(ls, m.Answer)
		}
	}
	return strings.Join(ls, "\n") + "\n", filled, true
}

var proofLanguages = []string{"en", "sv", "de", "es"}

func TestPrivacyProofEveryShapeEveryLanguage(t *testing.T) {
	t.Parallel() // in-process runs, each in folders of its own
	cards := privacyCards(t)
	lib, err := flows.Library()
	if err != nil {
		t.Fatalf("a built-in flow is broken: %v", err)
	}
	now := time.Date(2026, 6, 15, 0, 0, 0, 0, time.UTC)
	k := 0 // turns through the shapes, phrases and ways across all walks
	for _, base := range lib {
		for _, lang := range proofLanguages {
			if !inShortSample(base.ID, lang) {
				continue
			}
			f := base.Localize(lang)
			// The walks are explored here, so that each subtest knows where in the turn of shapes
			// its walks start and the subtests can run side by side.
			explored := author.Explore(f, now)
			first := k
			for _, ex := range explored {
				if ex.Problem == "" {
					k++
				}
			}
			t.Run(fmt.Sprintf("%s in %s leaks no card, code or expiry typed in any shape", f.ID, lang), func(t *testing.T) {
				t.Parallel()
				k := first
				e := newPrivacyEnv(t)
				filledAnswers, filledLines := 0, 0
				for _, ex := range explored {
					if ex.Problem != "" {
						continue // the flow tests report it
					}
					card := cards[k%len(cards)]
					k++
					doc, filled := proofAnswers(f, ex.Moves, card, k)
					filledAnswers += filled
					answers := filepath.Join(e.work, "answers.yaml")
					writeAnswers(t, answers, doc)
					out := filepath.Join(e.work, "summary.out")
					caseID := "case " + hostileText(card, k)
					for _, w := range [][]string{
						{"--format", "text"}, {"--format", "markdown", "--out", out}, {"--format", "json"},
						{"--staff", "--case", caseID, "--out", out},
					} {
						os.Remove(out)
						args := append([]string{"--lang", lang, "run", f.ID, "--answers", answers}, w...)
						what := fmt.Sprintf("run %s --lang %s --answers to %s %s", f.ID, lang, ex.End, safe(strings.Join(w, " ")))
						code, arts := e.run(what, "", args...)
						if code != exitOK {
							t.Errorf("%s: exit status %d, want 0; stderr:\n%s", what, code, safe(artefactText(arts, "stderr")))
						}
						assertNoLeaksInAnyShape(t, arts, cards)
					}
					if input, filled, ok := proofLines(f, ex.Moves, card, k); ok {
						filledLines += filled
						what := fmt.Sprintf("run %s --lang %s line by line to %s", f.ID, lang, ex.End)
						code, arts := e.run(what, input, "--lang", lang, "run", f.ID, "--format", []string{"text", "markdown", "json"}[k%3])
						if code != exitOK && code != exitProblems {
							t.Errorf("%s: exit status %d, want 0 or 1; stderr:\n%s", what, code, safe(artefactText(arts, "stderr")))
						}
						assertNoLeaksInAnyShape(t, arts, cards)
					}
				}
				if hasFreeText := slices.ContainsFunc(f.Nodes, func(n *flows.Node) bool {
					return n.Kind == flows.KindInput && fitsInput(*n.Input, hostileText(cards[0], 0))
				}); hasFreeText && filledAnswers == 0 {
					t.Errorf("%s has free-text steps, but no walk of the proof typed into one", f.ID)
				}
				t.Logf("%s (%s): %d free-text answers from files, %d typed line by line", f.ID, lang, filledAnswers, filledLines)
			})
		}
	}
}

func TestPrivacyProofCardInFileNames(t *testing.T) {
	t.Parallel() // in-process runs, each in folders of its own
	cards := privacyCards(t)
	for i, shape := range everyShape {
		card := cards[i%len(cards)]
		t.Run("an answers file named with a card in "+shape.name+" is never named back", func(t *testing.T) {
			e := newPrivacyEnv(t)
			missing := filepath.Join(e.work, "card "+shape.write(card.digits)+".yaml")
			code, arts := e.run("run --answers (a missing file named with a card)", "", "run", "payment-fails", "--answers", missing)
			if code == exitOK {
				t.Errorf("a missing answers file was accepted")
			}
			assertNoLeaksInAnyShape(t, arts, cards)
			broken := filepath.Join(e.work, "cvv "+privacyCode+" card "+shape.write(card.digits)+".yaml")
			// With slashes between the groups, the number runs through folders.
			if err := os.MkdirAll(filepath.Dir(broken), 0o700); err != nil {
				t.Fatal(safe(err.Error()))
			}
			if err := os.WriteFile(broken, []byte("answers: [\n"), 0o600); err != nil {
				t.Fatal(safe(err.Error()))
			}
			code, arts = e.run("run --answers (a broken file named with a card)", "", "run", "payment-fails", "--answers", broken)
			if code == exitOK {
				t.Errorf("a broken answers file was accepted")
			}
			assertNoLeaksInAnyShape(t, arts, cards)
		})
	}
}
