package main

import (
	"encoding/json"
	"fmt"
	"io/fs"
	"maps"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"go.yaml.in/yaml/v3"

	"github.com/unstuck-dev/unstuck/checks"
	"github.com/unstuck-dev/unstuck/flows"
	"github.com/unstuck-dev/unstuck/flows/author"
	"github.com/unstuck-dev/unstuck/flows/summary"
)

// The privacy proof: every built-in flow is walked to every end with a real-looking card number, in
// every way the command can give output (text, Markdown, JSON, --out, the staff transcript, the line
// runner, a saved session and its resume), and no artefact may hold the number, a 6-or-more-digit
// prefix of it, the security code or the expiry date. Only the brand and last four may show.

// privacyCard is a card a shopper might really hold: Luhn-valid, and not one of the published test
// numbers (which a scrubber could special-case).
type privacyCard struct {
	brand  string // as the summary names it
	digits string
	typed  string // as the shopper types it
}

const (
	privacyCode   = "8374"  // the security code typed by mistake into the card field
	privacyExpiry = "11/29" // every expiry answer
	privacyCaseID = "C-4711"
)

// publishedTestCards are numbers from the networks' and gateways' test lists; the proof must not use them.
var publishedTestCards = []string{
	"4242424242424242", "4111111111111111", "4012888888881881", "4000056655665556", "4917610000000000",
	"5555555555554444", "5105105105105100", "5200828282828210", "2223003122003222", "378282246310005",
}

// luhnComplete appends the check digit that makes body pass the Luhn check.
func luhnComplete(body string) string {
	for d := '0'; d <= '9'; d++ {
		if checks.Luhn(body + string(d)) {
			return body + string(d)
		}
	}
	panic("no Luhn check digit for " + body)
}

func group(digits, sep string) string {
	var b strings.Builder
	for i, d := range digits {
		if i > 0 && i%4 == 0 {
			b.WriteString(sep)
		}
		b.WriteRune(d)
	}
	return b.String()
}

func privacyCards(t *testing.T) []privacyCard {
	t.Helper()
	visa := luhnComplete("491761835274190")
	mc := luhnComplete("541275349087216")
	cards := []privacyCard{
		{brand: "Visa", digits: visa, typed: group(visa, " ")},
		{brand: "Mastercard", digits: mc, typed: group(mc, "-")},
	}
	for _, c := range cards {
		if slices.Contains(publishedTestCards, c.digits) {
			t.Fatalf("the %s number of the proof is a published test card", c.brand)
		}
		if strings.Contains(c.digits, privacyCode) || strings.Contains(c.digits, strings.ReplaceAll(privacyExpiry, "/", "")) {
			t.Fatalf("the %s number of the proof contains the security code or the expiry; pick another", c.brand)
		}
		parsed, err := checks.ParseCardNumber(c.typed)
		if err != nil || !parsed.LuhnValid() || !parsed.LengthValid() || parsed.Brand().Title() != c.brand {
			t.Fatalf("the %s number of the proof is not a valid %s number", c.brand, c.brand)
		}
	}
	return cards
}

func (c privacyCard) masked() string {
	parsed, _ := checks.ParseCardNumber(c.digits)
	return parsed.Masked()
}

// wrongCardEntry is the card number with the expiry and security code after it, typed into the card
// field in one go: it must be refused without being repeated.
func (c privacyCard) wrongCardEntry() string {
	return c.typed + " " + privacyExpiry + " " + privacyCode
}

var (
	// Times and durations are stripped before looking for short secrets: a nanosecond fraction in a
	// session file's timestamp or a check's duration_ms may hold any four digits by chance.
	timestampRE  = regexp.MustCompile(`\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(?:\.\d+)?(?:Z|[+-]\d{2}:\d{2})`)
	durationMSRE = regexp.MustCompile(`"duration_ms":\s*[-+0-9.eE]+`)
	// digitRunRE is a run of digits with any spaces, line breaks or dashes between them: a number a
	// layout split over two lines or regrouped is still found.
	digitRunRE = regexp.MustCompile(`\d(?:[\s\-\x{2010}-\x{2015}]*\d)*`)
)

func stripTimes(text string) string {
	return durationMSRE.ReplaceAllString(timestampRE.ReplaceAllString(text, "<time>"), `"duration_ms": <n>`)
}

func collapseDigitRuns(text string) string {
	return digitRunRE.ReplaceAllStringFunc(text, func(run string) string {
		return strings.Map(func(r rune) rune {
			if r >= '0' && r <= '9' {
				return r
			}
			return -1
		}, run)
	})
}

// cardLeaks names what of the card number text holds, without repeating any digits: the full number,
// or the longest prefix of six or more digits, and in which form it was written.
func cardLeaks(text string, c privacyCard) []string {
	text = stripTimes(text)
	collapsed := collapseDigitRuns(text)
	for k := len(c.digits); k >= 6; k-- {
		prefix := c.digits[:k]
		if !strings.Contains(collapsed, prefix) {
			continue
		}
		what := fmt.Sprintf("the first %d digits of the %s number", k, c.brand)
		if k == len(c.digits) {
			what = fmt.Sprintf("the full %s number", c.brand)
		}
		form := "split by other separators or over lines"
		switch {
		case strings.Contains(text, prefix):
			form = "as digits only"
		case strings.Contains(text, group(prefix, " ")):
			form = "grouped with spaces"
		case strings.Contains(text, group(prefix, "-")):
			form = "grouped with dashes"
		}
		return []string{what + " (" + form + ")"}
	}
	return nil
}

// secretLeaks names the security code and the expiry date when text holds them.
func secretLeaks(text string) []string {
	text = stripTimes(text)
	var out []string
	if strings.Contains(text, privacyCode) {
		out = append(out, "the security code")
	}
	for _, e := range []string{privacyExpiry, strings.ReplaceAll(privacyExpiry, "/", "")} {
		if strings.Contains(text, e) {
			out = append(out, fmt.Sprintf("the expiry date (as %s)", strings.Map(func(r rune) rune {
				if r >= '0' && r <= '9' {
					return 'N'
				}
				return r
			}, e)))
			break
		}
	}
	return out
}

// redact makes output safe to print in a failure message: every run of six or more digits, the
// security code and the expiry are replaced.
func redact(text string) string {
	text = digitRunRE.ReplaceAllStringFunc(text, func(run string) string {
		if n := len(collapseDigitRuns(run)); n >= 6 {
			return fmt.Sprintf("[%d digits]", n)
		}
		return run
	})
	text = strings.ReplaceAll(text, privacyCode, "[code]")
	text = strings.ReplaceAll(text, privacyExpiry, "[expiry]")
	return strings.ReplaceAll(text, strings.ReplaceAll(privacyExpiry, "/", ""), "[expiry]")
}

// artefact is one piece of output: a stream, the --out file, or a file in the state or home folder.
type artefact struct{ name, text string }

// privacyEnv is one shopper's computer: a state folder and a home folder, both searched after every run.
type privacyEnv struct {
	t                     *testing.T
	stateHome, home, work string
}

func newPrivacyEnv(t *testing.T) *privacyEnv {
	base := t.TempDir()
	e := &privacyEnv{t: t, stateHome: filepath.Join(base, "state"), home: filepath.Join(base, "home"), work: filepath.Join(base, "work")}
	for _, d := range []string{e.stateHome, e.home, e.work} {
		if err := os.MkdirAll(d, 0o700); err != nil {
			t.Fatal(err)
		}
	}
	return e
}

// run runs the command in-process with input on stdin and returns its exit status and every artefact:
// stdout, stderr, the --out file when args name one, and every file in the state and home folders.
func (e *privacyEnv) run(what, input string, args ...string) (int, []artefact) {
	e.t.Helper()
	s, out, errOut := testStreams(input)
	s.Env = func(k string) string {
		switch k {
		case "XDG_STATE_HOME":
			return e.stateHome
		case "HOME":
			return e.home
		}
		return ""
	}
	code := run(args, s)
	// The test's own temporary folder has random digits in its name (the security code's among
	// them, one run in a few thousand): a path printed back is named by its place, not its digits.
	base := filepath.Dir(e.work)
	unbased := func(s string) string { return strings.ReplaceAll(s, base, "$TMP") }
	arts := []artefact{{"stdout of " + what, unbased(out.String())}, {"stderr of " + what, unbased(errOut.String())}}
	if i := slices.Index(args, "--out"); i >= 0 && i+1 < len(args) {
		data, err := os.ReadFile(args[i+1])
		if err != nil {
			e.t.Errorf("%s: the --out file was not written: %v", what, err)
		} else {
			arts = append(arts, artefact{"the --out file of " + what, string(data)})
			e.assertPrivateMode(args[i+1], "the --out file of "+what)
		}
	}
	return code, append(arts, e.files(what)...)
}

// files reads every file left in the state and home folders, temporary and set-aside ones included.
func (e *privacyEnv) files(after string) []artefact {
	e.t.Helper()
	var arts []artefact
	for _, root := range []string{e.stateHome, e.home} {
		err := filepath.WalkDir(root, func(path string, d fs.DirEntry, err error) error {
			if err != nil || d.IsDir() {
				return err
			}
			data, err := os.ReadFile(path)
			if err != nil {
				return err
			}
			rel, _ := filepath.Rel(filepath.Dir(root), path)
			arts = append(arts, artefact{fmt.Sprintf("the file %s after %s", rel, after), string(data)})
			return nil
		})
		if err != nil {
			e.t.Fatal(err)
		}
	}
	return arts
}

func (e *privacyEnv) assertPrivateMode(path, name string) {
	e.t.Helper()
	if info, err := os.Stat(path); err == nil && info.Mode().Perm() != 0o600 {
		e.t.Errorf("%s has mode %v, want 0600", name, info.Mode().Perm())
	}
}

// assertNoLeaks fails for every card number, prefix, security code or expiry found in the artefacts.
func assertNoLeaks(t *testing.T, arts []artefact, cards []privacyCard) {
	t.Helper()
	for _, a := range arts {
		for _, c := range cards {
			for _, l := range cardLeaks(a.text, c) {
				t.Errorf("%s found in %s", l, a.name)
			}
		}
		for _, l := range secretLeaks(a.text) {
			t.Errorf("%s found in %s", l, a.name)
		}
	}
}

func artefactText(arts []artefact, prefix string) string {
	for _, a := range arts {
		if strings.HasPrefix(a.name, prefix) {
			return a.text
		}
	}
	return ""
}

func TestPrivacyLeakFinder(t *testing.T) {
	cards := privacyCards(t)
	visa := cards[0]
	found := []struct {
		about, text, want string
	}{
		{"the full number as digits is found", "x " + visa.digits + " y", "the full Visa number (as digits only)"},
		{"the full number grouped with spaces is found", "Card " + visa.typed, "the full Visa number (grouped with spaces)"},
		{"the full number grouped with dashes is found", group(visa.digits, "-"), "the full Visa number (grouped with dashes)"},
		{"the first six digits are found", "bin=" + visa.digits[:6] + ".", "the first 6 digits of the Visa number (as digits only)"},
		{"the first six digits with the grouping space are found", group(visa.digits[:6], " ") + "…", "the first 6 digits of the Visa number (grouped with spaces)"},
		{"a number split over two lines is found", "- Card " + visa.typed[:9] + "\n  " + visa.typed[10:], "the full Visa number (split by other separators or over lines)"},
	}
	for _, c := range found {
		t.Run(c.about, func(t *testing.T) {
			got := cardLeaks(c.text, visa)
			if len(got) != 1 || got[0] != c.want {
				t.Errorf("cardLeaks says %q, want %q", got, c.want)
			}
		})
	}
	t.Run("the security code and expiry date are found", func(t *testing.T) {
		got := secretLeaks("code " + privacyCode + ", valid to 1129")
		if len(got) != 2 {
			t.Errorf("secretLeaks says %q, want the code and the expiry", got)
		}
	})
	t.Run("the last four, timestamps and durations are not leaks", func(t *testing.T) {
		safe := fmt.Sprintf("%s\n\"at\": \"2026-11-29T11:29:08.%s1907Z\",\n\"duration_ms\": 0.%s%s\nReference: U-ABC234",
			visa.masked(), privacyCode, visa.digits[:6], privacyCode)
		if got := append(cardLeaks(safe, visa), secretLeaks(safe)...); len(got) > 0 {
			t.Errorf("safe output reported as %q", got)
		}
	})
	t.Run("failure messages redact what they print", func(t *testing.T) {
		got := redact("card " + visa.typed + " " + privacyExpiry + " " + privacyCode)
		if len(cardLeaks(got, visa)) > 0 || len(secretLeaks(got)) > 0 {
			t.Errorf("redact left a secret in %q", got)
		}
	})
}

// ordinaryText is what a shopper types into a free-text field.
const ordinaryText = "Payment declined at checkout"

// answersFor turns an explored walk into an answers file's content: cards, expiries and free text
// replaced by the proof's values, check results pretended from the explored outcome. realLocal leaves
// checks that need no network to run for real. cardGiven reports whether a card number is answered.
func answersFor(f *flows.Flow, moves []flows.Move, card privacyCard, realLocal bool) (doc map[string]any, cardGiven bool) {
	answers := map[string][]string{}
	pretend := map[string]string{}
	for _, m := range moves {
		n := f.Node(m.Node)
		switch n.Kind {
		case flows.KindMessage:
		case flows.KindCheck:
			if spec, ok := checks.Lookup(n.Check); realLocal && ok && !spec.Network {
				continue
			}
			pretend[n.ID] = m.Result.Outcome + ":" + string(m.Result.Status)
		case flows.KindInput:
			v := m.Answer
			switch spec := n.Input; {
			case spec.Type == flows.InputCard:
				v, cardGiven = card.typed, true
			case spec.Type == flows.InputExpiry:
				v = privacyExpiry
			case spec.Type == flows.InputText && v != "" && spec.Pattern == "" && spec.MinLength <= len(ordinaryText) &&
				(spec.MaxLength == 0 || spec.MaxLength >= len(ordinaryText)):
				v = ordinaryText
			}
			answers[n.ID] = append(answers[n.ID], v)
		default:
			answers[n.ID] = append(answers[n.ID], m.Answer)
		}
	}
	return map[string]any{"now": "2026-06-15", "answers": answers, "checks": pretend}, cardGiven
}

func writeAnswers(t *testing.T, path string, doc map[string]any) {
	t.Helper()
	data, err := yaml.Marshal(doc)
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(path, data, 0o600); err != nil {
		t.Fatal(err)
	}
}

// reachesEnd replays an answers file in-process and reports whether it ends at end: a walk whose
// local checks run for real may go elsewhere than the explored one.
func reachesEnd(t *testing.T, f *flows.Flow, path, end string) bool {
	af, diags := author.LoadAnswersFile(path)
	if diags.HasErrors() {
		t.Fatalf("the generated answers file does not load: %s", redact(diags.Error()))
	}
	res, _ := af.Run(f, author.LocalChecks)
	return res.Passed() && res.Final != nil && res.Final.Node().ID == end
}

// cardWalks finds, for each end, the shortest walk that answers a card-number input on the way, where
// one exists: the explored walks are the shortest of all, and most of them skip the card question.
// Inputs are answered with the values the explored walks used (or a plain sample), choices with every
// option, checks with every outcome and status.
func cardWalks(f *flows.Flow, now time.Time, explored []author.Explored, card privacyCard) map[string][]flows.Move {
	used := map[string][]string{}
	for _, ex := range explored {
		for _, m := range ex.Moves {
			if m.Result == nil && !slices.Contains(used[m.Node], m.Answer) {
				used[m.Node] = append(used[m.Node], m.Answer)
			}
		}
	}
	movesAt := func(n *flows.Node) []flows.Move {
		var out []flows.Move
		switch n.Kind {
		case flows.KindMessage:
			out = append(out, flows.Move{Node: n.ID})
		case flows.KindChoice:
			for i := range n.Options {
				out = append(out, flows.Move{Node: n.ID, Answer: fmt.Sprint(i + 1)})
			}
		case flows.KindInput:
			answers := used[n.ID]
			switch n.Input.Type {
			case flows.InputCard:
				answers = []string{card.typed}
			case flows.InputExpiry:
				answers = []string{privacyExpiry}
			}
			answers = append(answers, map[flows.InputType]string{flows.InputText: ordinaryText, flows.InputMoney: "10.00",
				flows.InputNumber: "1", flows.InputDate: "today", flows.InputYesNo: "yes"}[n.Input.Type])
			for _, a := range answers {
				out = append(out, flows.Move{Node: n.ID, Answer: a})
			}
		case flows.KindCheck:
			spec, _ := checks.Lookup(n.Check)
			for _, o := range spec.Outcomes {
				for _, st := range []checks.Status{checks.StatusProblem, checks.StatusOK, checks.StatusWarning, checks.StatusSkipped} {
					out = append(out, flows.Move{Node: n.ID, Result: &checks.Result{Name: n.Check, Outcome: o, Status: st}})
				}
			}
		}
		return out
	}
	type item struct {
		st        flows.State
		moves     []flows.Move
		cardGiven bool
	}
	type key struct {
		node      string
		cardGiven bool
	}
	seen := map[key]bool{}
	found := map[string][]flows.Move{}
	queue := []item{{st: flows.Start(f, now)}}
	for len(queue) > 0 {
		it := queue[0]
		queue = queue[1:]
		n := it.st.Node()
		if k := (key{n.ID, it.cardGiven}); seen[k] {
			continue
		} else {
			seen[k] = true
		}
		if n.Kind == flows.KindEnd {
			if _, ok := found[n.ID]; it.cardGiven && !ok {
				found[n.ID] = it.moves
			}
			continue
		}
		for _, m := range movesAt(n) {
			var next flows.State
			var err error
			if m.Result != nil {
				next, err = it.st.WithResult(*m.Result, now)
			} else {
				next, err = it.st.Answer(m.Answer, now)
			}
			if err != nil {
				continue
			}
			given := it.cardGiven || n.Kind == flows.KindInput && n.Input.Type == flows.InputCard
			queue = append(queue, item{next, append(slices.Clip(it.moves), m), given})
		}
	}
	return found
}

// proofWays are the ways a walk from an answers file gives output; out is the --out file's path.
func proofWays(out string) []struct {
	about string
	args  []string
	json  bool
} {
	return []struct {
		about string
		args  []string
		json  bool
	}{
		{"--format text", []string{"--format", "text"}, false},
		{"--format markdown", []string{"--format", "markdown"}, false},
		{"--format json", []string{"--format", "json"}, true},
		{"--format text --out FILE", []string{"--format", "text", "--out", out}, false},
		{"--format markdown --out FILE", []string{"--format", "markdown", "--out", out}, false},
		{"--format json --out FILE", []string{"--format", "json", "--out", out}, true},
		{"--staff --case C (transcript)", []string{"--staff", "--case", privacyCaseID}, false},
		{"--staff --case C --out FILE (transcript)", []string{"--staff", "--case", privacyCaseID, "--out", out}, false},
	}
}

// proveWalk runs one walk in every way it can give output and checks every artefact. It reports
// whether the walk gave a card number and whether it also ran with its local checks for real.
func proveWalk(t *testing.T, f *flows.Flow, end *flows.Node, moves []flows.Move, card privacyCard, cards []privacyCard) (cardGiven, ranReal bool) {
	e := newPrivacyEnv(t)
	pretended := filepath.Join(e.work, "answers.yaml")
	doc, cardGiven := answersFor(f, moves, card, false)
	writeAnswers(t, pretended, doc)
	files := []struct{ about, path string }{{"pretended checks", pretended}}
	// The same walk with the card, expiry and limit checks run for real, when it still gets there.
	if real, _ := answersFor(f, moves, card, true); !maps.Equal(real["checks"].(map[string]string), doc["checks"].(map[string]string)) {
		path := filepath.Join(e.work, "answers-real.yaml")
		writeAnswers(t, path, real)
		if ranReal = reachesEnd(t, f, path, end.ID); ranReal {
			files = append(files, struct{ about, path string }{"local checks run for real", path})
		}
	}
	out := filepath.Join(e.work, "summary.out")
	for _, af := range files {
		for _, w := range proofWays(out) {
			os.Remove(out)
			what := fmt.Sprintf("run %s --answers (%s) %s", f.ID, af.about, w.about)
			code, arts := e.run(what, "", append([]string{"run", f.ID, "--answers", af.path}, w.args...)...)
			if code != exitOK {
				t.Errorf("%s: exit status %d, want 0; stderr:\n%s", what, code, redact(artefactText(arts, "stderr")))
				continue
			}
			assertNoLeaks(t, arts, cards)
			stdout := artefactText(arts, "stdout")
			if cardGiven && !strings.Contains(stdout, card.masked()) {
				t.Errorf("%s: the summary does not name the card by its last four (%q):\n%s", what, card.masked(), redact(stdout))
			}
			if w.json {
				var sm struct {
					Outcome  string `json:"outcome"`
					Finished bool   `json:"finished"`
				}
				if err := json.Unmarshal([]byte(stdout), &sm); err != nil || !sm.Finished || sm.Outcome != end.Outcome {
					t.Errorf("%s: the JSON summary does not end with outcome %q (err %v):\n%s", what, end.Outcome, err, redact(stdout))
				}
			}
		}
	}
	return cardGiven, ranReal
}

func TestPrivacyProof(t *testing.T) {
	t.Parallel() // in-process runs, each in folders of its own
	cards := privacyCards(t)
	lib, err := flows.Library()
	if err != nil {
		t.Fatalf("a built-in flow is broken: %v", err)
	}
	if len(lib) == 0 {
		t.Fatal("there are no built-in flows to walk")
	}
	now := time.Date(2026, 6, 15, 0, 0, 0, 0, time.UTC)
	walkCards := cards
	if testing.Short() {
		walkCards = cards[:1] // -short: one card walks; every card is still looked for in the output
	}

	for _, f := range lib {
		if !inShortSample(f.ID, "") {
			continue
		}
		explored := author.Explore(f, now)
		viaCard := map[string]map[string][]flows.Move{}
		for _, card := range walkCards {
			viaCard[card.brand] = cardWalks(f, now, explored, card)
		}
		var withCard, realRuns atomic.Int32 // counted by the walks, which run side by side
		for _, ex := range explored {
			if ex.Problem != "" {
				t.Errorf("%s: no walk to %s: %s", f.ID, ex.End, ex.Problem)
				continue
			}
			for _, card := range walkCards {
				walks := []struct {
					about string
					moves []flows.Move
				}{{"the shortest walk", ex.Moves}}
				// Most shortest walks skip the card question; walk again through it where the end allows.
				if _, given := answersFor(f, ex.Moves, card, false); !given {
					if moves, ok := viaCard[card.brand][ex.End]; ok {
						walks = append(walks, struct {
							about string
							moves []flows.Move
						}{"a walk through the card number", moves})
					}
				}
				for _, w := range walks {
					t.Run(fmt.Sprintf("%s walked to %s by %s with a %s card leaks nothing in any output", f.ID, ex.End, w.about, card.brand), func(t *testing.T) {
						t.Parallel()
						gave, ranReal := proveWalk(t, f, f.Node(ex.End), w.moves, card, cards)
						if gave {
							withCard.Add(1)
						}
						if ranReal {
							realRuns.Add(1)
						}
					})
				}
			}
		}
		// Counted once every walk has run: cleanups come after all subtests, the parallel ones too.
		t.Cleanup(func() {
			hasCard := slices.ContainsFunc(f.Nodes, func(n *flows.Node) bool { return n.Kind == flows.KindInput && n.Input.Type == flows.InputCard })
			if hasCard && withCard.Load() == 0 {
				t.Errorf("%s asks for a card number, but no walk of the proof gave one", f.ID)
			}
			t.Logf("%s: %d ends, %d walks gave a card number, %d also ran their local checks for real", f.ID, len(explored), withCard.Load(), realRuns.Load())
		})
	}
}

// paymentLinesToCard are the line runner's answers for payment-fails, in node order, up to and including
// the card number: the card field first gets the number with its expiry and security code (refused),
// then the number alone.
func paymentLinesToCard(c privacyCard) []string {
	return []string{
		"",              // welcome
		"Example Shoes", // store (the connection check is skipped: the store is not an address)
		"1",             // internet: yes
		"1",             // card-ask: yes
		c.wrongCardEntry(),
		c.typed,
	}
}

// paymentLinesAfterCard finish the walk after the card number: expiry, then to "contact support".
var paymentLinesAfterCard = []string{
	privacyExpiry, // card.expiry; the card check runs for real
	"3",           // details: everything matches
	"1",           // limits: can look it up
	"120.50",      // amount
	"500",         // limit-available
	"",            // limit-cap: none
	"2",           // account: everything is paid
	"1",           // store-accepts: yes
	"2",           // glitch: still fails
	"2",           // fraud: no
	ordinaryText,  // error-seen
	"",            // order-number: skipped
	"",            // support.how: how to reach support (the contact-support part)
}

func lines(ls ...[]string) string {
	var all []string
	for _, l := range ls {
		all = append(all, l...)
	}
	return strings.Join(all, "\n") + "\n"
}

// refusedCardEntry is what the line runner says when the card field gets more than a card number.
const refusedCardEntry = "only have digits, spaces and dashes"

func TestPrivacyProofLineByLine(t *testing.T) {
	t.Parallel() // in-process runs, each in folders of its own
	cards := privacyCards(t)
	for _, card := range cards {
		t.Run(fmt.Sprintf("a full walk line by line with a %s card refuses the number typed with its expiry and code, and leaks nothing", card.brand), func(t *testing.T) {
			for _, format := range summary.Names() {
				e := newPrivacyEnv(t)
				out := filepath.Join(e.work, "summary.out")
				what := "run payment-fails line by line --format " + format + " --out FILE"
				code, arts := e.run(what, lines(paymentLinesToCard(card), paymentLinesAfterCard), "run", "payment-fails", "--format", format, "--out", out)
				if code != exitOK {
					t.Fatalf("%s: exit status %d, want 0; stderr:\n%s", what, code, redact(artefactText(arts, "stderr")))
				}
				assertNoLeaks(t, arts, cards)
				if stderr := artefactText(arts, "stderr"); !strings.Contains(stderr, refusedCardEntry) {
					t.Errorf("%s: the card number typed with its expiry and code was not refused:\n%s", what, redact(stderr))
				}
				if stdout := artefactText(arts, "stdout"); !strings.Contains(stdout, card.masked()) {
					t.Errorf("%s: the summary does not name the card by its last four (%q):\n%s", what, card.masked(), redact(stdout))
				}
			}
		})

		t.Run(fmt.Sprintf("a walk with a %s card stopped before the card check saves a session without the card, and resuming it leaks nothing", card.brand), func(t *testing.T) {
			e := newPrivacyEnv(t)
			what := "run payment-fails line by line, input ended after the card number"
			code, arts := e.run(what, lines(paymentLinesToCard(card)), "run", "payment-fails")
			if code != exitProblems {
				t.Errorf("%s: exit status %d, want %d", what, code, exitProblems)
			}
			assertNoLeaks(t, arts, cards)
			if stderr := artefactText(arts, "stderr"); !strings.Contains(stderr, refusedCardEntry) {
				t.Errorf("%s: the card number typed with its expiry and code was not refused:\n%s", what, redact(stderr))
			}

			session := sessionFile(e.stateHome, "payment-fails")
			data, err := os.ReadFile(session)
			if err != nil {
				t.Fatalf("the interrupted walk left no session file: %v", err)
			}
			e.assertPrivateMode(session, "the session file")
			snap, err := flows.UnmarshalSnapshot(data)
			if err != nil {
				t.Fatalf("the session file does not read back: %v", err)
			}
			i := slices.IndexFunc(snap.Steps, func(s flows.SnapStep) bool { return s.Node == "card.number" })
			switch {
			case i < 0:
				t.Errorf("the session has no card-number step")
			case snap.Steps[i].Answer != nil || !snap.Steps[i].Sensitive:
				t.Errorf("the session's card-number step is not marked as a sensitive answer left out")
			}
			if last := snap.Steps[len(snap.Steps)-1].Node; last != "card.expiry" {
				t.Errorf("the session stops at %q, want card.expiry", last)
			}

			what = "resume, with the card typed again"
			code, arts = e.run(what, lines([]string{card.wrongCardEntry(), card.typed}, paymentLinesAfterCard), "resume")
			if code != exitOK {
				t.Fatalf("%s: exit status %d, want 0; stderr:\n%s", what, code, redact(artefactText(arts, "stderr")))
			}
			assertNoLeaks(t, arts, cards)
			stderr, stdout := artefactText(arts, "stderr"), artefactText(arts, "stdout")
			if _, after, ok := strings.Cut(stderr, "\nStep "); !ok || !strings.Contains(strings.SplitN(after, "\n", 2)[0], "Card number") {
				t.Errorf("%s: the resumed walk did not ask for the card number first:\n%s", what, redact(stderr))
			}
			if !strings.Contains(stderr, refusedCardEntry) {
				t.Errorf("%s: the card number typed with its expiry and code was not refused:\n%s", what, redact(stderr))
			}
			for _, want := range []string{card.masked(), "Store: Example Shoes", "Amount: 120.50", "Result: Card, limits and account look fine"} {
				if !strings.Contains(stdout, want) {
					t.Errorf("%s: the summary lacks %q:\n%s", what, want, redact(stdout))
				}
			}
			if _, err := os.Stat(session); !os.IsNotExist(err) {
				t.Errorf("the session file is still there after the resumed walk finished (err %v)", err)
			}
		})
	}
}

// A shopper may paste the card number where it does not belong: into the error message they saw, or
// on the command line. Card numbers are scrubbed from summaries wherever they appear, so they must be
// in every other output too.
func TestPrivacyProofMisplacedCardNumbers(t *testing.T) {
	t.Parallel() // in-process runs, each in folders of its own
	cards := privacyCards(t)
	for _, card := range cards {
		t.Run(fmt.Sprintf("a %s number typed on the command line is never repeated", card.brand), func(t *testing.T) {
			e := newPrivacyEnv(t)
			answers := filepath.Join(e.work, "answers.yaml")
			writeAnswers(t, answers, map[string]any{"now": "2026-06-15", "checks": map[string]string{"connection-check": "skipped"},
				"answers": map[string]string{"store": "Shop", "amount": "40", "error-seen": "", "order-number": "",
					"internet": "yes", "card-ask": "no", "details": "all-match", "limits": "no", "account": "no-sign-in"}})
			for _, c := range []struct {
				args []string
				code int
			}{
				{[]string{card.typed}, exitUsage},
				{[]string{"run", card.typed}, exitProblems},
				{[]string{"run", card.digits}, exitProblems},
				{[]string{"resume", card.typed}, exitProblems},
				{[]string{"run", "payment-fails", "--format", card.typed}, exitUsage},
				{[]string{"run", "payment-fails", "--answers", card.typed}, exitProblems},
				{[]string{"run", "payment-fails", "--set", "card.number=" + card.typed}, exitUsage}, // refused: a card is never an argument
				{[]string{"run", "payment-fails", "--staff", "--case", card.typed, "--answers", answers}, exitOK},
			} {
				what := "unstuck " + redact(strings.Join(c.args, " "))
				code, arts := e.run(what, "", c.args...)
				if code != c.code {
					t.Errorf("%s: exit status %d, want %d", what, code, c.code)
				}
				assertNoLeaks(t, arts, cards)
			}
		})

		t.Run(fmt.Sprintf("a %s number pasted into the error message is kept out of the saved session", card.brand), func(t *testing.T) {
			e := newPrivacyEnv(t)
			what := "run payment-fails line by line with the card in the error message, input ended early"
			// welcome, store, internet: yes, card-ask: no, details: all match, limits: no, account: paid,
			// store-accepts: yes, glitch: still fails, fraud: no, then the error message; the input ends there.
			input := lines([]string{"", "Example Shoes", "1", "2", "3", "2", "2", "1", "2", "2", "Payment declined for card " + card.typed})
			code, arts := e.run(what, input, "run", "payment-fails")
			if code != exitProblems {
				t.Errorf("%s: exit status %d, want %d", what, code, exitProblems)
			}
			if _, err := os.Stat(sessionFile(e.stateHome, "payment-fails")); err != nil {
				t.Fatalf("%s: no session file was saved: %v", what, err)
			}
			for _, a := range arts {
				for _, l := range cardLeaks(a.text, card) {
					t.Errorf("%s found in %s", l, a.name)
				}
			}
		})

		t.Run(fmt.Sprintf("a %s number pasted into the error message is removed from every summary, wherever a line wraps", card.brand), func(t *testing.T) {
			e := newPrivacyEnv(t)
			answers := filepath.Join(e.work, "answers.yaml")
			// References of growing length move the number across the text summary's line width. A leak
			// is reported once per format and kind, with how many of the lengths showed it.
			type finding struct{ count, first int }
			leaks := map[string]*finding{}
			var order []string
			const lengths = 20
			for n := 1; n <= lengths; n++ {
				msg := fmt.Sprintf("Order REF-%s failed. Card %s was declined.", strings.Repeat("X", n), card.typed)
				writeAnswers(t, answers, map[string]any{"now": "2026-06-15", "checks": map[string]string{"connection-check": "skipped"},
					"answers": map[string]string{"store": "Example Shoes", "amount": "120.50", "error-seen": msg, "order-number": "",
						"internet": "yes", "card-ask": "no", "details": "all-match", "limits": "no", "account": "clear",
						"store-accepts": "yes", "glitch": "still-failing", "fraud": "no"}})
				for _, format := range summary.Names() {
					what := "run payment-fails --answers (the card in the error message) --format " + format
					code, arts := e.run(what, "", "run", "payment-fails", "--answers", answers, "--format", format)
					if code != exitOK {
						t.Fatalf("%s: exit status %d, want 0; stderr:\n%s", what, code, redact(artefactText(arts, "stderr")))
					}
					for _, a := range arts {
						for _, l := range cardLeaks(a.text, card) {
							k := l + " found in " + a.name
							if leaks[k] == nil {
								leaks[k] = &finding{first: len(msg)}
								order = append(order, k)
							}
							leaks[k].count++
						}
					}
				}
			}
			for _, k := range order {
				t.Errorf("%s, with %d of %d message lengths (the first: a %d-character message)", k, leaks[k].count, lengths, leaks[k].first)
			}
		})
	}
}

// The full-screen UI has outputs of its own: the screens, the session it saves as it goes, and the
// summary s saves on the end screen. A support agent pastes the card number into the case id and a
// note (the wrong clipboard), then types it where it belongs.
func TestPrivacyProofFullScreen(t *testing.T) {
	if testing.Short() {
		t.Skip("builds the binary and drives it in tmux")
	}
	t.Parallel() // its own tmux server (socket) and folders
	cards := privacyCards(t)
	card := cards[0]
	bin := buildBinary(t)
	stateHome := filepath.Join(t.TempDir(), "state")
	saved := filepath.Join(t.TempDir(), "saved")
	if err := os.MkdirAll(saved, 0o700); err != nil {
		t.Fatal(err)
	}

	t.Run("a staff walk with the card pasted into the case id and a note shows and saves it only as its last four", func(t *testing.T) {
		s := startTmuxSharing(t, stateHome, func(dir string) string {
			return fmt.Sprintf("#!/bin/sh\ncd %q\n%q run payment-fails --staff --save-dir %q > stdout 2>/dev/tty\necho $? > rc\nsleep 60\n", dir, bin, saved)
		})
		check := func(where, text string) {
			t.Helper()
			for _, l := range cardLeaks(text, card) {
				t.Errorf("%s found in %s", l, where)
			}
		}
		var session string // the walk's own session file, once it saved
		s.waitFor("Case id")
		s.literal(card.typed)
		s.keys("Enter")
		s.waitFor("Let's find out what's wrong")
		check("the screen after the case id", s.screen())
		s.keys("Enter")
		s.waitFor("Which store or website")
		s.literal("Example Shoes")
		s.keys("Enter")
		s.waitFor("Is your internet working?")
		s.keys("n")
		s.waitFor("Note for the transcript")
		s.literal("customer read out " + card.typed)
		s.keys("Enter")
		s.waitFor("Note added to the transcript.")
		s.keys("1")
		s.waitFor("check it for typos?")
		s.keys("1")
		s.waitFor("Type the number of the card")
		s.literal(card.digits)
		s.keys("Enter")
		s.waitFor("expiry date")
		check("the expiry screen", s.screen())
		s.literal(privacyExpiry)
		s.keys("Enter")
		s.waitFor("The card number looks right: " + card.masked())
		check("the screen after the card check", s.screen())
		waitUntil(t, "the session to reach the details question", func() bool {
			session = sessionFile(stateHome, "payment-fails")
			data, err := os.ReadFile(session)
			return err == nil && strings.Contains(string(data), `"node": "details"`)
		})
		data, _ := os.ReadFile(session)
		check("the session saved mid-walk", string(data))
		// Say which fields hold it, for whoever fixes it.
		if snap, err := flows.UnmarshalSnapshot(data); err == nil {
			check("the session's case_id", snap.CaseID)
			for _, st := range snap.Steps {
				for _, n := range st.Notes {
					check("a note in the session (step "+st.Node+")", n.Text)
				}
			}
		}
		for _, l := range secretLeaks(string(data)) {
			t.Errorf("%s found in the session saved mid-walk", l)
		}
		s.keys("3")
		s.waitFor("spending limit")
		s.keys("2")
		s.waitFor("Is there an overdue payment")
		s.keys("2")
		s.waitFor("payment options?")
		s.keys("1")
		s.waitFor("How did it go?")
		s.keys("2")
		s.waitFor("stopped for your safety?")
		s.keys("2")
		s.waitFor("Did you see an error message?")
		s.keys("Enter")
		s.waitFor("order or reference number")
		s.keys("Enter")
		s.waitFor("How to reach") // the shared support part, before the end
		s.keys("Enter")
		s.waitFor("Time to contact support")
		s.waitFor("Summary for support")
		check("the end screen", s.screen())
		s.keys("s")
		s.waitFor("Saved to")
		s.keys("q")
		if rc := s.exitCode(); rc != "0" {
			t.Fatalf("exit status %s", rc)
		}
		files, _ := filepath.Glob(filepath.Join(saved, "*"))
		if len(files) == 0 {
			t.Errorf("s on the end screen saved nothing in %s", saved)
		}
		for _, f := range files {
			data, _ := os.ReadFile(f)
			check("the summary saved with s ("+filepath.Base(f)+")", string(data))
			if !strings.Contains(string(data), card.masked()) {
				t.Errorf("the summary saved with s does not name the card by its last four (%q)", card.masked())
			}
		}
		out, _ := os.ReadFile(filepath.Join(s.dir, "stdout"))
		check("the transcript on stdout", string(out))
		if !strings.Contains(string(out), card.masked()) {
			t.Errorf("the transcript does not name the card by its last four (%q):\n%s", card.masked(), redact(string(out)))
		}
		for _, l := range secretLeaks(string(out)) {
			t.Errorf("%s found in the transcript on stdout", l)
		}
		// Without this the note checks above could pass because the note went nowhere at all.
		if !strings.Contains(string(out), "customer read out") {
			t.Errorf("the note added at the internet step is not in the transcript:\n%s", redact(string(out)))
		}
	})
}
