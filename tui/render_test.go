package tui

import (
	"testing"

	tea "charm.land/bubbletea/v2"
)

// View hands over what Update decided: drawing the screen changes nothing, however often it is drawn.
func TestViewChangesNothing(t *testing.T) {
	h := newHarness(t, 40, 12, "payment-fails") // small: the pages scroll
	for _, keys := range [][]string{{"enter"}, {"pgdown"}, {"pgdown", "pgup"}} {
		h.press(keys...)
		before := *h.app
		first := h.app.View().Content
		for range 3 {
			if again := h.app.View().Content; again != first {
				t.Fatalf("after %v, drawing again drew another screen", keys)
			}
		}
		if after := *h.app; after.scroll != before.scroll || after.top != before.top || after.frame != before.frame {
			t.Errorf("after %v, View moved the page: scroll %d→%d, top %d→%d", keys, before.scroll, after.scroll, before.top, after.top)
		}
	}
	h.send(tea.WindowSizeMsg{Width: 80, Height: 24})
	if h.app.View().Content != h.app.View().Content {
		t.Error("after a resize, two draws differ")
	}
}
