package tui

import (
	"fmt"
	"strings"
	"testing"
	"time"

	tea "charm.land/bubbletea/v2"

	"github.com/unstuck-dev/unstuck/flows"
)

// newMenuHarness opens the menu on the given flows, in a terminal of w×h.
func newMenuHarness(t *testing.T, w, h int, list []*flows.Flow) *harness {
	t.Helper()
	e := &env{styles: NewStyles(true, false), keys: newKeyMap(), isDark: true,
		now: func() time.Time { return fixedNow }, saveDir: t.TempDir()}
	menu := newMenuScreen(MenuOf(list))
	hs := &harness{t: t, app: newApp(e, menu, menu)}
	hs.send(tea.WindowSizeMsg{Width: w, Height: h})
	hs.run(menu.init(e))
	return hs
}

// eighteenFlows is the built-in library padded with copies up to eighteen flows, as the library will be
// once the flows for every topic of the support page are in; it always adds a few copies, so a search
// for "copy" finds flows past the tenth however long the library grows.
func eighteenFlows(t *testing.T) []*flows.Flow {
	t.Helper()
	lib, err := flows.Library()
	if err != nil {
		t.Fatal(err)
	}
	list := append([]*flows.Flow{}, lib...)
	for i := 0; len(list) < 18 || i < 3; i++ {
		c := *lib[i%len(lib)]
		c.ID = fmt.Sprintf("copy-%d", i)
		c.Title = fmt.Sprintf("Copy %d of %s", i+1, c.Title)
		list = append(list, &c)
	}
	return list
}

// cursorLine is the line of the screen with the menu's cursor on it.
func cursorLine(screen string) string {
	for _, l := range strings.Split(screen, "\n") {
		if strings.HasPrefix(strings.TrimSpace(l), "›") {
			return l
		}
	}
	return ""
}

func TestMenuWithMoreThanTenFlows(t *testing.T) {
	list := eighteenFlows(t)

	t.Run("only the ten flows the number keys reach have a number", func(t *testing.T) {
		screen := newMenuHarness(t, 80, 200, list).screen()
		for n := 1; n <= 10; n++ {
			if !strings.Contains(screen, fmt.Sprintf("%2d. ", n)) {
				t.Errorf("the menu has no number %d:\n%s", n, screen)
			}
		}
		for n := 11; n <= 18; n++ {
			if strings.Contains(screen, fmt.Sprintf("%d. ", n)) {
				t.Errorf("the menu shows %d., which no key can type:\n%s", n, screen)
			}
		}
		if !strings.Contains(screen, "       "+list[17].Title) {
			t.Errorf("the eighteenth title does not start in the titles' column:\n%s", screen)
		}
	})

	for _, size := range []struct{ w, h int }{{80, 24}, {40, 12}} {
		t.Run(fmt.Sprintf("at %dx%d the arrows reach every flow and keep it in view", size.w, size.h), func(t *testing.T) {
			h := newMenuHarness(t, size.w, size.h, list)
			for i, f := range list {
				if i > 0 {
					h.press("down")
				}
				start := f.Title[:min(len(f.Title), 14)]
				if line := cursorLine(h.screen()); !strings.Contains(line, start) {
					t.Fatalf("flow %d (%s) is not under the cursor:\n%s", i+1, f.ID, h.screen())
				}
			}
			h.press("down")
			if line := cursorLine(h.screen()); !strings.Contains(line, list[0].Title[:14]) {
				t.Errorf("down on the last flow does not go back to the first:\n%s", h.screen())
			}
		})
		t.Run(fmt.Sprintf("at %dx%d a search finds a flow past the tenth", size.w, size.h), func(t *testing.T) {
			h := newMenuHarness(t, size.w, size.h, list).press("copy")
			if line := cursorLine(h.screen()); !strings.Contains(line, "Copy 1 of") {
				t.Errorf("the search did not put the first copy under the cursor:\n%s", h.screen())
			}
			h.press("enter")
			if fs, ok := h.app.scr.(*flowScreen); !ok || fs.st.Flow().ID != "copy-0" {
				t.Errorf("enter did not open the flow found:\n%s", h.screen())
			}
		})
	}

	t.Run("0 still opens the tenth and 1 the first, with eighteen flows", func(t *testing.T) {
		h := newMenuHarness(t, 80, 24, list).press("0")
		if fs, ok := h.app.scr.(*flowScreen); !ok || fs.st.Flow().ID != list[9].ID {
			t.Errorf("0 did not open the tenth flow (%s):\n%s", list[9].ID, h.screen())
		}
		h = newMenuHarness(t, 80, 24, list).press("1")
		if fs, ok := h.app.scr.(*flowScreen); !ok || fs.st.Flow().ID != list[0].ID {
			t.Errorf("1 did not open the first flow (%s):\n%s", list[0].ID, h.screen())
		}
	})
}
