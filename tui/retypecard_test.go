package tui

import (
	"strings"
	"testing"

	tea "charm.land/bubbletea/v2"
)

// A card number refused at its field is typed again from the start: the field hides all but the
// last four digits, so the digits typed next begin a new number rather than lengthen the old one.
func TestARefusedCardNumberIsTypedAgainFromTheStart(t *testing.T) {
	for _, c := range []struct {
		name  string
		again func(h *harness)
	}{
		{"typed key by key", func(h *harness) { h.press("4242424242424242") }},
		{"pasted", func(h *harness) { h.send(tea.PasteMsg{Content: "4242 4242 4242 4242"}) }},
	} {
		t.Run(c.name, func(t *testing.T) {
			h := newHarness(t, 80, 24, "payment-fails").press(toCardNumber...)
			h.press("4242424242424241", "enter")
			if h.node() != "card.number" || !strings.Contains(h.screen(), "•••• •••• •••• 4241") {
				t.Fatalf("the mistyped number is not refused with its last four shown:\n%s", h.screen())
			}
			c.again(h)
			if got := h.app.scr.(*flowScreen).field.value(); strings.ReplaceAll(got, " ", "") != "4242424242424242" {
				t.Fatalf("the field holds %d characters, not the number typed again", len(got))
			}
			h.press("enter")
			if h.node() == "card.number" {
				t.Errorf("the number typed again is not taken:\n%s", h.screen())
			}
		})
	}
}
