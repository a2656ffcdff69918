package tui

import (
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
	"time"

	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"
	"github.com/charmbracelet/x/exp/golden"

	"github.com/unstuck-dev/unstuck/checks"
	"github.com/unstuck-dev/unstuck/flows"
	"github.com/unstuck-dev/unstuck/flows/files"
	"github.com/unstuck-dev/unstuck/flows/summary"
)

var fixedNow = time.Date(2026, 3, 14, 15, 9, 26, 0, time.UTC)

// harness drives the root model as Bubble Tea would, without a terminal: it sends messages to Update
// and runs the commands that come back, feeding their messages in again.
type harness struct {
	t   *testing.T
	app *App
}

func newHarness(t *testing.T, w, h int, flowID string) *harness {
	t.Helper()
	e := &env{styles: NewStyles(true, false), keys: newKeyMap(), isDark: true,
		now: func() time.Time { return fixedNow }, saveDir: t.TempDir(), deps: []any{offlineNet}}
	lib, err := flows.Library()
	if err != nil {
		t.Fatal(err)
	}
	var app *App
	if flowID == "" {
		menu := newMenuScreen(MenuOf(lib))
		app = newApp(e, menu, menu)
	} else {
		f, diags := files.Find(flowID)
		if diags.HasErrors() {
			t.Fatal(diags.Error())
		}
		app = newApp(e, newFlowScreen(f, e), nil)
	}
	hs := &harness{t: t, app: app}
	hs.send(tea.WindowSizeMsg{Width: w, Height: h})
	hs.run(app.scr.(interface{ init(*env) tea.Cmd }).init(e))
	return hs
}

func (h *harness) send(msg tea.Msg) {
	_, cmd := h.app.Update(msg)
	h.run(cmd)
}

// run executes a command and feeds back the messages the app acts on; timers (spinner ticks, the
// preview's look at its file) and terminal requests are dropped, so tests never wait. A timer is
// dropped unrun: running it would wait out its time first.
func (h *harness) run(cmd tea.Cmd) {
	if cmd == nil || isTimer(cmd) {
		return
	}
	switch msg := cmd().(type) {
	case tea.BatchMsg:
		for _, c := range msg {
			h.run(c)
		}
	case checkDoneMsg, openFlowMsg, backToMenuMsg, finishMsg, showHelpMsg, quitNowMsg:
		h.send(msg)
	case checkPartMsg:
		h.send(msg)
	}
}

// timerCode is the code of every command tea.Tick makes (closures of one function literal share
// it): such a command waits for its timer before it returns its message.
var timerCode = reflect.ValueOf(tea.Tick(0, nil)).Pointer()

// isTimer reports whether cmd is one tea.Tick made.
func isTimer(cmd tea.Cmd) bool { return reflect.ValueOf(cmd).Pointer() == timerCode }

func TestTheHarnessesDropTimersUnrun(t *testing.T) {
	if !isTimer(watchTick()) {
		t.Errorf("the preview's tick is not taken for a timer: the tests would wait out each one")
	}
	if !isTimer(tea.Tick(time.Hour, func(time.Time) tea.Msg { return nil })) {
		t.Errorf("a tea.Tick is not taken for a timer")
	}
	for _, cmd := range []tea.Cmd{tea.Quit, tea.Batch(watchTick(), tea.Quit), func() tea.Msg { return nil }} {
		if isTimer(cmd) {
			t.Errorf("a command that is no timer is taken for one, and would never run")
		}
	}
}

func keyMsg(s string) tea.KeyPressMsg {
	switch s {
	case "enter":
		return tea.KeyPressMsg{Code: tea.KeyEnter}
	case "esc":
		return tea.KeyPressMsg{Code: tea.KeyEscape}
	case "up":
		return tea.KeyPressMsg{Code: tea.KeyUp}
	case "down":
		return tea.KeyPressMsg{Code: tea.KeyDown}
	case "backspace":
		return tea.KeyPressMsg{Code: tea.KeyBackspace}
	case "pgdown":
		return tea.KeyPressMsg{Code: tea.KeyPgDown}
	case "pgup":
		return tea.KeyPressMsg{Code: tea.KeyPgUp}
	case "home":
		return tea.KeyPressMsg{Code: tea.KeyHome}
	case "end":
		return tea.KeyPressMsg{Code: tea.KeyEnd}
	case "f1":
		return tea.KeyPressMsg{Code: tea.KeyF1}
	case "ctrl+c":
		return tea.KeyPressMsg{Code: 'c', Mod: tea.ModCtrl}
	case "ctrl+n":
		return tea.KeyPressMsg{Code: 'n', Mod: tea.ModCtrl}
	case "ctrl+o":
		return tea.KeyPressMsg{Code: 'o', Mod: tea.ModCtrl}
	case "space":
		return tea.KeyPressMsg{Code: tea.KeySpace, Text: " "}
	}
	r := []rune(s)[0]
	return tea.KeyPressMsg{Code: r, Text: s}
}

// press sends keys; a word in quotes-free form longer than one rune is typed letter by letter.
func (h *harness) press(keys ...string) *harness {
	for _, k := range keys {
		if len([]rune(k)) > 1 && !isNamedKey(k) {
			for _, r := range k {
				h.send(keyMsg(string(r)))
			}
			continue
		}
		h.send(keyMsg(k))
	}
	return h
}

func isNamedKey(k string) bool {
	switch k {
	case "enter", "esc", "up", "down", "backspace", "pgdown", "pgup", "home", "end", "f1", "ctrl+c", "ctrl+n", "ctrl+o", "space":
		return true
	}
	return false
}

func (h *harness) screen() string { return ansi.Strip(h.app.render()) }

func (h *harness) node() string {
	fs, ok := h.app.scr.(*flowScreen)
	if !ok {
		return "(menu)"
	}
	return fs.st.Node().ID
}

// To the card number: welcome, store, internet, card-ask.
var toCardNumber = []string{"enter", "Example Shoes", "enter", "1", "1"}

func TestScreens(t *testing.T) {
	for _, tc := range []struct {
		name string
		w, h int
		flow string
		keys []string
	}{
		{"menu", 80, 24, "", nil},
		{"welcome message", 80, 24, "payment-fails", nil},
		{"input with placeholder", 80, 24, "payment-fails", []string{"enter"}},
		{"money input refused", 80, 24, "payment-fails", []string{"enter", "Shop", "enter", "1", "2", "3", "1", "lots", "enter"}},
		{"choice", 80, 24, "payment-fails", []string{"enter", "Shop", "enter"}},
		{"card number grouped while typed", 80, 24, "payment-fails", append(append([]string{}, toCardNumber...), "4111111111111111")},
		{"card check result on next step", 80, 24, "payment-fails", append(append([]string{}, toCardNumber...), "4111111111111111", "enter", "12/30", "enter")},
		{"mistyped card number refused at the field", 80, 24, "payment-fails", append(append([]string{}, toCardNumber...), "4111111111111112", "enter")},
		{"end screen", 80, 24, "payment-fails", append(append([]string{}, toCardNumber...), "4111111111111111", "enter", "01/20", "enter")},
		{"help overlay", 80, 24, "payment-fails", []string{"enter", "?"}},
		{"small window choice", 40, 12, "payment-fails", []string{"enter", "Shop", "enter"}},
		{"small window end screen", 40, 12, "payment-fails", append(append([]string{}, toCardNumber...), "4111111111111111", "enter", "01/20", "enter")},
		{"too small window", 20, 5, "payment-fails", nil},
		{"wide window choice", 120, 40, "payment-fails", []string{"enter", "Shop", "enter"}},
		{"very wide window end screen", 200, 50, "payment-fails", append(append([]string{}, toCardNumber...), "4111111111111111", "enter", "01/20", "enter")},
		{"right-to-left text in a choice", 80, 24, "../testdata/flows/arabic.yaml", nil},
		{"right-to-left text in a small window", 40, 12, "../testdata/flows/arabic.yaml", nil},
		{"right-to-left end screen", 80, 24, "../testdata/flows/arabic.yaml", []string{"1", "120", "enter"}},
		{"wide characters in a choice", 80, 24, "../testdata/flows/japanese.yaml", nil},
		{"wide characters in a small window", 40, 12, "../testdata/flows/japanese.yaml", nil},
		{"wide characters on the end screen", 80, 24, "../testdata/flows/japanese.yaml", []string{"1", "120", "enter"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			h := newHarness(t, tc.w, tc.h, tc.flow).press(tc.keys...)
			got := h.screen()
			for i, line := range strings.Split(got, "\n") {
				if w := ansi.StringWidth(line); w > tc.w {
					t.Errorf("line %d is %d wide in a %d-wide window: %q", i+1, w, tc.w, line)
				}
			}
			if n := strings.Count(got, "\n") + 1; n > tc.h {
				t.Errorf("%d lines in a %d-high window", n, tc.h)
			}
			golden.RequireEqual(t, got)
		})
	}
}

func TestKeys(t *testing.T) {
	t.Run("number keys pick an answer directly", func(t *testing.T) {
		h := newHarness(t, 80, 24, "payment-fails").press(toCardNumber[:3]...)
		if h.node() != "internet" {
			t.Fatalf("at %s", h.node())
		}
		h.press("2")
		if h.node() != "net-fix" {
			t.Errorf("2 led to %s, want net-fix", h.node())
		}
	})
	t.Run("arrows and j/k move the cursor and enter picks", func(t *testing.T) {
		h := newHarness(t, 80, 24, "payment-fails").press(toCardNumber[:3]...)
		h.press("down", "j", "k", "enter")
		if h.node() != "net-fix" {
			t.Errorf("picked %s, want net-fix", h.node())
		}
	})
	t.Run("esc goes back and keeps going back", func(t *testing.T) {
		h := newHarness(t, 80, 24, "payment-fails").press("enter", "Shop", "enter")
		h.press("esc")
		if h.node() != "store" {
			t.Errorf("esc led to %s, want store", h.node())
		}
		h.press("esc")
		if h.node() != "welcome" {
			t.Errorf("esc led to %s, want welcome", h.node())
		}
	})
	t.Run("esc on the first step returns to the menu", func(t *testing.T) {
		h := newHarness(t, 80, 24, "").press("enter")
		if h.node() != "welcome" {
			t.Fatalf("enter on the menu led to %s", h.node())
		}
		h.press("esc")
		if h.node() != "(menu)" {
			t.Errorf("esc led to %s, want the menu", h.node())
		}
	})
	t.Run("q in a text field is typed, not quit", func(t *testing.T) {
		h := newHarness(t, 80, 24, "payment-fails").press("enter", "q")
		if !strings.Contains(h.screen(), "› q") {
			t.Errorf("q was not typed:\n%s", h.screen())
		}
	})
	t.Run("r restarts the flow", func(t *testing.T) {
		h := newHarness(t, 80, 24, "payment-fails").press(toCardNumber[:3]...)
		h.press("r")
		if h.node() == "welcome" || !strings.Contains(h.screen(), "Start again? Your answers so far will be cleared. y/n") {
			t.Fatalf("r mid-walk should ask first; at %s:\n%s", h.node(), h.screen())
		}
		h.press("y")
		if h.node() != "welcome" {
			t.Errorf("r, y led to %s", h.node())
		}
	})
	t.Run("r asks first, and n or esc leave the walk as it was", func(t *testing.T) {
		for _, no := range []string{"n", "esc"} {
			h := newHarness(t, 80, 24, "payment-fails").press(toCardNumber[:3]...)
			at := h.node()
			h.press("r", no)
			if h.node() != at || strings.Contains(h.screen(), "Start again?") {
				t.Errorf("r, %s: at %s (was %s):\n%s", no, h.node(), at, h.screen())
			}
		}
	})
	t.Run("r on the first step starts again at once", func(t *testing.T) {
		h := newHarness(t, 80, 24, "payment-fails").press("r")
		if strings.Contains(h.screen(), "Start again?") || h.node() != "welcome" {
			t.Errorf("at %s:\n%s", h.node(), h.screen())
		}
	})
	t.Run("ctrl+c quits at once from a text field", func(t *testing.T) {
		h := newHarness(t, 80, 24, "payment-fails").press("enter", "Sho", "ctrl+c")
		if !h.app.interrupted {
			t.Errorf("ctrl+c did not interrupt")
		}
	})
	t.Run("q before the end quits as an interruption", func(t *testing.T) {
		h := newHarness(t, 80, 24, "payment-fails").press(toCardNumber[:3]...)
		h.press("q")
		if h.app.interrupted || !strings.Contains(h.screen(), "Quit now? You can continue later with unstuck resume. y/n") {
			t.Fatalf("q mid-walk should ask first:\n%s", h.screen())
		}
		h.press("n")
		if h.app.interrupted || strings.Contains(h.screen(), "Quit now?") {
			t.Fatalf("n should cancel the quit:\n%s", h.screen())
		}
		h.press("q", "y")
		if !h.app.interrupted || h.app.finished {
			t.Errorf("interrupted=%v finished=%v", h.app.interrupted, h.app.finished)
		}
	})
	t.Run("q on the end screen finishes with the summary", func(t *testing.T) {
		keys := append(append([]string{}, toCardNumber...), "4111111111111111", "enter", "01/20", "enter", "q")
		h := newHarness(t, 80, 24, "payment-fails").press(keys...)
		if !h.app.finished || h.app.final == nil {
			t.Fatalf("finished=%v", h.app.finished)
		}
		text := summary.Of(*h.app.final).Text()
		if !strings.Contains(text, "Visa ending 1111") {
			t.Fatalf("summary:\n%s", text)
		}
		if strings.Contains(text, "4111111111111111") || strings.Contains(text, "01/20") {
			t.Errorf("the summary shows the card number or expiry:\n%s", text)
		}
	})
	t.Run("s on the end screen saves the summary and says where", func(t *testing.T) {
		keys := append(append([]string{}, toCardNumber...), "4111111111111111", "enter", "01/20", "enter", "s")
		h := newHarness(t, 80, 24, "payment-fails").press(keys...)
		if !strings.Contains(h.screen(), "Saved to") {
			t.Errorf("no saved message:\n%s", h.screen())
		}
		files, _ := filepath.Glob(filepath.Join(h.app.env.saveDir, "unstuck-summary-*.txt"))
		if len(files) != 1 {
			t.Fatalf("want one saved file, got %v", files)
		}
		info, _ := os.Stat(files[0])
		data, _ := os.ReadFile(files[0])
		if info.Mode().Perm() != 0o600 || !strings.Contains(string(data), "Visa ending 1111") || strings.Contains(string(data), "4111111111111111") {
			t.Errorf("saved file mode %v, contents:\n%s", info.Mode().Perm(), data)
		}
	})
	t.Run("a mouse click picks the option under it", func(t *testing.T) {
		h := newHarness(t, 80, 24, "payment-fails").press(toCardNumber[:3]...)
		lines := strings.Split(h.screen(), "\n")
		row := -1
		for i, l := range lines {
			if strings.Contains(l, "2. No, or it is slow") {
				row = i
			}
		}
		h.send(tea.MouseClickMsg{X: 5, Y: row, Button: tea.MouseLeft})
		if h.node() != "net-fix" {
			t.Errorf("the click led to %s, want net-fix", h.node())
		}
	})
	t.Run("resizing to tiny and back keeps the screen usable", func(t *testing.T) {
		h := newHarness(t, 80, 24, "payment-fails").press(toCardNumber[:3]...)
		before := h.screen()
		for _, size := range [][2]int{{20, 5}, {1, 1}, {0, 0}, {200, 60}, {80, 24}} {
			h.send(tea.WindowSizeMsg{Width: size[0], Height: size[1]})
			_ = h.screen()
		}
		if h.screen() != before {
			t.Errorf("the screen changed after resizing back:\n%s", h.screen())
		}
	})
}

func TestFlowTextIsShownInert(t *testing.T) {
	hostile := `flow: hostile
title: "Evil \e]0;owned\a title"
start: a
nodes:
  a:
    kind: choice
    text: "Clear \e[2J screen, copy \e]52;c;ZWNobw==\a and \e]8;;https://x.test\e\\link\e]8;;\e\\"
    options:
      - { label: "Fine \e[31mred", goto: e }
  e: { kind: end }
`
	f, diags := flows.Parse("hostile.yaml", []byte(hostile))
	if f != nil || !diags.HasErrors() {
		t.Fatalf("the loader should refuse control characters")
	}
	t.Run("pasted escape sequences never reach the screen", func(t *testing.T) {
		h := newHarness(t, 80, 24, "payment-fails").press("enter")
		h.send(tea.PasteMsg{Content: "Shop\x1b]52;c;ZWNobw==\x07\x1b[2J"})
		raw := h.app.render()
		if strings.Contains(raw, "]52;") || strings.Contains(raw, "[2J") {
			t.Errorf("escape sequence shown: %q", raw)
		}
	})
}

func TestConnectivityCheckInTheFlow(t *testing.T) {
	t.Run("a refused connection on loopback leads to the connection fixes, with the reason shown", func(t *testing.T) {
		h := newHarness(t, 80, 24, "payment-fails").press("enter", "127.0.0.1:1", "enter", "1")
		if h.node() != "net-fix" {
			t.Fatalf("at %s, want net-fix:\n%s", h.node(), h.screen())
		}
		if !strings.Contains(h.screen(), "refused the connection") {
			t.Errorf("the reason is not shown:\n%s", h.screen())
		}
	})
	t.Run("each layer shows a spinner until it reports", func(t *testing.T) {
		h := newHarness(t, 80, 24, "payment-fails").press("enter")
		fs := h.app.scr.(*flowScreen)
		// Stand on the check node as if it were still running, with two layers reported.
		next, err := fs.st.Answer("Shop", fixedNow)
		if err != nil {
			t.Fatal(err)
		}
		fs.st, fs.checking = next, true
		fs.parts = []checks.Result{
			{Name: "proxy", Status: checks.StatusOK, Summary: "No proxy is set on this computer."},
			{Name: "dns", Status: checks.StatusProblem, Summary: "The payment site's address could not be found."},
		}
		golden.RequireEqual(t, h.screen())
	})
}

func TestWatchReloadsTheFlowAndKeepsTheAnswers(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "flow.yaml")
	write := func(text string) {
		t.Helper()
		if err := os.WriteFile(path, []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
		// Make the change visible to a look at size and time, however fast the test runs.
		later := time.Now().Add(time.Duration(len(text)) * time.Second)
		os.Chtimes(path, later, later)
	}
	const flow = `flow: w
title: Watched
start: amount
nodes:
  amount:
    kind: input
    text: How much?
    label: Amount
    input: { type: money }
    next: sure
  sure:
    kind: choice
    text: Are you sure?
    options:
      - { label: "Yes", value: "yes", goto: done }
  done: { kind: end, title: Done }
`
	write(flow)
	f, diags := files.LoadFile(path)
	if diags.HasErrors() {
		t.Fatal(diags.Error())
	}
	e := &env{styles: NewStyles(true, false), keys: newKeyMap(), now: func() time.Time { return fixedNow }}
	app := newApp(e, newFlowScreen(f, e), nil)
	app.watch = &watcher{path: path}
	app.watch.changed()
	h := &harness{t: t, app: app}
	h.send(tea.WindowSizeMsg{Width: 80, Height: 24})
	h.press("42", "enter")
	if h.node() != "sure" {
		t.Fatalf("at %s", h.node())
	}

	write(strings.Replace(flow, "Are you sure?", "Really sure?", 1))
	h.send(watchTickMsg{})
	if h.node() != "sure" || !strings.Contains(h.screen(), "Really sure?") || !strings.Contains(h.screen(), "Reloaded") {
		t.Errorf("the edit was not picked up with the answers kept:\n%s", h.screen())
	}
	if got := h.app.scr.(*flowScreen).st.Answers()["amount"].Display; got != "42.00" {
		t.Errorf("the amount answer was lost: %q", got)
	}

	write(strings.Replace(flow, "kind: choice", "kind: choise", 1))
	h.send(watchTickMsg{})
	if !strings.Contains(h.screen(), `unknown kind "choise"`) || h.app.finished || h.app.interrupted {
		t.Errorf("the problem is not shown, or the preview quit:\n%s", h.screen())
	}

	write(strings.Replace(flow, "How much?", "How much was it?", 1))
	h.send(watchTickMsg{})
	if h.node() != "sure" || strings.Contains(h.screen(), "problems") {
		t.Errorf("a change to the first node should keep the walk where it was, with the problems gone:\n%s", h.screen())
	}
}

// boom is a screen with a bug: it panics with an answer in the panic's value.
type boom struct{ menuScreen }

func (b *boom) update(tea.Msg, *env) (screen, tea.Cmd) { panic("card 4242424242424242 broke it") }
func (b *boom) view(*env) body                         { panic("card 4242424242424242 broke it") }

func TestAPanicQuitsCleanlyWithAShortReport(t *testing.T) {
	e := &env{styles: NewStyles(true, false), keys: newKeyMap(), now: func() time.Time { return fixedNow }}
	t.Run("a panic while handling a key quits the program the normal way", func(t *testing.T) {
		app := newApp(e, &boom{}, nil)
		_, cmd := app.Update(keyMsg("x"))
		if cmd == nil {
			t.Fatal("no command to quit")
		}
		if _, ok := cmd().(tea.QuitMsg); !ok {
			t.Errorf("the command is not tea.Quit")
		}
		if app.panicked == "" || strings.Contains(app.panicked, "4242") || !strings.Contains(app.panicked, "app_test.go") {
			t.Errorf("report %q: want the place of the bug and nothing of the panic's value", app.panicked)
		}
	})
	t.Run("a panic while drawing shows a short message and quits on the next key", func(t *testing.T) {
		app := newApp(e, &boom{}, nil)
		v := app.View()
		if strings.Contains(v.Content, "4242") || !strings.Contains(v.Content, "internal error") {
			t.Errorf("view %q", v.Content)
		}
		if _, cmd := app.Update(keyMsg("x")); cmd == nil {
			t.Errorf("the next key should quit")
		}
	})
}

func TestMenuSearch(t *testing.T) {
	t.Run("typing words finds the flow whose title says them first", func(t *testing.T) {
		h := newHarness(t, 80, 24, "").press("card declined")
		lines := strings.Split(h.screen(), "\n")
		first := ""
		for _, l := range lines {
			if strings.Contains(l, "1. ") {
				first = l
				break
			}
		}
		if !strings.Contains(first, "My card was declined") {
			t.Errorf("first result %q:\n%s", first, h.screen())
		}
	})
	t.Run("a search lists only the flows that match, and esc clears it", func(t *testing.T) {
		h := newHarness(t, 80, 24, "").press("refund")
		if strings.Contains(h.screen(), "My payment doesn't go through") {
			t.Errorf("an unrelated flow is listed:\n%s", h.screen())
		}
		h.press("esc")
		if !strings.Contains(h.screen(), "My payment doesn't go through") {
			t.Errorf("esc did not clear the search:\n%s", h.screen())
		}
	})
	t.Run("words that match nothing say so", func(t *testing.T) {
		h := newHarness(t, 80, 24, "").press("zzzz")
		if !strings.Contains(h.screen(), "Nothing matches those words") {
			t.Errorf("no message:\n%s", h.screen())
		}
	})
}

func keyMsgSize(w, h int) tea.WindowSizeMsg { return tea.WindowSizeMsg{Width: w, Height: h} }
