package tui

import (
	"testing"

	tea "charm.land/bubbletea/v2"
)

func TestPastedLineBreaksAreSpaces(t *testing.T) {
	for _, tc := range []struct{ name, paste, want string }{
		{"a carriage return, as terminals paste a newline, is a space", "Big\rShop", "Big Shop"},
		// The field turns the newline into a space before the carriage return is seen: two spaces.
		{"a carriage return and newline is one space", "Big\r\nShop", "Big Shop"},
		{"a Unicode line separator is a space", "Big\u2028Shop", "Big Shop"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			h := newHarness(t, 80, 24, "payment-fails").press("enter")
			h.send(tea.PasteMsg{Content: tc.paste})
			h.press("enter")
			fs := h.app.scr.(*flowScreen)
			got := fs.st.Answers()["store"].Display
			if got != tc.want {
				t.Errorf("the pasted answer is %q, want %q", got, tc.want)
			}
		})
	}
}
