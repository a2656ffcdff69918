package tui

import (
	"fmt"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/unstuck-dev/unstuck/checks"
	"github.com/unstuck-dev/unstuck/flows"
	"github.com/unstuck-dev/unstuck/flows/files"
	"github.com/unstuck-dev/unstuck/flows/session"
)

// toEndScreen walks payment-fails to its end screen (an expired card), which is longer than 80x24.
var toEndScreen = append(append([]string{}, toCardNumber...), "4111111111111111", "enter", "01/20", "enter")

// localized opens a built-in flow from the menu in lang, as a run in that language does.
func localized(t *testing.T, w, h int, id, lang string) *harness {
	t.Helper()
	hs := newHarness(t, w, h, "")
	hs.app.env.lang = lang
	f, diags := files.Find(id)
	if diags.HasErrors() {
		t.Fatal(diags.Error())
	}
	hs.send(openFlowMsg{flow: f.Localize(lang)})
	return hs
}

// footer is what is under the last rule: the help bar.
func footer(screen string) string {
	lines := strings.Split(screen, "\n")
	for i := len(lines) - 1; i >= 0; i-- {
		if strings.HasPrefix(strings.TrimSpace(lines[i]), "───") {
			return strings.Join(lines[i+1:], "\n")
		}
	}
	return ""
}

var position = regexp.MustCompile(`lines (\d+)–(\d+) of (\d+)`)

// shown says which lines of a long page are in view, from the position line.
func shown(t *testing.T, h *harness) (first, last, total int) {
	t.Helper()
	m := position.FindStringSubmatch(h.screen())
	if m == nil {
		t.Fatalf("no position shown:\n%s", h.screen())
	}
	fmt.Sscan(m[1], &first)
	fmt.Sscan(m[2], &last)
	fmt.Sscan(m[3], &total)
	return first, last, total
}

func TestTheHelpScrollsAndClosesWithEscOrQuestionMark(t *testing.T) {
	t.Run("pgdn scrolls the help to the step's own help instead of closing it", func(t *testing.T) {
		h := newHarness(t, 80, 24, "payment-fails").press("enter", "?", "pgdown")
		if !h.app.showHelp {
			t.Fatalf("pgdn closed the help:\n%s", h.screen())
		}
		if !strings.Contains(h.screen(), "About this step") || !strings.Contains(h.screen(), "unstuck asks whether it may test") {
			t.Errorf("the step's help is not reached:\n%s", h.screen())
		}
	})
	t.Run("in Swedish the step's help is reached too", func(t *testing.T) {
		h := localized(t, 80, 24, "payment-fails", "sv").press("enter", "?", "end")
		if !strings.Contains(h.screen(), "Om det här steget") || !strings.Contains(h.screen(), "kan nå den.") {
			t.Errorf("the step's help is not shown:\n%s", h.screen())
		}
	})
	t.Run("the arrows scroll the help by a line and home goes back to its top", func(t *testing.T) {
		h := newHarness(t, 80, 24, "payment-fails").press("enter", "?", "down", "down")
		if first, _, _ := shown(t, h); first != 3 {
			t.Errorf("two lines down shows from line %d, want 3", first)
		}
		h.press("up", "home")
		if first, _, _ := shown(t, h); first != 1 {
			t.Errorf("home shows from line %d, want 1", first)
		}
	})
	for _, k := range []string{"esc", "?"} {
		t.Run(k+" closes the help and leaves the step as it was", func(t *testing.T) {
			h := newHarness(t, 80, 24, "payment-fails").press("enter", "?", k)
			if h.app.showHelp || h.node() != "store" {
				t.Errorf("after %s: help open %v, at %s", k, h.app.showHelp, h.node())
			}
		})
	}
	t.Run("in a text field with text in it, ? is typed and F1 opens the help, as the footer says", func(t *testing.T) {
		h := newHarness(t, 80, 24, "payment-fails").press("enter", "Sho", "?")
		if h.app.showHelp || !strings.Contains(h.screen(), "Sho?") {
			t.Fatalf("? was not typed:\n%s", h.screen())
		}
		if !strings.Contains(footer(h.screen()), "F1 help") {
			t.Errorf("the footer does not say F1 opens the help:\n%s", footer(h.screen()))
		}
		h.press("f1")
		if !h.app.showHelp {
			t.Errorf("F1 did not open the help")
		}
	})
}

func TestLongPagesScrollByLineByPageAndToEitherEnd(t *testing.T) {
	t.Run("down after pgdn goes one line further, not back to the top", func(t *testing.T) {
		h := newHarness(t, 40, 12, "payment-fails").press(toEndScreen...).press("pgdown")
		first, _, _ := shown(t, h)
		if first == 1 {
			t.Fatalf("pgdn did not scroll:\n%s", h.screen())
		}
		h.press("down")
		if after, _, _ := shown(t, h); after != first+1 {
			t.Errorf("down after pgdn shows from line %d, want %d", after, first+1)
		}
	})
	t.Run("up, k and j scroll by a line", func(t *testing.T) {
		h := newHarness(t, 80, 24, "payment-fails").press(toEndScreen...).press("j", "j", "j", "k", "up")
		if first, _, _ := shown(t, h); first != 2 {
			t.Errorf("shows from line %d, want 2", first)
		}
	})
	t.Run("end shows the last line and home the first", func(t *testing.T) {
		h := newHarness(t, 80, 24, "payment-fails").press(toEndScreen...).press("end")
		if _, last, total := shown(t, h); last != total {
			t.Errorf("end shows up to line %d of %d", last, total)
		}
		h.press("home")
		if first, _, _ := shown(t, h); first != 1 {
			t.Errorf("home shows from line %d", first)
		}
	})
	t.Run("on a choice the arrows still move the highlight, and the page follows it", func(t *testing.T) {
		h := newHarness(t, 40, 12, "payment-fails").press(toCardNumber[:3]...).press("down", "down")
		if fs := h.app.scr.(*flowScreen); fs.cursor != 2 {
			t.Fatalf("the highlight is on %d, want 2", fs.cursor)
		}
		if !strings.Contains(h.screen(), "› 3. I'm not sure") {
			t.Errorf("the highlighted answer is not in view:\n%s", h.screen())
		}
	})
}

func TestTheHighlightAndTheEssentialKeysStayInView(t *testing.T) {
	for _, size := range [][2]int{{80, 24}, {40, 12}, {minWidth, minHeight}} {
		w, ht := size[0], size[1]
		t.Run(fmt.Sprintf("at %dx%d", w, ht), func(t *testing.T) {
			h := newHarness(t, w, ht, "payment-fails")
			check := func(step string) {
				t.Helper()
				screen := h.screen()
				foot := footer(screen)
				hasQuit := strings.Contains(foot, "q quit") || strings.Contains(foot, "ctrl+c quit") || strings.Contains(foot, "q/enter finish")
				hasHelp := strings.Contains(foot, "? all keys") || strings.Contains(foot, "F1 help")
				if !hasQuit || !hasHelp || !strings.Contains(foot, "enter") {
					t.Errorf("%s: the footer lacks quit, help or the main action:\n%s", step, screen)
				}
				if h.app.scr.(*flowScreen).st.Prompt().Options != nil && !strings.Contains(screen, "› ") {
					t.Errorf("%s: the highlighted answer is not in view:\n%s", step, screen)
				}
			}
			check("welcome")
			for i, k := range toEndScreen {
				h.press(k)
				if p := h.app.scr.(*flowScreen).st.Prompt(); p.Options != nil {
					h.press("end")
					check(fmt.Sprintf("step %d, last answer highlighted", i))
					h.press("home")
				}
				check(fmt.Sprintf("step %d", i))
			}
		})
	}
}

func TestKeyHintsSayWhatTheKeysDoOnThatScreen(t *testing.T) {
	t.Run("a flow named on the command line offers no esc menu: there is no menu", func(t *testing.T) {
		h := newHarness(t, 80, 24, "payment-fails")
		if strings.Contains(footer(h.screen()), "esc menu") {
			t.Errorf("the footer offers the menu:\n%s", footer(h.screen()))
		}
		h.press("?")
		if strings.Contains(h.screen(), "the menu") {
			t.Errorf("the help offers the menu:\n%s", h.screen())
		}
	})
	t.Run("a flow begun at the menu offers esc menu on its first step", func(t *testing.T) {
		h := newHarness(t, 80, 24, "").press("enter")
		if !strings.Contains(footer(h.screen()), "esc menu") {
			t.Errorf("the footer does not offer the menu:\n%s", footer(h.screen()))
		}
	})
	t.Run("the menu's help lists the menu's keys: letters search, so no j/k or r/c/s", func(t *testing.T) {
		h := newHarness(t, 80, 60, "").press("?")
		screen := h.screen()
		for _, wrong := range []string{"j/k", "↑/k", "start the flow again", "copy the summary", "save the summary"} {
			if strings.Contains(screen, wrong) {
				t.Errorf("the menu's help says %q:\n%s", wrong, screen)
			}
		}
		if !strings.Contains(screen, "search the list") || !strings.Contains(screen, "0 opens the tenth") {
			t.Errorf("the menu's help does not say how to search or reach the tenth:\n%s", screen)
		}
	})
	t.Run("0 opens the tenth flow, as the hint says", func(t *testing.T) {
		lib, _ := flows.Library()
		h := newHarness(t, 80, 24, "")
		if !strings.Contains(footer(h.screen()), "1-9,0 pick") {
			t.Errorf("the footer does not say how to reach the tenth:\n%s", footer(h.screen()))
		}
		h.press("0")
		fs, ok := h.app.scr.(*flowScreen)
		if !ok || fs.st.Flow().ID != lib[9].ID {
			t.Errorf("0 did not open the tenth flow (%s):\n%s", lib[9].ID, h.screen())
		}
	})
	t.Run("the menu's home and end reach the first and the last", func(t *testing.T) {
		h := newHarness(t, 80, 24, "").press("end")
		lib, _ := flows.Library()
		last := lib[len(lib)-1].Title
		if m := h.app.scr.(*menuScreen); m.cursor != len(lib)-1 || !strings.Contains(cursorLine(h.screen()), last) {
			t.Errorf("end: cursor %d, screen:\n%s", m.cursor, h.screen())
		}
		h.press("home")
		if m := h.app.scr.(*menuScreen); m.cursor != 0 {
			t.Errorf("home: cursor %d", m.cursor)
		}
	})
}

func TestMenuNumbersLineUp(t *testing.T) {
	h := newHarness(t, 80, 60, "")
	titleAt, descAt := map[int]bool{}, map[int]bool{}
	lines := strings.Split(strings.ReplaceAll(h.screen(), "›", ">"), "\n")
	num := regexp.MustCompile(`^ [ >] +(\d+)\. `)
	for i, l := range lines {
		m := num.FindStringIndex(l)
		if m == nil {
			continue
		}
		titleAt[m[1]] = true
		next := lines[i+1]
		descAt[len(next)-len(strings.TrimLeft(next, " "))] = true
	}
	if len(titleAt) != 1 || len(descAt) != 1 {
		t.Errorf("titles start at columns %v and descriptions at %v; want one column each:\n%s", titleAt, descAt, h.screen())
	}
}

func TestTheMenuSpeaksTheRunsLanguage(t *testing.T) {
	f := paymentFails(t)
	now := time.Date(2026, 6, 15, 10, 0, 0, 0, time.UTC)
	dir := t.TempDir()
	walked := session.NewStore(dir) // walked in English
	if err := walked.Save(walkTo(t, f, now, "", "Shop"), now); err != nil {
		t.Fatal(err)
	}
	walked.Close()
	saved, _ := (session.Store{Dir: dir}).List()
	lib, _ := flows.Library()
	e := &env{styles: NewStyles(true, false), keys: newKeyMap(), isDark: true, lang: "sv", now: func() time.Time { return now }, store: session.NewStore(dir)}
	menu := newMenuScreen(MenuOf(lib))
	menu.sessions = saved
	h := &harness{t: t, app: newApp(e, menu, menu)}
	h.send(keyMsgSize(120, 40))
	title := f.Localize("sv").Title
	if !strings.Contains(h.screen(), "Fortsätt: "+title) || strings.Contains(h.screen(), f.Title) {
		t.Errorf("the saved run is not titled in Swedish (%q):\n%s", title, h.screen())
	}
}

func TestASCIIModeDrawsOnlyASCII(t *testing.T) {
	// payment-fails is written in plain ASCII in English, so any other rune is one the UI drew.
	h := newHarness(t, 80, 24, "")
	h.app.env.ascii = true
	h.send(keyMsgSize(80, 24)) // redraw
	h.app.env.styles = NewStyles(true, true)
	check := func(what string) {
		t.Helper()
		for _, r := range h.screen() {
			if r > 0x7E && r != '\n' {
				t.Errorf("%s: %q drawn in ASCII mode:\n%s", what, r, h.screen())
				return
			}
		}
	}
	check("the menu")
	h.press("?")
	check("the menu's help")
	h.press("esc", "enter")
	for i, k := range toEndScreen {
		check(fmt.Sprintf("step %d", i))
		h.press("f1")
		check(fmt.Sprintf("step %d's help", i))
		h.press("esc", k)
	}
	check("the end screen")
	h.press("end")
	check("the end of the end screen")
	h.press("s")
	check("the end screen after saving")

	t.Run("a running check", func(t *testing.T) {
		h := newHarness(t, 80, 24, "payment-fails")
		h.app.env.ascii, h.app.env.styles = true, NewStyles(true, true)
		h.press("enter")
		fs := h.app.scr.(*flowScreen)
		fs.spin = newSpinner(true)
		next, err := fs.st.Answer("Shop", fixedNow)
		if err != nil {
			t.Fatal(err)
		}
		fs.st, fs.checking = next, true
		fs.parts = []checks.Result{{Name: "proxy", Status: checks.StatusOK, Summary: "No proxy is set on this computer."}}
		h.send(keyMsgSize(80, 24))
		check("a running check")
	})
}

func TestAStatusLineBelongsToTheScreenThatMadeIt(t *testing.T) {
	h := newHarness(t, 80, 24, "payment-fails").press(toEndScreen...).press("s")
	if !strings.Contains(h.screen(), "Saved to") {
		t.Fatalf("no saved message:\n%s", h.screen())
	}
	for range 3 {
		h.press("esc")
		if strings.Contains(h.screen(), "Saved to") {
			t.Fatalf("the end screen's status line is shown at %s:\n%s", h.node(), h.screen())
		}
	}
}
