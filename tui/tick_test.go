package tui

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/unstuck-dev/unstuck/flows"
)

const tickTestFlow = `flow: ticks
title: Ticks
start: what
nodes:
  what:
    kind: tick
    text: What went wrong?
    label: Problems
    options:
      - { label: The card was declined, value: declined }
      - { label: The page froze, value: froze }
      - { label: I was charged twice, value: twice }
    branches:
      - when: { all: [{ answer: what, has: declined }, { answer: what, has: twice }] }
        goto: end-both
      - goto: end-other
  end-both: { kind: end, title: Declined and charged twice }
  end-other: { kind: end, title: Something else }
`

func TestTickingWithSpace(t *testing.T) {
	path := filepath.Join(t.TempDir(), "ticks.yaml")
	if err := os.WriteFile(path, []byte(tickTestFlow), 0o644); err != nil {
		t.Fatal(err)
	}
	h := newHarness(t, 80, 24, path)
	if !strings.Contains(h.screen(), "[ ] The card was declined") {
		t.Fatalf("the options have no empty boxes:\n%s", h.screen())
	}
	if !strings.Contains(h.screen(), "space") {
		t.Errorf("the help bar does not say that space ticks:\n%s", h.screen())
	}
	h.press("space", "down", "down", "space")
	t.Run("space ticks the option under the cursor", func(t *testing.T) {
		s := h.screen()
		if !strings.Contains(s, "[✓] The card was declined") || !strings.Contains(s, "[✓] I was charged twice") || !strings.Contains(s, "[ ] The page froze") {
			t.Errorf("the ticks are not drawn:\n%s", s)
		}
		if h.node() != "what" {
			t.Errorf("space moved on to %s", h.node())
		}
	})
	t.Run("space again unticks it, a number ticks its option", func(t *testing.T) {
		h.press("space", "3")
		if !strings.Contains(h.screen(), "[✓] I was charged twice") {
			t.Errorf("got:\n%s", h.screen())
		}
	})
	h.press("enter")
	t.Run("enter goes on with those ticked", func(t *testing.T) {
		if h.node() != "end-both" {
			t.Errorf("the walk went to %s", h.node())
		}
	})
	h.press("esc")
	t.Run("esc goes back with the ticks put back", func(t *testing.T) {
		s := h.screen()
		if h.node() != "what" || !strings.Contains(s, "[✓] The card was declined") || !strings.Contains(s, "[✓] I was charged twice") {
			t.Errorf("at %s:\n%s", h.node(), s)
		}
	})
	h.press("1", "enter")
	t.Run("unticking one changes the way on", func(t *testing.T) {
		if h.node() != "end-other" {
			t.Errorf("the walk went to %s", h.node())
		}
	})
}

func TestTickMarksHaveAnASCIIForm(t *testing.T) {
	for _, tc := range []struct {
		ascii, ticked bool
		want          string
	}{{false, true, "[✓]"}, {true, true, "[x]"}, {false, false, "[ ]"}, {true, false, "[ ]"}} {
		if got := tickMark(tc.ascii, tc.ticked); got != tc.want {
			t.Errorf("tickMark(ascii %v, ticked %v) = %q, want %q", tc.ascii, tc.ticked, got, tc.want)
		}
	}
}

func TestLineModeTicksByNumbers(t *testing.T) {
	// A message after the tick step, to go back from.
	src := strings.Replace(tickTestFlow, "        goto: end-both\n", "        goto: sure\n", 1) +
		"  sure: { kind: message, text: Thanks., next: end-both }\n"
	f, diags := flows.Parse("ticks.yaml", []byte(src))
	if diags.HasErrors() {
		t.Fatal(diags.Error())
	}
	for _, tc := range []struct{ name, in, want, notWant string }{
		{"numbers with a comma tick both", "1, 3\n\n", "Declined and charged twice", ""},
		{"a refused answer is asked again", "7\n1 3\n\n", "Declined and charged twice", ""},
		{"back shows the ticks given and an empty line keeps them", "1,3\nback\n\n\n", "[x] 1. The card was declined", ""},
		{"0 ticks none", "0\n", "Something else", "Declined and charged"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			var out bytes.Buffer
			_, _ = RunLines(LineOptions{In: strings.NewReader(tc.in), Out: &out, Flow: f, Now: func() time.Time { return fixedNow }})
			text := out.String()
			if !strings.Contains(text, tc.want) || tc.notWant != "" && strings.Contains(text, tc.notWant) {
				t.Errorf("want %q (and not %q) in:\n%s", tc.want, tc.notWant, text)
			}
		})
	}
}

func TestACheckAtTheEndOfAPartIsShownAfterComingBack(t *testing.T) {
	const src = `flow: partcheck
title: Part check
start: first
nodes:
  first: { kind: call, part: card, next: second }
  second: { kind: call, part: card, next: done }
  done: { kind: end, title: Done }
parts:
  card:
    start: number
    nodes:
      number:
        kind: input
        text: Card number?
        input: { type: card-number }
        next: check
      check:
        kind: check
        check: card
        with: { number: "{{number}}" }
        next: back
      back: { kind: end, outcome: return }
`
	path := filepath.Join(t.TempDir(), "partcheck.yaml")
	if err := os.WriteFile(path, []byte(src), 0o644); err != nil {
		t.Fatal(err)
	}
	h := newHarness(t, 80, 24, path)
	h.press("4242424242424242", "enter")
	if h.node() != "second.number" {
		t.Fatalf("the walk is at %s", h.node())
	}
	if s := h.screen(); !strings.Contains(s, "Visa ending 4242") {
		t.Errorf("the first call's check result is not shown after coming back:\n%s", s)
	}
}
