package flows_test

// Fuzz targets for the loader, the summary scrubber, typed answers and the engine. Plain `go test`
// runs their seeds (the built-in flows, the test flows and testdata/fuzz); .ci/fuzz runs each one
// for a short time with -fuzz. A failing input the fuzzer finds is written to testdata/fuzz/<Name>/
// and from then on fails plain `go test` until the code is fixed.

import (
	"bytes"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"reflect"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"
	"unicode"

	"github.com/unstuck-dev/unstuck/checks"
	"github.com/unstuck-dev/unstuck/checks/redact"
	"github.com/unstuck-dev/unstuck/flows"
	"github.com/unstuck-dev/unstuck/flows/summary"
)

var fuzzNow = time.Date(2026, 3, 14, 15, 9, 26, 0, time.FixedZone("CET", 3600))

// --- The loader -----------------------------------------------------------------------------------

// maxFuzzedFlow bounds fuzzed files: bigger ones only make each run slower, they reach no new code
// (the size limit itself is a one-line check).
const maxFuzzedFlow = 128 << 10

// parseDeadline is how long one Parse may take before it counts as a hang. It is generous because the
// fuzzer's instrumentation slows the code down many times; a real hang never ends at all.
const parseDeadline = 10 * time.Second

// flowSeeds are the files a writer or an attacker would start from: the built-in flows (without
// their tests and translations) and the test flows, hostile ones included.
func flowSeeds(f *testing.F) [][]byte {
	var out [][]byte
	lib := flows.LibraryFS()
	names, err := fs.Glob(lib, "library/*.yaml")
	if err != nil {
		f.Fatal(err)
	}
	for _, name := range names {
		if flows.IsFlowTestFile(name) || flows.IsTranslationFile(name) {
			continue
		}
		data, err := fs.ReadFile(lib, name)
		if err != nil {
			f.Fatal(err)
		}
		out = append(out, data)
	}
	for _, pattern := range []string{"../testdata/flows/*.yaml", "../testdata/lint/*.yaml", "testdata/*.yaml"} {
		paths, _ := filepath.Glob(pattern)
		for _, p := range paths {
			data, err := os.ReadFile(p)
			if err != nil {
				f.Fatal(err)
			}
			out = append(out, data)
		}
	}
	if len(out) < 10 {
		f.Fatalf("found only %d seed flows; did the test data move?", len(out))
	}
	return out
}

// FuzzParseFlow feeds any bytes to the loader: it never panics or hangs, and it returns either a flow
// with no errors or at least one error, every diagnostic with a place in the file and a code.
func FuzzParseFlow(f *testing.F) {
	for _, seed := range flowSeeds(f) {
		f.Add(seed)
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		if len(data) > maxFuzzedFlow {
			t.Skip("bigger than a fuzzed flow needs to be")
		}
		flow, diags := parseWithin(t, data)
		lines := 1 + lineBreaks(data)
		for _, d := range diags {
			if strings.Contains(d.Message, "gave up on it") {
				t.Fatalf("Parse panicked (its recover turned the panic into %q)", d.String())
			}
			if d.Pos.Line < 1 || d.Pos.Col < 1 {
				t.Errorf("diagnostic without a place in the file: %s", d)
			}
			// YAML places an empty value at the start of the next line, which may be just past the end.
			if d.Pos.Line > lines+1 {
				t.Errorf("diagnostic at line %d of a file with %d lines: %s", d.Pos.Line, lines, d)
			}
			if d.Code == "" {
				t.Errorf("diagnostic without a code: %s", d)
			}
			if d.Severity != flows.SeverityError && d.Severity != flows.SeverityWarning {
				t.Errorf("diagnostic with severity %q: %s", d.Severity, d)
			}
			if d.Path != "f.yaml" {
				t.Errorf("diagnostic names %q, not the file parsed: %s", d.Path, d)
			}
			if flows.HasControl(d.Message) || flows.HasControl(d.Hint) {
				t.Errorf("diagnostic would print a control character: %q", d.String())
			}
		}
		switch {
		case flow == nil && !diags.HasErrors():
			t.Fatalf("no flow and no error; diagnostics:\n%s", diags.Error())
		case flow != nil && diags.HasErrors():
			t.Fatalf("a flow came back with errors:\n%s", diags.Error())
		case flow != nil:
			walkParsedFlow(t, flow)
		}
	})
}

// parseWithin runs Parse with a deadline, so a hang fails the input instead of stalling the fuzzer.
func parseWithin(t *testing.T, data []byte) (*flows.Flow, flows.Diagnostics) {
	t.Helper()
	type parsed struct {
		flow  *flows.Flow
		diags flows.Diagnostics
	}
	done := make(chan parsed, 1)
	go func() {
		f, d := flows.Parse("f.yaml", data)
		done <- parsed{f, d}
	}()
	timer := time.NewTimer(parseDeadline)
	defer timer.Stop()
	select {
	case p := <-done:
		return p.flow, p.diags
	case <-timer.C:
		t.Fatalf("Parse took more than %s on %d bytes", parseDeadline, len(data))
		return nil, nil
	}
}

// lineBreaks counts line breaks as YAML does (LF, CR LF, CR, and NEL, LS, PS), to bound diagnostic lines.
func lineBreaks(data []byte) int {
	s := string(data)
	return strings.Count(s, "\n") + strings.Count(s, "\r") - strings.Count(s, "\r\n") +
		strings.Count(s, "\u0085") + strings.Count(s, "\u2028") + strings.Count(s, "\u2029")
}

// walkParsedFlow takes a few steps through a flow the loader accepted: the loader promises that such a
// flow never strands the engine.
func walkParsedFlow(t *testing.T, f *flows.Flow) {
	t.Helper()
	st := flows.Start(f, fuzzNow)
	for i := 0; i < 30 && !st.Done(); i++ {
		n := st.Node()
		if n == nil {
			t.Fatalf("the walk stands on no node after %d steps", i)
		}
		var next flows.State
		var err error
		if n.Kind == flows.KindCheck {
			req, ok := st.PendingCheck()
			if !ok {
				t.Fatalf("check node %q has no pending check", n.ID)
			}
			next, err = st.WithResult(checks.Result{Name: req.Check, Status: checks.StatusOK, Outcome: firstOutcome(req.Check)}, fuzzNow)
		} else {
			for _, a := range []string{"1", sampleFor(n.Input)} {
				if next, err = st.Answer(a, fuzzNow); err == nil {
					break
				}
			}
		}
		if err != nil {
			var ie *flows.InputError
			if !errors.As(err, &ie) {
				t.Fatalf("at node %q of a flow the loader accepted: %v", n.ID, err)
			}
			break // an input that wants an answer we did not guess
		}
		st = next
	}
	_ = summary.Of(st).Text()
	_ = summary.Transcript(st)
	if b, _ := st.Back(); b.Node() == nil {
		t.Fatalf("back leads to no node")
	}
}

func firstOutcome(check string) string {
	if spec, ok := checks.Lookup(check); ok && len(spec.Outcomes) > 0 {
		return spec.Outcomes[0]
	}
	return "ok"
}

// sampleFor is a valid answer for most inputs of a type.
func sampleFor(s *flows.InputSpec) string {
	if s == nil {
		return ""
	}
	switch s.Type {
	case flows.InputCard:
		return "4242 4242 4242 4242"
	case flows.InputExpiry:
		return "12/29"
	case flows.InputDate:
		return "today"
	case flows.InputYesNo:
		return "yes"
	case flows.InputMoney, flows.InputNumber:
		if s.Min != "" {
			return s.Min
		}
		return "10"
	}
	return "example"
}

// --- The scrubber ---------------------------------------------------------------------------------

// numberRun is a floor under the scrubber, written apart from it: ASCII digits with up to four of
// the common separators (spaces, tabs, dots, underscores, commas, dashes; slashes join only short
// groups, so they are left out here) between them. The full rule, with every script's digits, is
// checked by redact's own fuzz target.
var numberRun = regexp.MustCompile(`[0-9](?:[ \t\x{00a0}\x{2009}\x{202f}\x{3000}\x{2010}-\x{2015}\x{2212}._,-]{0,4}[0-9])*`)

func digitsOf(s string) string {
	var b strings.Builder
	for i := 0; i < len(s); i++ {
		if s[i] >= '0' && s[i] <= '9' {
			b.WriteByte(s[i])
		}
	}
	return b.String()
}

// luhn is written out again here rather than borrowed, so a broken checks.Luhn cannot hide itself.
func luhn(d string) bool {
	sum := 0
	for i := 0; i < len(d); i++ {
		n := int(d[len(d)-1-i] - '0')
		if i%2 == 1 {
			n *= 2
			if n > 9 {
				n -= 9
			}
		}
		sum += n
	}
	return len(d) > 0 && sum%10 == 0
}

// scrubbedByRule is the rule ScrubCardNumbers documents: any 12 to 19 digits in a row of a run that
// pass Luhn are a card.
func scrubbedByRule(d string) bool {
	for n := 12; n <= min(19, len(d)); n++ {
		for k := 0; k+n <= len(d); k++ {
			if luhn(d[k : k+n]) {
				return true
			}
		}
	}
	return false
}

// keptCardRuns lists the runs in s that the rule says should have been scrubbed.
func keptCardRuns(s string) []string {
	var out []string
	for _, run := range numberRun.FindAllString(s, -1) {
		if scrubbedByRule(digitsOf(run)) {
			out = append(out, run)
		}
	}
	return out
}

// FuzzScrubCardNumbers checks the scrubber against its documented rule: nothing it should remove
// survives, text without digits is untouched, and scrubbing twice is scrubbing once.
func FuzzScrubCardNumbers(f *testing.F) {
	for _, seed := range []string{
		"", "no digits here", "4242 4242 4242 4242", "4242-4242-4242-4242", "4242424242424242",
		"card 4242 4242 4242 4242, expires 12/27", "4242  4242 4242 4242", "4242 - 4242", "order 1234567890123",
		"378282246310005", "6205500000000000004", "42424242424242424242424242", "x4242424242424242y",
		"4242 4242 4242 4242 737", "4242\u20134242\u20134242\u20134242", "2026-03-14 15:09", "+46 70 123 45 67",
		"1-2-3-4-5-6-7-8-9-0-1-2-3", "4242 4242 4242 4242-", "-4242 4242 4242 4242 ", "[card ending 4242]4242424242424242",
		"4242.4242.4242.4242", "4242/4242_4242,4242", "4242\t4242\u30004242\u00a04242", "４２４２４２４２４２４２４２４２",
		"card 4242424242424242 exp 09/31 cvv 737", "5555 5555 5555 4444 09/31 737",
	} {
		f.Add(seed)
	}
	f.Fuzz(func(t *testing.T, s string) {
		out := flows.ScrubCardNumbers(s)
		if kept := keptCardRuns(out); len(kept) > 0 {
			t.Fatalf("a Luhn-valid run survived: %q in %q", kept, out)
		}
		if redact.HasCard(out) {
			t.Fatalf("a card survived in %q", out)
		}
		if !strings.ContainsFunc(s, unicode.IsDigit) && out != s {
			t.Fatalf("text without digits changed: %q became %q", s, out)
		}
		if again := flows.ScrubCardNumbers(out); again != out {
			t.Fatalf("scrubbing twice differs from once: %q, then %q", out, again)
		}
	})
}

// --- Typed answers --------------------------------------------------------------------------------

var fuzzLangs = []string{"en", "", "de", "es", "sv", "sv-SE", "xx"}

// fuzzSpec builds an input spec from a fuzzed type and a byte of flags. Bounds and patterns come from
// small tables: a fuzzed regular expression tests the regexp package, not unstuck.
func fuzzSpec(typ, flags uint8) (*flows.InputSpec, string) {
	s := &flows.InputSpec{
		Type:      flows.InputTypes[int(typ)%len(flows.InputTypes)],
		Sensitive: flags&1 != 0,
		Optional:  flags&2 != 0,
	}
	if flags&4 != 0 {
		switch s.Type {
		case flows.InputNumber:
			s.Min, s.Max = "1", "120"
		case flows.InputMoney:
			s.Min, s.Max = "1.00", "2500.50"
		case flows.InputText:
			s.MinLength, s.MaxLength = 3, 40
		}
	}
	if flags&8 != 0 && s.Type == flows.InputText {
		s.Pattern, s.Message = `[A-Z]{2}-?[0-9]{3,8}`, "An order number looks like AB-12345."
	}
	return s, fuzzLangs[int(flags>>4)%len(fuzzLangs)]
}

// sixDigits lists every stretch of 6 digits in s, reading a run with its single spaces and dashes
// taken out: a masked answer must not show any of them.
func sixDigits(s string) []string {
	var out []string
	for _, run := range numberRun.FindAllString(s, -1) {
		d := digitsOf(run)
		for k := 0; k+6 <= len(d); k++ {
			out = append(out, d[k:k+6])
		}
	}
	return out
}

func showsDigitsOf(shown, input string) (string, bool) {
	if len(sixDigits(shown)) == 0 {
		return "", false
	}
	plain := strings.Join(numberRunDigits(shown), " ")
	for _, six := range sixDigits(input) {
		if strings.Contains(plain, six) {
			return six, true
		}
	}
	return "", false
}

func numberRunDigits(s string) []string {
	var out []string
	for _, run := range numberRun.FindAllString(s, -1) {
		out = append(out, digitsOf(run))
	}
	return out
}

// FuzzParseAnswer types anything at every kind of input: no panic, only plain input errors that do
// not repeat the answer, sensitive answers never shown, and a normalised answer reads back as itself
// (a resumed session gives the saved answers again).
func FuzzParseAnswer(f *testing.F) {
	for typ := range flows.InputTypes {
		for _, in := range []string{"", " ", "1", "120.50", "4242 4242 4242 4242", "12/27", "today", "yes", "AB-12345",
			"3 March 2026", "1,234.50", "-5", "99999999999999999999", "\x1b[31mred\x1b[0m", "my card is 4242424242424242"} {
			f.Add(uint8(typ), uint8(typ*37), in)
		}
	}
	f.Fuzz(func(t *testing.T, typ, flags uint8, input string) {
		spec, lang := fuzzSpec(typ, flags)
		a, err := flows.ParseAnswer(spec, input, fuzzNow, lang)
		if err != nil {
			var ie *flows.InputError
			if !errors.As(err, &ie) || ie.Message == "" {
				t.Fatalf("%s input: error is not a plain message for the shopper: %#v", spec.Type, err)
			}
			// Date errors give today's date as an example, and range errors the flow's own bounds
			// (2,500.50); that is not the answer coming back, even when the answer has those digits.
			msg := strings.ReplaceAll(ie.Message, fuzzNow.Format("2006-01-02"), "")
			for _, bound := range numberRun.FindAllString(msg, -1) {
				// The input type's own example (a phone number's "+46 70 123 45 67") is not the answer either.
				if d := digitsOf(bound); d != "" && (d == digitsOf(spec.Min) || d == digitsOf(spec.Max) || d == "46701234567") {
					msg = strings.ReplaceAll(msg, bound, "")
				}
			}
			if six, ok := showsDigitsOf(msg, input); ok {
				t.Fatalf("%s input: the error repeats digits of the answer (%s): %q", spec.Type, six, ie.Message)
			}
			if flows.HasControl(ie.Message) {
				t.Fatalf("%s input: the error holds control characters: %q", spec.Type, ie.Message)
			}
			return
		}
		if a.Sensitive != spec.IsSensitive() {
			t.Errorf("%s input (sensitive: %v): answer has Sensitive %v", spec.Type, spec.IsSensitive(), a.Sensitive)
		}
		if a.Sensitive {
			if six, ok := showsDigitsOf(a.Display, input); ok {
				t.Fatalf("%s input: a sensitive answer shows digits of what was typed (%s): %q", spec.Type, six, a.Display)
			}
			if six, ok := showsDigitsOf(fmt.Sprintf("%v %+v %#v %s", a, a, a, a), input); ok {
				t.Fatalf("%s input: printing a sensitive answer shows digits of what was typed (%s)", spec.Type, six)
			}
		}
		if flows.HasControl(a.Display) {
			t.Fatalf("%s input: the display form holds control characters: %q", spec.Type, a.Display)
		}
		if a.Skipped {
			// Control characters are no answer: only what is left after cleaning counts.
			if strings.TrimSpace(flows.Sanitize(input)) != "" {
				t.Fatalf("%s input: a non-empty answer counted as skipped", spec.Type)
			}
			return
		}
		if !spec.Optional && strings.TrimSpace(a.Value) == "" {
			t.Fatalf("%s input: a required question took %q as an answer, which leaves it empty (%q)", spec.Type, input, a.Value)
		}
		if spec.Type == flows.InputText && len(keptCardRuns(a.Value)) > 0 {
			t.Fatalf("a card number typed as text got through: %q", a.Value)
		}
		if spec.Type != flows.InputCard && redact.HasCard(a.Value) || redact.HasCard(a.Display) {
			t.Fatalf("%s input: a card number got through as %q (%q)", spec.Type, a.Value, a.Display)
		}
		again, err := flows.ParseAnswer(spec, a.Value, fuzzNow, lang)
		if err != nil {
			t.Fatalf("%s input: the normalised answer is refused when given again: %v", spec.Type, err)
		}
		if again.Value != a.Value || again.Number != a.Number {
			t.Fatalf("%s input: the normalised answer %q reads back as %q (%d, %d)", spec.Type, a.Value, again.Value, a.Number, again.Number)
		}
	})
}

// --- The engine -----------------------------------------------------------------------------------

// walkBytes hands out the fuzzer's bytes as choices; when they run out, the walk ends.
type walkBytes struct{ b []byte }

func (w *walkBytes) more() bool { return len(w.b) > 0 }

func (w *walkBytes) next() byte {
	if len(w.b) == 0 {
		return 0
	}
	c := w.b[0]
	w.b = w.b[1:]
	return c
}

func (w *walkBytes) intn(n int) int {
	if n <= 0 {
		return 0
	}
	return int(w.next()) % n
}

// text takes up to max bytes as typed text, its length from the first byte.
func (w *walkBytes) text(max int) string {
	n := w.intn(max + 1)
	if n > len(w.b) {
		n = len(w.b)
	}
	s := string(w.b[:n])
	w.b = w.b[n:]
	return s
}

// card makes a Luhn-valid card number of 12 to 19 digits, written as a shopper might.
func (w *walkBytes) card() string {
	n := 12 + w.intn(8)
	d := make([]byte, n)
	d[0] = '1' + byte(w.intn(9))
	for i := 1; i < n-1; i++ {
		d[i] = '0' + byte(w.intn(10))
	}
	for c := byte('0'); c <= '9'; c++ {
		d[n-1] = c
		if luhn(string(d)) {
			break
		}
	}
	var b strings.Builder
	sep := []string{"", " ", "-", " ", ""}[w.intn(5)]
	for i, c := range d {
		if i > 0 && i%4 == 0 {
			b.WriteString(sep)
		}
		b.WriteByte(c)
	}
	return b.String()
}

func (w *walkBytes) amount() string {
	n := w.intn(256) * w.intn(256)
	switch w.intn(6) {
	case 0:
		return strconv.Itoa(n)
	case 1:
		return fmt.Sprintf("%d.%02d", n, w.intn(100))
	case 2:
		return fmt.Sprintf("%d,%03d.%02d", n%1000+1, w.intn(1000), w.intn(100))
	case 3:
		return fmt.Sprintf("€%d", n)
	case 4:
		return fmt.Sprintf("%d SEK", n)
	}
	return "-" + strconv.Itoa(n)
}

func (w *walkBytes) expiry() string {
	return fmt.Sprintf("%02d/%02d", w.intn(14), w.intn(100))
}

func (w *walkBytes) date() string {
	switch w.intn(5) {
	case 0:
		return "today"
	case 1:
		return "yesterday"
	case 2:
		return fmt.Sprintf("2026-%02d-%02d", w.intn(14), w.intn(33))
	case 3:
		return fmt.Sprintf("%d March 2026", w.intn(33))
	}
	return w.text(12)
}

// typedAnswer is a plausible answer for an input node, drawn from the bytes.
func (w *walkBytes) typedAnswer(s *flows.InputSpec) string {
	if s == nil {
		return w.text(8)
	}
	switch s.Type {
	case flows.InputCard:
		return w.card()
	case flows.InputExpiry:
		return w.expiry()
	case flows.InputDate:
		return w.date()
	case flows.InputMoney, flows.InputNumber:
		return w.amount()
	case flows.InputYesNo:
		return []string{"yes", "no", "y", "N", "maybe", ""}[w.intn(6)]
	}
	return w.text(24)
}

// walkLog remembers what was typed, to look for it in the summary afterwards.
type walkLog struct {
	cards []string // digits of card numbers accepted at card inputs
	typed []string // digits of everything else typed (text answers, notes)
}

func (l *walkLog) typedHas(card string) bool {
	for _, t := range l.typed {
		if strings.Contains(t, card) {
			return true
		}
	}
	return false
}

var walkStatuses = []checks.Status{checks.StatusOK, checks.StatusWarning, checks.StatusProblem, checks.StatusSkipped, "odd"}

// FuzzEngineWalks walks every built-in flow, in every language and for both audiences, with moves
// drawn from the fuzzer's bytes: answers in and out of range, typed values of every type, back,
// restart, check results, notes, save and resume. The engine never panics, always stands on a node it
// can go on from (or an end), refuses only with its own errors, never changes a state it was given,
// and the summary never shows a card number.
func FuzzEngineWalks(f *testing.F) {
	lib, err := flows.Library()
	if err != nil {
		f.Fatalf("the built-in flows do not load: %v", err)
	}
	for i := range lib {
		// Mostly the move that fits, picking the first, second or third option: walks that reach the ends.
		for k := byte(0); k < 4; k++ {
			f.Add(append([]byte{byte(i), k, k}, bytes.Repeat([]byte{0, 0, k}, 80)...))
		}
		for _, pattern := range [][]byte{
			{0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0},
			[]byte("0123456789:;<=>?@ABCDEFGHIJKLMNOPQRSTUVWXYZ[\\]^_`abcdefghijklmnopqrstuvwxyz{|}~"),
			[]byte("my card 4242 4242 4242 4242 was declined at 12:30, order AB-1234; the shop said try again"),
			bytes.Repeat([]byte("a3b1c7d2e9f0g5h4"), 12),
		} {
			f.Add(append([]byte{byte(i), byte(i * 7), byte(i)}, pattern...))
		}
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		w := &walkBytes{b: data}
		base := lib[w.intn(len(lib))]
		langs := append([]string{""}, base.Languages()...)
		flow := base
		if lang := langs[w.intn(len(langs))]; lang != "" {
			flow = base.Localize(lang)
		}
		audience := []string{flows.AudienceShopper, flows.AudienceStaff}[w.intn(2)]
		now := fuzzNow
		st := flows.StartAs(flow, now, audience)
		start := st.Node().ID
		checkStands(t, st)
		if b, moved := st.Back(); moved || b.Node().ID != start || len(b.Steps()) != len(st.Steps()) || st.CanGoBack() {
			t.Fatalf("%s: back at the start moved (to %q)", flow.ID, b.Node().ID)
		}
		log := &walkLog{}
		for move := 0; move < 200 && w.more(); move++ {
			now = now.Add(time.Duration(w.intn(90)) * time.Second)
			old, before := st, lastSteps(st)
			st = walkOnce(t, w, st, now, log)
			after := lastSteps(st)
			// Another move from the same state must not disturb the first.
			if n := old.Node(); n.Kind == flows.KindInput {
				_, _ = old.Answer(sampleFor(n.Input), now)
			} else {
				_, _ = fittingMove(old)
			}
			if !reflect.DeepEqual(lastSteps(old), before) {
				t.Fatalf("%s: a move changed the state it was given", flow.ID)
			}
			if !reflect.DeepEqual(lastSteps(st), after) {
				t.Fatalf("%s: a second move from one state changed the state the first one made", flow.ID)
			}
			checkStands(t, st)
		}
		checkSummary(t, st, log)
		checkResume(t, st, now, log)
	})
}

// lastSteps copies the length of a history and its last few steps, down to the answers, results and
// notes they point to, so a later comparison sees any write the engine made into memory that states
// share. Moves write at the end of a history, so the end is where to look; all of it would make each
// walk quadratic.
func lastSteps(st flows.State) []flows.Step {
	steps := st.Steps()
	keep := steps[max(0, len(steps)-3):]
	out := make([]flows.Step, len(keep), len(keep)+1)
	for i, s := range keep {
		if s.Answer != nil {
			a := *s.Answer
			s.Answer = &a
		}
		if s.Result != nil {
			r := *s.Result
			s.Result = &r
		}
		s.Notes = append([]flows.Note(nil), s.Notes...)
		out[i] = s
	}
	return append(out, flows.Step{Node: strconv.Itoa(len(steps))})
}

// walkOnce makes one move drawn from the bytes and returns the state after it.
func walkOnce(t *testing.T, w *walkBytes, st flows.State, now time.Time, log *walkLog) flows.State {
	t.Helper()
	n := st.Node()
	prev := st.Steps()
	var next flows.State
	var err error
	// wrongKind is set for moves that only fit some kinds of node: elsewhere ErrNotAnswerable is right.
	wrongKind := false
	switch op := w.intn(16); op {
	case 0, 1, 2, 3: // the move that fits the node; at an input, op 0 gives an answer that is usually valid
		switch n.Kind {
		case flows.KindMessage:
			next, err = st.Continue(now)
		case flows.KindChoice:
			next, err = st.Choose(w.intn(len(n.Options)), now)
		case flows.KindTick: // any of the options, or none
			var picked []int
			for i := range n.Options {
				if w.intn(2) == 0 {
					picked = append(picked, i)
				}
			}
			next, err = st.Tick(picked, now)
		case flows.KindInput:
			a := sampleFor(n.Input)
			if op > 0 {
				a = w.typedAnswer(n.Input)
			}
			if n.Input.Type == flows.InputCard {
				log.cards = append(log.cards, digitsOf(a))
			} else {
				log.typed = append(log.typed, digitsOf(a))
			}
			next, err = st.Answer(a, now)
		case flows.KindCheck:
			next, err = st.WithResult(resultFor(w, st), now)
		default:
			next, err = st.Answer("", now)
			wrongKind = true
		}
	case 4: // an option by number, in range or not
		next, err = st.Answer(strconv.Itoa(w.intn(len(n.Options)+3)-1), now)
		wrongKind = n.Kind == flows.KindCheck || n.Kind == flows.KindEnd
	case 5: // an option by index, in range or not
		next, err = st.Choose(w.intn(len(n.Options)+2)-1, now)
		wrongKind = n.Kind != flows.KindChoice
	case 6: // an option by its label or value, in another case
		if len(n.Options) > 0 {
			o := n.Options[w.intn(len(n.Options))]
			next, err = st.Answer(strings.ToUpper(o.Label), now)
		} else {
			next, err = st.Answer(w.text(8), now)
		}
		wrongKind = n.Kind == flows.KindCheck || n.Kind == flows.KindEnd
	case 7: // anything typed
		a := w.text(32)
		log.typed = append(log.typed, digitsOf(a))
		next, err = st.Answer(a, now)
		wrongKind = n.Kind == flows.KindCheck || n.Kind == flows.KindEnd
	case 8: // a card number, alone or in a sentence
		a := w.card()
		if w.intn(2) == 1 {
			a = w.text(10) + " " + a + " " + w.text(10)
		}
		if n.Kind == flows.KindInput && n.Input.Type == flows.InputCard {
			log.cards = append(log.cards, digitsOf(a))
		} else {
			log.typed = append(log.typed, digitsOf(a))
		}
		next, err = st.Answer(a, now)
		wrongKind = n.Kind == flows.KindCheck || n.Kind == flows.KindEnd
	case 9: // an amount, an expiry or a date, wherever we are
		a := []func() string{w.amount, w.expiry, w.date}[w.intn(3)]()
		log.typed = append(log.typed, digitsOf(a))
		next, err = st.Answer(a, now)
		wrongKind = n.Kind == flows.KindCheck || n.Kind == flows.KindEnd
	case 10: // back
		can := st.CanGoBack()
		b, moved := st.Back()
		if moved != can {
			t.Fatalf("%s at %q: CanGoBack says %v but Back moved: %v", st.Flow().ID, n.ID, can, moved)
		}
		if !moved && (b.Node().ID != n.ID || len(b.Steps()) != len(prev)) {
			t.Fatalf("%s at %q: a back that did not move changed the walk", st.Flow().ID, n.ID)
		}
		if moved && (len(b.Steps()) >= len(prev) || b.Node().Kind == flows.KindCheck) {
			t.Fatalf("%s at %q: back went to %q (%d steps, was %d)", st.Flow().ID, n.ID, b.Node().ID, len(b.Steps()), len(prev))
		}
		return b
	case 11: // back to an earlier step, or to one that is not there
		i := w.intn(len(prev)+2) - 1
		b, moved := st.BackTo(i)
		if moved && (len(b.Steps()) != i+1 || b.Node().ID != prev[i].Node || b.Node().Kind == flows.KindCheck) {
			t.Fatalf("%s at %q: back to step %d went to %q (%d steps)", st.Flow().ID, n.ID, i, b.Node().ID, len(b.Steps()))
		}
		if !moved && (b.Node().ID != n.ID || len(b.Steps()) != len(prev)) {
			t.Fatalf("%s at %q: a back to step %d that did not move changed the walk", st.Flow().ID, n.ID, i)
		}
		return b
	case 12: // restart
		r := st.Restart(now)
		if r.Node().ID != flows.StartAs(st.Flow(), now, st.Audience()).Node().ID || !r.Started().Equal(now) || r.CaseID() != st.CaseID() {
			t.Fatalf("%s: restart went to %q", st.Flow().ID, r.Node().ID)
		}
		return r
	case 13: // a check result, wherever we are
		next, err = st.WithResult(resultFor(w, st), now)
		wrongKind = n.Kind != flows.KindCheck
	case 14: // continue, wherever we are
		next, err = st.Continue(now)
		wrongKind = n.Kind != flows.KindMessage
	case 15: // a note from staff, or a look at the summary so far
		if w.intn(2) == 0 {
			note := w.text(40)
			log.typed = append(log.typed, digitsOf(note))
			return st.WithNote(note, now)
		}
		checkSummary(t, st, log)
		return st
	}
	if err == nil {
		return next
	}
	var ie *flows.InputError
	switch {
	case errors.Is(err, flows.ErrNotAnswerable) && wrongKind:
	case errors.As(err, &ie) && (n.Kind == flows.KindChoice || n.Kind == flows.KindTick || n.Kind == flows.KindInput):
	default:
		t.Fatalf("%s at %q (%s): unexpected refusal: %v", st.Flow().ID, n.ID, n.Kind, err)
	}
	if next.Node().ID != n.ID || len(next.Steps()) != len(prev) {
		t.Fatalf("%s at %q: a refused move still moved, to %q", st.Flow().ID, n.ID, next.Node().ID)
	}
	return st
}

// resultFor is a result for the pending check (or any check): an outcome it can report, or now and
// then one it cannot, with any status.
func resultFor(w *walkBytes, st flows.State) checks.Result {
	name := "card"
	if req, ok := st.PendingCheck(); ok {
		name = req.Check
	}
	spec, _ := checks.Lookup(name)
	outcomes := append(append([]string(nil), spec.Outcomes...), "not-an-outcome")
	return checks.Result{
		Name: name, Outcome: outcomes[w.intn(len(outcomes))], Status: walkStatuses[w.intn(len(walkStatuses))],
		Summary: "Checked.", Detail: "fuzzed result",
	}
}

// checkStands asserts that the walk stands where it can go on: on a node of a known kind, with what
// that kind needs, and that the move that fits it is taken.
func checkStands(t *testing.T, st flows.State) {
	t.Helper()
	n := st.Node()
	if n == nil {
		t.Fatalf("%s: the walk stands on no node", st.Flow().ID)
	}
	id := st.Flow().ID + " at " + strconv.Quote(n.ID)
	if st.Done() != (n.Kind == flows.KindEnd) {
		t.Fatalf("%s: Done() is %v on a %s node", id, st.Done(), n.Kind)
	}
	if !n.For(st.Audience()) {
		t.Fatalf("%s: the walk stops at a node that is not for %s", id, st.Audience())
	}
	req, pending := st.PendingCheck()
	if pending != (n.Kind == flows.KindCheck) {
		t.Fatalf("%s: a %s node has a pending check: %v", id, n.Kind, pending)
	}
	switch n.Kind {
	case flows.KindEnd, flows.KindMessage:
	case flows.KindChoice, flows.KindTick:
		if len(n.Options) == 0 {
			t.Fatalf("%s: a choice with no options", id)
		}
	case flows.KindInput:
		if n.Input == nil {
			t.Fatalf("%s: an input that asks for nothing", id)
		}
	case flows.KindCheck:
		if _, ok := checks.Lookup(req.Check); !ok || req.Node != n.ID {
			t.Fatalf("%s: the pending check %q is not one unstuck has", id, req.Check)
		}
	default:
		t.Fatalf("%s: a node of kind %q", id, n.Kind)
	}
	if _, err := fittingMove(st); err != nil {
		t.Fatalf("%s: the walk cannot go on from here: %v", id, err)
	}
	if st.Remaining() < 0 || n.Kind == flows.KindEnd && st.Remaining() != 0 {
		t.Fatalf("%s: %d steps to go", id, st.Remaining())
	}
}

// fittingMove makes the move that always fits a message, choice or check node: continue, the first
// option, the check's first outcome. At an input or an end it makes none.
func fittingMove(st flows.State) (flows.State, error) {
	n := st.Node()
	switch n.Kind {
	case flows.KindMessage:
		return st.Continue(st.Started())
	case flows.KindChoice:
		return st.Choose(0, st.Started())
	case flows.KindCheck:
		req, _ := st.PendingCheck()
		return st.WithResult(checks.Result{Name: req.Check, Status: checks.StatusOK, Outcome: firstOutcome(req.Check)}, st.Started())
	}
	return st, nil
}

// checkSummary renders the summary every way and looks for card numbers in it.
func checkSummary(t *testing.T, st flows.State, log *walkLog) {
	t.Helper()
	sum := summary.Of(st)
	for _, out := range []struct{ name, text string }{
		{"text summary", sum.Text()}, {"markdown summary", sum.Markdown()}, {"JSON summary", sum.JSON()},
		{"transcript", summary.Transcript(st)}, {"summary in 300 characters", sum.TextLimit(300)},
	} {
		if kept := keptCardRuns(out.text); len(kept) > 0 {
			t.Fatalf("%s: the %s keeps a card number: %q", st.Flow().ID, out.name, kept)
		}
		for _, card := range log.cards {
			if len(card) < 12 || log.typedHas(card) {
				continue // not a card number, or also typed as text, where the scrubber's rule covers it
			}
			for _, run := range numberRunDigits(out.text) {
				if strings.Contains(run, card) {
					t.Fatalf("%s: the %s shows a card number given at a card input", st.Flow().ID, out.name)
				}
			}
		}
	}
}

// checkResume saves the walk, reads it back and resumes it: it comes back to the same step unless a
// sensitive answer must be given again, and the saved file holds no card number.
func checkResume(t *testing.T, st flows.State, now time.Time, log *walkLog) {
	t.Helper()
	data, err := flows.MarshalSnapshot(st.Snapshot(now))
	if err != nil {
		t.Fatalf("%s: saving the walk: %v", st.Flow().ID, err)
	}
	for _, card := range log.cards {
		if len(card) >= 12 && !log.typedHas(card) && strings.Contains(strings.Join(numberRunDigits(string(data)), " "), card) {
			t.Fatalf("%s: the saved walk holds a card number given at a card input", st.Flow().ID)
		}
	}
	snap, err := flows.UnmarshalSnapshot(data)
	if err != nil {
		t.Fatalf("%s: reading the saved walk back: %v", st.Flow().ID, err)
	}
	back := flows.Restore(st.Flow(), snap, now)
	checkStands(t, back)
	for _, step := range st.Steps() {
		if step.Answer != nil && step.Answer.Sensitive && !step.Answer.Skipped {
			return // resuming stops there to ask again
		}
	}
	if back.Node().ID != st.Node().ID || len(back.Steps()) != len(st.Steps()) {
		t.Fatalf("%s: resumed at %q after %d steps, but the walk was at %q after %d",
			st.Flow().ID, back.Node().ID, len(back.Steps()), st.Node().ID, len(st.Steps()))
	}
}
