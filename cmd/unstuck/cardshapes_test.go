package main

import (
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"go.yaml.in/yaml/v3"

	scrubber "github.com/unstuck-dev/unstuck/checks/redact"
	"github.com/unstuck-dev/unstuck/flows/summary"
)

// Card numbers in every shape a shopper was seen typing them (issue 10), each a published test card.
var cardShapes = []struct{ name, typed string }{
	{"dots", "4242.4242.4242.4242"},
	{"slashes", "4242/4242/4242/4242"},
	{"underscores", "4242_4242_4242_4242"},
	{"commas", "4242,4242,4242,4242"},
	{"two spaces", "4242  4242  4242  4242"},
	{"tabs", "5555\t5555\t5555\t4444"},
	{"ideographic spaces", "4242\u30004242\u30004242\u30004242"},
	{"no-break spaces", "4242\u00a04242\u00a04242\u00a04242"},
	{"fullwidth digits", "４２４２４２４２４２４２４２４２"},
	{"Arabic-Indic digits", "٤٢٤٢٤٢٤٢٤٢٤٢٤٢٤٢"},
	{"Persian digits", "۴۲۴۲ ۴۲۴۲ ۴۲۴۲ ۴۲۴۲"},
	{"an Amex number", "378282246310005"},
}

// The security code and expiry typed with them: chosen so that no reference or time holds them.
const (
	shapeCode   = "918"
	shapeExpiry = "09/31"
)

var codeOrExpiryRE = regexp.MustCompile(`(^|[^0-9])(918|09 ?/ ?31|0931)([^0-9]|$)`)

// shapeLeaks names what of a card, code or expiry an output holds, without repeating it.
func shapeLeaks(text string) []string {
	var out []string
	if scrubber.HasCard(text) {
		out = append(out, "a card number")
	}
	if codeOrExpiryRE.MatchString(stripTimes(text)) {
		out = append(out, "the security code or the expiry date")
	}
	return out
}

func writeYAML(t *testing.T, path string, doc any) {
	t.Helper()
	data, err := yaml.Marshal(doc)
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(path, data, 0o600); err != nil {
		t.Fatal(err)
	}
}

// shapeAnswers walks payment-fails to the support end, past every free-text question, with the card in each.
func shapeAnswers(card string) map[string]any {
	return map[string]any{
		"now": "2026-06-15",
		"answers": map[string]any{
			"store":        "Shop " + card,
			"amount":       "40",
			"error-seen":   "declined, card " + card + " exp " + shapeExpiry + " cvv " + shapeCode,
			"order-number": card + " " + shapeExpiry + " " + shapeCode,
			"internet":     "yes", "card-ask": "no", "details": "all-match", "limits": "no", "account": "clear",
			"store-accepts": "yes", "glitch": "still-failing", "fraud": "no",
		},
		"checks": map[string]any{"connection-check": "skipped"},
	}
}

func assertNoShapeLeaks(t *testing.T, arts []artefact) {
	t.Helper()
	for _, a := range arts {
		for _, l := range shapeLeaks(a.text) {
			t.Errorf("%s found in %s:\n%s", l, a.name, scrubber.String(a.text))
		}
	}
}

func TestCardShapesNeverLeaveTheProgram(t *testing.T) {
	t.Parallel() // in-process runs, each in folders of its own
	for _, shape := range cardShapes {
		t.Run("a card with "+shape.name, func(t *testing.T) {
			e := newPrivacyEnv(t)
			answers := filepath.Join(e.work, "answers.yaml")
			writeYAML(t, answers, shapeAnswers(shape.typed))
			for _, format := range summary.Names() {
				t.Run("is not in the "+format+" summary, printed or saved", func(t *testing.T) {
					out := filepath.Join(e.work, "summary."+format)
					code, arts := e.run(format, "", "run", "payment-fails", "--answers", answers, "--format", format, "--out", out)
					if code != exitOK {
						t.Fatalf("exit status %d: %s", code, artefactText(arts, "stderr"))
					}
					if !strings.Contains(artefactText(arts, "stdout"), "[card ending") {
						t.Errorf("the summary does not say a card was removed:\n%s", artefactText(arts, "stdout"))
					}
					assertNoShapeLeaks(t, arts)
				})
			}
			t.Run("is not in the staff transcript, in an answer or the case id", func(t *testing.T) {
				_, arts := e.run("staff", "", "run", "payment-fails", "--answers", answers, "--staff", "--case", "case "+shape.typed)
				if !strings.Contains(artefactText(arts, "stdout"), "Transcript") {
					t.Fatalf("no transcript:\n%s", artefactText(arts, "stdout"))
				}
				assertNoShapeLeaks(t, arts)
			})
			t.Run("is not in the saved progress of a walk line by line", func(t *testing.T) {
				// The input ends long before the walk does (after the store, the rest is refused at a choice), so the progress stays saved.
				input := "\nShop " + shape.typed + "\n40\ncard " + shape.typed + " exp " + shapeExpiry + " cvv " + shapeCode + "\n" + shape.typed + "\n"
				code, arts := e.run("lines", input, "run", "payment-fails", "--staff", "--case", shape.typed)
				if code != exitProblems {
					t.Errorf("exit status %d, want %d for input that ended early", code, exitProblems)
				}
				saved := false
				for _, a := range arts {
					saved = saved || strings.HasPrefix(a.name, "the file state")
				}
				if !saved {
					t.Errorf("no progress was saved to look in")
				}
				assertNoShapeLeaks(t, arts)
			})
		})
	}
}

func TestAnAmountThatIsACardNumberIsRefused(t *testing.T) {
	e := newPrivacyEnv(t)
	t.Run("typed line by line, it is refused with the reason and asked again", func(t *testing.T) {
		code, arts := e.run("lines", "\nShop\n1\n2\n3\n1\n378282246310005\n40\n", "run", "payment-fails", "--no-save")
		stderr := artefactText(arts, "stderr")
		if code != exitProblems || !strings.Contains(stderr, "too many digits for an amount") {
			t.Errorf("exit status %d; stderr does not give the reason:\n%s", code, stderr)
		}
		assertNoShapeLeaks(t, arts)
		for _, a := range arts {
			if strings.Contains(a.text, "378,282") || strings.Contains(a.text, "378282") {
				t.Errorf("the amount was kept in %s", a.name)
			}
		}
	})
	t.Run("in an answers file, the walk stops without repeating it", func(t *testing.T) {
		answers := filepath.Join(e.work, "amount.yaml")
		doc := shapeAnswers("none")
		doc["answers"].(map[string]any)["amount"] = "378282246310005"
		doc["answers"].(map[string]any)["limits"] = "yes" // the amount is asked for the limit check
		writeYAML(t, answers, doc)
		code, arts := e.run("answers", "", "run", "payment-fails", "--answers", answers)
		if code != exitProblems {
			t.Errorf("exit status %d, want %d", code, exitProblems)
		}
		for _, a := range arts {
			if strings.Contains(a.text, "378282") || strings.Contains(a.text, "378,282") || scrubber.HasCard(a.text) {
				t.Errorf("the amount is in %s:\n%s", a.name, scrubber.String(a.text))
			}
		}
	})
}

func TestAFileNameWithACardNumberIsNotPrinted(t *testing.T) {
	e := newPrivacyEnv(t)
	for _, tc := range []struct{ name, content string }{
		{"a broken answers file", "answer: {}\n"},
		{"an answers file that does not exist", ""},
	} {
		t.Run(tc.name, func(t *testing.T) {
			path := filepath.Join(e.work, "４２４２４２４２４２４２４２４２-"+strings.ReplaceAll(tc.name, " ", "-")+".yaml")
			if tc.content != "" {
				if err := os.WriteFile(path, []byte(tc.content), 0o600); err != nil {
					t.Fatal(err)
				}
			}
			code, arts := e.run("answers", "", "run", "payment-fails", "--answers", path)
			if code == exitOK {
				t.Errorf("exit status 0 for %s", tc.name)
			}
			if stderr := artefactText(arts, "stderr"); !strings.Contains(stderr, "[card ending 4242]") {
				t.Errorf("stderr does not name the file with the card removed:\n%s", scrubber.String(stderr))
			}
			assertNoShapeLeaks(t, arts)
		})
	}
}

func TestSetRefusesCardData(t *testing.T) {
	e := newPrivacyEnv(t)
	for _, tc := range []struct{ name, set, want string }{
		{"a card number in a free-text answer", "store=Shop 4242.4242.4242.4242", "holds a card number"},
		{"a card number in fullwidth digits", "order-number=４２４２４２４２４２４２４２４２", "holds a card number"},
		{"a security code after its word", "error-seen=cvv " + shapeCode, "holds a card number, security code or expiry date"},
		{"the card-number answer, even a wrong one", "card.number=1234", "sensitive"},
		{"the expiry answer", "card.expiry=12/30", "sensitive"},
	} {
		t.Run("--set refuses "+tc.name, func(t *testing.T) {
			code, arts := e.run("--set", "\n", "run", "payment-fails", "--no-save", "--set", tc.set)
			stderr := artefactText(arts, "stderr")
			if code != exitUsage {
				t.Errorf("exit status %d, want %d", code, exitUsage)
			}
			if !strings.Contains(stderr, tc.want) {
				t.Errorf("stderr does not say %q:\n%s", tc.want, scrubber.String(stderr))
			}
			if _, value, _ := strings.Cut(tc.set, "="); strings.Contains(stderr, value) {
				t.Errorf("stderr repeats the value")
			}
			assertNoShapeLeaks(t, arts)
		})
	}
	t.Run("--set still takes an ordinary answer", func(t *testing.T) {
		code, arts := e.run("--set", "\nShop\n", "run", "payment-fails", "--no-save", "--set", "store=Example Shoes")
		if strings.Contains(artefactText(arts, "stderr"), "--set") || code == exitUsage {
			t.Errorf("exit status %d:\n%s", code, artefactText(arts, "stderr"))
		}
	})
}
