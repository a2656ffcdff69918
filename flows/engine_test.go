package flows

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/unstuck-dev/unstuck/checks"
)

var t0 = time.Date(2026, 3, 14, 15, 9, 26, 0, time.FixedZone("CET", 3600))

func mustLoad(t *testing.T, path string) *Flow {
	t.Helper()
	f, diags := loadFile(path)
	if diags.HasErrors() {
		t.Fatalf("loading %s:\n%s", path, diags.Error())
	}
	return f
}

// move is one action in a walk: an answer, a check result, or back.
type move struct {
	answer string
	result *checks.Result
	back   bool
}

func ans(s string) move { return move{answer: s} }
func res(status checks.Status, outcome string) move {
	return move{result: &checks.Result{Name: "card", Status: status, Outcome: outcome, Summary: "checked"}}
}

var back = move{back: true}

func walk(t *testing.T, f *Flow, moves []move) State {
	t.Helper()
	st := Start(f, t0)
	for i, m := range moves {
		var err error
		switch {
		case m.back:
			st, _ = st.Back()
		case m.result != nil:
			st, err = st.WithResult(*m.result, t0)
		default:
			st, err = st.Answer(m.answer, t0)
		}
		if err != nil {
			t.Fatalf("move %d at node %q: %v", i+1, st.Node().ID, err)
		}
	}
	return st
}

func TestEngineRoutes(t *testing.T) {
	f := mustLoad(t, "testdata/every-kind.yaml")
	for _, tc := range []struct {
		name  string
		moves []move
		want  string
	}{
		{"a message continues to its next node", []move{ans("")}, "mood"},
		{"an option's goto wins over the node's branches", []move{ans(""), ans("1")}, "amount"},
		{"an option without goto follows the first matching branch", []move{ans(""), ans("2")}, "end-bad"},
		{"an option is found by its label as well as its number", []move{ans(""), ans("unsure")}, "amount"},
		{"the fallback branch is taken when nothing else matches", []move{ans(""), ans("3")}, "amount"},
		{"gt compares money in minor units", []move{ans(""), ans("1"), ans("100.01")}, "card"},
		{"an amount equal to the bound is not greater", []move{ans(""), ans("1"), ans("100")}, "note"},
		{"all needs every condition and not inverts one", []move{ans(""), ans("3"), ans("60")}, "end-bad"},
		{"all fails when one condition fails", []move{ans(""), ans("1"), ans("60")}, "note"},
		{"any holds when one condition holds", []move{ans(""), ans("1"), ans("10")}, "end-small"},
		{"given: false matches a skipped optional input", []move{ans(""), ans("1"), ans("20"), ans("")}, "end-good"},
		{"in matches one of several values, ignoring case", []move{ans(""), ans("1"), ans("20"), ans("Help")}, "end-bad"},
		{"a typed answer that matches nothing falls back", []move{ans(""), ans("1"), ans("20"), ans("thanks")}, "end-good"},
		{"an input leads to a check node", []move{ans(""), ans("1"), ans("200"), ans("4242 4242 4242 4242")}, "check"},
		{"a check outcome and status together pick a branch", []move{ans(""), ans("1"), ans("200"), ans("4242424242424242"), res(checks.StatusProblem, "luhn_failed")}, "end-bad"},
		{"a status alone can pick a branch", []move{ans(""), ans("1"), ans("200"), ans("4242424242424242"), res(checks.StatusWarning, "unionpay_warning")}, "end-small"},
		{"a check with an ok outcome falls back", []move{ans(""), ans("1"), ans("200"), ans("4242424242424242"), res(checks.StatusOK, "ok")}, "end-good"},
		{"back from a choice returns to the message", []move{ans(""), back}, "hello"},
		{"back skips check nodes to the last question", []move{ans(""), ans("1"), ans("200"), ans("4242424242424242"), res(checks.StatusOK, "ok"), back}, "card"},
		{"back then a new answer takes the new route", []move{ans(""), ans("1"), back, ans("2")}, "end-bad"},
		{"back at the start stays at the start", []move{back}, "hello"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			st := walk(t, f, tc.moves)
			if got := st.Node().ID; got != tc.want {
				t.Errorf("ended at %q, want %q", got, tc.want)
			}
		})
	}
}

func TestEngineRefusesWrongAnswers(t *testing.T) {
	f := mustLoad(t, "testdata/every-kind.yaml")
	at := func(moves ...move) State { return walk(t, f, moves) }
	for _, tc := range []struct {
		name  string
		st    State
		input string
		want  string
	}{
		{"a choice number out of range", at(ans("")), "7", "Pick one of the options"},
		{"a choice label that does not exist", at(ans("")), "great", "Pick one of the options"},
		{"money that is not an amount", at(ans(""), ans("1")), "lots", "Type an amount"},
		{"money under the minimum", at(ans(""), ans("1")), "0.50", "smallest answer allowed is 1.00"},
		{"an empty required answer", at(ans(""), ans("1")), "  ", "Please type an answer"},
		{"a card number with letters", at(ans(""), ans("1"), ans("200")), "4242-abcd", ""},
	} {
		t.Run(tc.name, func(t *testing.T) {
			next, err := tc.st.Answer(tc.input, t0)
			var ie *InputError
			if !errors.As(err, &ie) {
				t.Fatalf("want an InputError, got %v", err)
			}
			if !strings.Contains(ie.Message, tc.want) {
				t.Errorf("message %q does not say %q", ie.Message, tc.want)
			}
			if strings.Contains(ie.Message, "4242") {
				t.Errorf("the message repeats the typed digits")
			}
			if next.Node().ID != tc.st.Node().ID {
				t.Errorf("a refused answer moved the walk to %q", next.Node().ID)
			}
		})
	}
}

func TestEngineStatesAreValues(t *testing.T) {
	f := mustLoad(t, "testdata/every-kind.yaml")
	a := walk(t, f, []move{ans(""), ans("1")})
	b, err := a.Answer("20", t0)
	if err != nil {
		t.Fatal(err)
	}
	c, err := a.Answer("500", t0)
	if err != nil {
		t.Fatal(err)
	}
	if a.Node().ID != "amount" || b.Node().ID != "note" || c.Node().ID != "card" {
		t.Fatalf("answering from one state changed another: %s %s %s", a.Node().ID, b.Node().ID, c.Node().ID)
	}
	if got := b.Answers()["amount"].Display; got != "20.00" {
		t.Errorf("b's amount = %q, want 20.00", got)
	}
	if got := c.Answers()["amount"].Display; got != "500.00" {
		t.Errorf("c's amount = %q, want 500.00", got)
	}
	r := c.Restart(t0.Add(time.Hour))
	if r.Node().ID != "hello" || len(r.Answers()) != 0 || !r.Started().Equal(t0.Add(time.Hour)) {
		t.Errorf("restart should clear answers and begin a new walk at its own time")
	}
}

func TestEngineMasksSensitiveAnswers(t *testing.T) {
	f := mustLoad(t, "testdata/every-kind.yaml")
	st := walk(t, f, []move{ans(""), ans("1"), ans("200"), ans("4242 4242 4242 4242")})
	req, ok := st.PendingCheck()
	if !ok || req.Params["number"] != "4242424242424242" {
		t.Fatalf("the check should get the raw digits, got ok=%v", ok)
	}
	a := st.Answers()["card"]
	if !a.Sensitive || strings.Contains(a.Display, "42424242") || !strings.Contains(a.Display, "4242") {
		t.Errorf("card answer display = %q; want brand and last four only", a.Display)
	}
	for _, s := range []string{a.String(), st.Text("{{card}}")} {
		if strings.Contains(s, "424242424242") {
			t.Errorf("the full number leaked into %q", s)
		}
	}
	// What the summary shows of the card: TestSummaryMasksTheCard in flows/summary.
}

func TestEngineProgress(t *testing.T) {
	f := mustLoad(t, "testdata/every-kind.yaml")
	st := Start(f, t0)
	if st.StepNumber() != 1 || st.Remaining() != 2 {
		t.Errorf("at start: step %d, %d to go; want 1 and 2", st.StepNumber(), st.Remaining())
	}
	st = walk(t, f, []move{ans(""), ans("1"), ans("200"), ans("4242424242424242")})
	if st.StepNumber() != 4 || st.Remaining() != 0 {
		t.Errorf("at the check: step %d, %d to go; want 4 and 0 (checks do not count)", st.StepNumber(), st.Remaining())
	}
}

func TestParseAnswerRefusesCardNumbersAsAmountsAndNumbers(t *testing.T) {
	money, number := &InputSpec{Type: InputMoney}, &InputSpec{Type: InputNumber}
	for _, tc := range []struct {
		name, lang string
		spec       *InputSpec
		in, want   string // want: part of the refusal, or "" when the answer is taken
	}{
		{"an Amex number as an amount is refused", "en", money, "378282246310005", "too many digits for an amount"},
		{"a grouped card number as an amount is refused", "en", money, "4242 4242 4242 4242", "too many digits for an amount"},
		{"a card number with cents as an amount is refused", "en", money, "4242424242424242.00", "too many digits for an amount"},
		{"twelve digits before the point are refused", "en", money, "100000000000.50", "too many digits for an amount"},
		{"ten digits before the point are refused: with the cents they are twelve, as many as a card's", "en", money, "9999999999", "too many digits for an amount"},
		{"twelve digits are refused as a number", "en", number, "100000000000", "too many digits for a number"},
		{"eleven digits are a (large) number", "en", number, "99999999999", ""},
		{"a card number as a number is refused", "en", number, "5555555555554444", "too many digits for a number"},
		{"the refusal is said in Swedish", "sv", money, "378282246310005", "för många siffror"},
		{"the refusal is said in German", "de", money, "378282246310005", "zu viele Ziffern"},
		{"the refusal is said in Spanish", "es", money, "378282246310005", "demasiados dígitos"},
		{"nine digits are a (large) amount", "en", money, "999999999.50", ""},
		{"a grouped amount with decimals is taken", "en", money, "1 234 567,50", ""},
		{"three decimals do not count as whole digits", "en", money, "12.50", ""},
	} {
		t.Run(tc.name, func(t *testing.T) {
			a, err := ParseAnswer(tc.spec, tc.in, t0, tc.lang)
			if tc.want == "" {
				if err != nil {
					t.Fatalf("refused: %v", err)
				}
				return
			}
			if err == nil {
				t.Fatalf("taken as %q", a.Value)
			}
			if !strings.Contains(err.Error(), tc.want) {
				t.Errorf("the refusal %q does not say %q", err.Error(), tc.want)
			}
			if strings.Contains(err.Error(), "4242") || strings.Contains(err.Error(), "3782") || strings.Contains(err.Error(), "5555") {
				t.Errorf("the refusal repeats the digits: %q", err.Error())
			}
		})
	}
}

func TestScrubCardNumbers(t *testing.T) {
	for _, tc := range []struct{ name, in, want string }{
		{"a plain card number", "card 4242424242424242 here", "card [card ending 4242] here"},
		{"a grouped card number", "4242 4242 4242 4242.", "[card ending 4242]."},
		{"a dashed card number", "x 4242-4242-4242-4242", "x [card ending 4242]"},
		{"an Amex number", "378282246310005", "[card ending 0005]"},
		{"a number too short for a card stays", "order 12345678901", "order 12345678901"},
		{"a card with its security code after it is removed", "4242 4242 4242 4242 737", "[card ending 4242] [code removed]"},
		{"a card grouped with en dashes is removed", "4242\u20134242\u20134242\u20134242", "[card ending 4242]"},
		{"a card grouped with no-break spaces is removed", "4242\u00a04242\u00a04242\u00a04242", "[card ending 4242]"},
		{"short numbers stay", "amount 120.50 on 2026-03-14", "amount 120.50 on 2026-03-14"},
		{"a card hidden in a run longer than 19 digits", "ref 99994242424242424242", "ref [card ending 4242]"},
		{"last four alone stay", "Visa ending 4242", "Visa ending 4242"},
		{"a card grouped with dots is removed", "4242.4242.4242.4242", "[card ending 4242]"},
		{"a card grouped with slashes, underscores and commas is removed", "4242/4242_4242,4242", "[card ending 4242]"},
		{"a card grouped with two spaces or a tab is removed", "4242  4242\t4242  4242", "[card ending 4242]"},
		{"a card grouped with ideographic spaces is removed", "4242\u30004242\u30004242\u30004242", "[card ending 4242]"},
		{"a card in fullwidth digits is removed", "４２４２４２４２４２４２４２４２", "[card ending 4242]"},
		{"a card in Arabic-Indic digits is removed", "٤٢٤٢٤٢٤٢٤٢٤٢٤٢٤٢", "[card ending 4242]"},
		{"a card in Persian digits is removed", "۴۲۴۲ ۴۲۴۲ ۴۲۴۲ ۴۲۴۲", "[card ending 4242]"},
		{"a security code and expiry after their words are removed", "card 4242424242424242 exp 09/31 cvv 737", "card [card ending 4242] exp [expiry removed] cvv [code removed]"},
		{"an expiry and code right after a card are removed", "5555 5555 5555 4444 09/31 737", "[card ending 4444] [expiry removed] [code removed]"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if got := ScrubCardNumbers(tc.in); got != tc.want {
				t.Errorf("got %q, want %q", got, tc.want)
			}
		})
	}
}

func TestSanitize(t *testing.T) {
	for _, tc := range []struct{ name, in, want string }{
		{"plain text is unchanged", "Hello, world", "Hello, world"},
		{"colours are removed", "\x1b[31mred\x1b[0m", "red"},
		{"clear screen is removed", "a\x1b[2Jb", "ab"},
		{"a window title is removed", "\x1b]0;pwned\x07ok", "ok"},
		{"an OSC 52 clipboard write is removed", "\x1b]52;c;ZWNobyBoaQ==\x1b\\ok", "ok"},
		{"a hyperlink keeps its text only", "\x1b]8;;https://evil.test\x1b\\click\x1b]8;;\x1b\\", "click"},
		{"8-bit CSI is removed", "a\u009b31mb", "ab"},
		{"bell and backspace are removed", "a\x07\bb", "ab"},
		{"newlines stay, tabs become spaces", "a\n\tb", "a\n    b"},
		{"direction overrides are removed", "abc\u202edef", "abcdef"},
		{"Arabic and Japanese stay", "مرحبا 日本語", "مرحبا 日本語"},
		{"invalid UTF-8 becomes a replacement character", "a\xffb", "a\ufffdb"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if got := Sanitize(tc.in); got != tc.want {
				t.Errorf("got %q, want %q", got, tc.want)
			}
		})
	}
}

func TestReplayKeepsTheAnswersAndThePlace(t *testing.T) {
	f := mustLoad(t, "testdata/every-kind.yaml")
	st := walk(t, f, []move{ans(""), ans("1"), ans("20")})
	if st.Node().ID != "note" {
		t.Fatalf("at %s", st.Node().ID)
	}
	data, err := os.ReadFile("testdata/every-kind.yaml")
	if err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		name, from, to, want string
	}{
		{"nothing changed: the walk is where it was", "", "", "note"},
		{"a moved line changes nothing", "flow: every-kind", "# a comment\nflow: every-kind", "note"},
		{"a changed question keeps the answer and the place", "text: How much?", "text: How much in total?", "note"},
		{"a changed first node keeps the walk where it was", "Hello from {{provider.name}}.", "Hi.", "note"},
		{"an answer the edit makes invalid stops the replay there", `input: { type: money, min: "1" }`, `input: { type: money, min: "30" }`, "amount"},
		{"a later change keeps every answer before it", "text: Anything else?", "text: Anything more?", "note"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			edited := strings.Replace(string(data), tc.from, tc.to, 1)
			nf, diags := Parse("every-kind.yaml", []byte(edited))
			if diags.HasErrors() {
				t.Fatal(diags.Error())
			}
			got := Replay(st, nf, t0)
			if got.Node().ID != tc.want {
				t.Errorf("replayed to %q, want %q", got.Node().ID, tc.want)
			}
			if tc.want == "note" && got.Answers()["amount"].Display != "20.00" {
				t.Errorf("the amount answer was lost")
			}
			if tc.want == "amount" && got.Prompt().Refill != "20.00" {
				t.Errorf("the answer that no longer fits is not offered again: %q", got.Prompt().Refill)
			}
		})
	}
}

func TestSearchIgnoresCaseAndAccents(t *testing.T) {
	lib, _ := Library()
	var refund *Flow
	for _, f := range lib {
		if f.ID == "return-refund" {
			refund = f.Localize("es")
		}
	}
	if refund == nil {
		t.Fatal("no return-refund flow")
	}
	for _, q := range []string{"devolucion", "DEVOLUCIÓN", "reembolso"} {
		if !refund.Matches(q) {
			t.Errorf("%q does not find %q", q, refund.Title)
		}
	}
	if refund.Matches("tarjeta rechazada") {
		t.Errorf("a search for a declined card finds the refund flow")
	}
}

// loadFile reads a flow file and the translations beside it, as files.LoadFile does: flows reads no
// files, its tests do.
func loadFile(path string) (*Flow, Diagnostics) {
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, Diagnostics{{Path: path, Severity: SeverityError, Code: CodeSyntax, Message: err.Error()}}
	}
	f, diags := Parse(path, data)
	if f == nil {
		return nil, diags
	}
	base := strings.TrimSuffix(filepath.Base(path), filepath.Ext(path))
	trs, _ := filepath.Glob(filepath.Join(filepath.Dir(path), base+".*.yaml"))
	for _, tr := range trs {
		if name, _, ok := TranslationName(tr); ok && name == base {
			data, err := os.ReadFile(tr)
			if err != nil {
				return nil, Diagnostics{{Path: tr, Severity: SeverityError, Code: CodeSyntax, Message: err.Error()}}
			}
			diags = append(diags, LoadTranslation(f, tr, data)...)
		}
	}
	return f, diags.Sort()
}
