package tui

import "testing"

// One rule for q: at the menu nothing was begun (exit 0); before a walk's end it is an interruption
// (exit 130), with or without the help open; on the end screen it finishes.
func TestQuitIsAnInterruptionOnlyMidWalk(t *testing.T) {
	for _, c := range []struct {
		about, flow string
		keys        []string
		interrupted bool
	}{
		{"q at the menu", "", []string{"q"}, false},
		{"q mid-walk", "payment-fails", []string{"q"}, true},
		{"q with the help open mid-walk", "payment-fails", []string{"?", "q"}, true},
		{"q with the help open at the menu", "", []string{"?", "q"}, false},
	} {
		t.Run(c.about, func(t *testing.T) {
			h := newHarness(t, 80, 24, c.flow)
			h.press(c.keys...)
			if h.app.interrupted != c.interrupted {
				t.Errorf("interrupted = %v, want %v", h.app.interrupted, c.interrupted)
			}
		})
	}
}
