package tui

import (
	"strings"
	"testing"
)

// Nothing lost: going back shows the answer given before, a shopper can change one answer from the
// list of their answers and keep the others, and starting again or quitting asks first.
func TestGoingBackOffersTheEarlierAnswer(t *testing.T) {
	t.Run("esc back to a text field puts the earlier answer in it, and enter keeps it", func(t *testing.T) {
		h := newHarness(t, 80, 24, "payment-fails").press("enter", "Example Shoes", "enter")
		at := h.node()
		h.press("esc")
		fs := h.app.scr.(*flowScreen)
		if got := fs.field.value(); got != "Example Shoes" {
			t.Fatalf("the field holds %q after going back:\n%s", got, h.screen())
		}
		h.press("enter")
		if h.node() != at {
			t.Errorf("enter on the kept answer led to %s, want %s", h.node(), at)
		}
	})
	t.Run("esc back to a choice highlights the option picked before", func(t *testing.T) {
		h := newHarness(t, 80, 24, "payment-fails").press(toCardNumber[:3]...)
		choice := h.node()
		h.press("2")
		h.press("esc")
		fs := h.app.scr.(*flowScreen)
		if h.node() != choice || fs.cursor != 1 {
			t.Fatalf("back at %s the cursor is on option %d, want 2:\n%s", h.node(), fs.cursor+1, h.screen())
		}
	})
	t.Run("a card number is never put back in the field", func(t *testing.T) {
		h := newHarness(t, 80, 24, "payment-fails").press(toCardNumber...)
		card := h.node()
		h.press("4242424242424242", "enter")
		h.press("esc")
		fs := h.app.scr.(*flowScreen)
		if h.node() != card || fs.field.value() != "" || strings.Contains(h.screen(), "4242 4242") {
			t.Fatalf("back at %s the field holds %d characters:\n%s", h.node(), len(fs.field.value()), h.screen())
		}
	})
}

func TestShoppersChangeOneAnswerFromTheirAnswers(t *testing.T) {
	// The internet question answered "not sure": the connection fixes.
	h := newHarness(t, 80, 24, "payment-fails").press("enter", "Example Shoes", "enter", "3")
	at := h.node()
	if !strings.Contains(h.screen(), "h your answers") {
		t.Errorf("the footer does not offer the answers:\n%s", h.screen())
	}
	h.press("h")
	screen := h.screen()
	if !strings.Contains(screen, "Your answers") || !strings.Contains(screen, "Example Shoes") || strings.Contains(screen, "[store]") {
		t.Fatalf("h should list the answers in plain words, with no node ids:\n%s", screen)
	}
	// The list starts at the latest answer; the store is the second step.
	for range 10 {
		h.press("up")
	}
	h.press("down", "enter")
	fs := h.app.scr.(*flowScreen)
	if fs.field.value() != "Example Shoes" {
		t.Fatalf("going back to the store from the list should offer the answer; field %q at %s:\n%s", fs.field.value(), h.node(), h.screen())
	}
	for range len("Example Shoes") {
		h.press("backspace")
	}
	h.press("Other Shop", "enter")
	fs = h.app.scr.(*flowScreen)
	if h.node() != "internet" || fs.cursor != 2 {
		t.Fatalf("the next step should offer its earlier answer; cursor on %d at %s:\n%s", fs.cursor+1, h.node(), h.screen())
	}
	// enter keeps each earlier answer, back to where the shopper was.
	for i := 0; i < 10 && h.node() != at; i++ {
		h.press("enter")
	}
	if h.node() != at {
		t.Fatalf("enter on each kept answer should lead back to %s; at %s:\n%s", at, h.node(), h.screen())
	}
	if got := h.app.scr.(*flowScreen).st.Answers()["store"].Display; got != "Other Shop" {
		t.Errorf("the changed answer is %q", got)
	}
}
