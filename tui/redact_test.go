package tui

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/charmbracelet/x/ansi"
)

func TestCardFieldShowsOnlyTheLastFour(t *testing.T) {
	for _, tc := range []struct {
		name  string
		ascii bool
		want  string
	}{
		{"with symbols, the hidden digits are dots", false, "•••• •••• •••• 1111"},
		{"in ASCII mode, the hidden digits are stars", true, "**** **** **** 1111"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			h := newHarness(t, 80, 24, "payment-fails")
			h.app.env.ascii = tc.ascii
			h.press(toCardNumber...).press("4111111111111111")
			got := h.screen()
			if !strings.Contains(got, tc.want) {
				t.Errorf("the field does not show %q:\n%s", tc.want, got)
			}
			if strings.Contains(got, "4111") {
				t.Errorf("the card's first digits are on the screen:\n%s", got)
			}
		})
	}
	t.Run("a few digits typed show only what is past the first ones", func(t *testing.T) {
		if got := maskCard(true)("424242"); got != "**42 42" {
			t.Errorf("maskCard(424242) = %q", got)
		}
	})
}

func TestEveryFrameIsScrubbed(t *testing.T) {
	// A flow's own text is not an answer the engine scrubs; the frame is scrubbed as a whole.
	path := filepath.Join(t.TempDir(), "card-in-text.yaml")
	flow := `flow: card-in-text
title: A card in the text
description: A flow that prints a card number in its text.
start: hello
nodes:
  hello:
    kind: message
    title: Hello
    text: "Example: 4242\u00a04242\u00a04242\u00a04242, cvv 737."
    next: done
  done:
    kind: end
    title: Done
    outcome: resolved
    summary: Done.
`
	if err := os.WriteFile(path, []byte(flow), 0o600); err != nil {
		t.Fatal(err)
	}
	h := newHarness(t, 80, 24, path)
	if !strings.Contains(h.screen(), "4242\u00a04242") {
		t.Fatalf("the test's flow does not show its card number:\n%s", h.screen())
	}
	frame := ansi.Strip(h.app.View().Content)
	if strings.Contains(frame, "4242\u00a04242") || strings.Contains(frame, "737") {
		t.Errorf("the frame drawn shows the card number or code:\n%s", frame)
	}
	if !strings.Contains(frame, "[card ending 4242]") {
		t.Errorf("the frame drawn does not say the card was removed:\n%s", frame)
	}
}
