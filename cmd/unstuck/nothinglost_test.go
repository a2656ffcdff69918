package main

import (
	"strings"
	"testing"
)

// Nothing lost, line by line: a walk left before its end says how to continue it, and running the
// same flow again offers to continue it or to start over (asked of a person at a terminal only).
func TestLineModeSaysHowToContinueAndOffersIt(t *testing.T) {
	stateHome := t.TempDir()
	env := func(k string) string {
		if k == "XDG_STATE_HOME" {
			return stateHome
		}
		return ""
	}
	const hint = "To continue later, run: unstuck resume"
	t.Run("answers that end before the flow does end with how to continue", func(t *testing.T) {
		s, _, errOut := testStreams("\nOld Shop\n")
		s.Env = env
		if code := run([]string{"run", "payment-fails"}, s); code != exitProblems {
			t.Fatalf("exit status %d:\n%s", code, errOut)
		}
		if !strings.Contains(errOut.String(), hint) {
			t.Errorf("stderr does not say how to continue:\n%s", errOut)
		}
	})
	t.Run("with nothing answered there is nothing to continue, and it says nothing of it", func(t *testing.T) {
		s, _, errOut := testStreams("")
		s.Env = func(k string) string {
			if k == "XDG_STATE_HOME" {
				return t.TempDir()
			}
			return ""
		}
		run([]string{"run", "payment-fails"}, s)
		if strings.Contains(errOut.String(), hint) {
			t.Errorf("stderr speaks of continuing a walk that saved nothing:\n%s", errOut)
		}
	})
	t.Run("a person running the flow again is asked, and 1 continues where they stopped", func(t *testing.T) {
		s, _, errOut := testStreams("1\n")
		s.Env, s.InTTY = env, true
		run([]string{"run", "payment-fails"}, s)
		out := errOut.String()
		if !strings.Contains(out, "You started this before. Continue where you stopped?") || !strings.Contains(out, "1. Continue where I stopped") {
			t.Fatalf("no offer to continue:\n%s", out)
		}
		after := out[strings.Index(out, "1. Continue where I stopped"):]
		if strings.Contains(after, "Let's find out what's wrong") || !strings.Contains(after, "Step 3.") {
			t.Errorf("1 should continue at the third step, not start over:\n%s", after)
		}
	})
	t.Run("2 starts over", func(t *testing.T) {
		s, _, errOut := testStreams("2\n")
		s.Env, s.InTTY = env, true
		run([]string{"run", "payment-fails"}, s)
		out := errOut.String()
		after := out[strings.Index(out, "2. Start over"):]
		if !strings.Contains(after, "Step 1.") {
			t.Errorf("2 should start at the first step:\n%s", after)
		}
	})
	t.Run("answers from a pipe are never asked the question", func(t *testing.T) {
		s, _, errOut := testStreams("\n")
		s.Env = env
		run([]string{"run", "payment-fails"}, s)
		if strings.Contains(errOut.String(), "Continue where you stopped?") {
			t.Errorf("a pipe was asked:\n%s", errOut)
		}
	})
}

func TestLineModeBackOffersTheEarlierAnswer(t *testing.T) {
	s, _, errOut := testStreams("\nOld Shop\nback\n\n")
	run([]string{"run", "payment-fails", "--no-save"}, s)
	out := errOut.String()
	i := strings.Index(out, "You answered Old Shop before: an empty line keeps it.")
	if i < 0 {
		t.Fatalf("back did not offer the earlier answer:\n%s", out)
	}
	if !strings.Contains(out[i:], "Is your internet working?") {
		t.Errorf("an empty line should keep the answer and go on to the internet question:\n%s", out[i:])
	}
}
