package tui

import (
	"strings"
	"testing"
	"time"

	tea "charm.land/bubbletea/v2"

	"github.com/unstuck-dev/unstuck/flows"
)

// The menu draws from headings and reads a flow only when it is opened; a flow that cannot be read
// is said on the menu, which stays.
func TestTheMenuReadsAFlowOnlyWhenItIsOpened(t *testing.T) {
	headings := flows.BuiltinHeadings()
	if len(headings) < 2 {
		t.Fatal("too few built-in flows")
	}
	reads := map[string]int{}
	list := []MenuFlow{
		{Heading: headings[0], Load: func() *flows.Flow { reads[headings[0].ID]++; return flows.Builtin(headings[0].ID) }},
		{Heading: headings[1], Load: func() *flows.Flow { reads[headings[1].ID]++; return nil }},
	}
	e := &env{styles: NewStyles(true, false), keys: newKeyMap(), isDark: true, lang: "sv",
		now: func() time.Time { return fixedNow }, saveDir: t.TempDir(), deps: []any{offlineNet}}
	menu := newMenuScreen(list)
	h := &harness{t: t, app: newApp(e, menu, menu)}
	h.send(tea.WindowSizeMsg{Width: 80, Height: 24})

	screen := h.screen()
	for _, hd := range headings[:2] {
		if !strings.Contains(screen, hd.In("sv").Title) {
			t.Errorf("the menu does not show %q in Swedish:\n%s", hd.In("sv").Title, screen)
		}
	}
	if len(reads) != 0 {
		t.Fatalf("the menu read flows before one was opened: %v", reads)
	}
	h.press("f", "l", "ö", "d", "e") // a search reads no flow either
	h.press("esc")
	if len(reads) != 0 {
		t.Fatalf("searching read flows: %v", reads)
	}

	h.press("2")
	if h.node() != "(menu)" || !strings.Contains(h.screen(), "kunde inte läsas in") {
		t.Errorf("a flow that cannot be read is not said on the menu:\n%s", h.screen())
	}
	h.press("1")
	if h.node() == "(menu)" || reads[headings[0].ID] != 1 {
		t.Errorf("the first flow did not open (reads %v):\n%s", reads, h.screen())
	}
}
