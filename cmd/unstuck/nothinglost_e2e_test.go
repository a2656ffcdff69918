package main

import (
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// Nothing lost, in a real terminal: r and q mid-walk ask first, quitting says how to continue once
// the screen is given back, running the flow again offers to continue, and esc shows the answer
// given before. One pane is driven through it all, step after step (its helpers fail this test).
func TestNothingLostInTmux(t *testing.T) {
	if testing.Short() {
		t.Skip("builds the binary and drives it in tmux")
	}
	t.Parallel() // its own tmux server (socket) and folders
	bin := buildBinary(t)
	s := startShell(t, filepath.Join(t.TempDir(), "state"))
	s.launch(bin + " run payment-fails")
	for _, step := range paymentSteps[:2] { // welcome, store
		s.must(step.shows)
		step.answer(s)
	}
	s.must("Is your internet working?")

	// esc goes back with the earlier answer in the field.
	{
		s.keys("Escape")
		s.must("Which store or website")
		s.must("› Example Shoes")
		s.keys("Enter")
		s.must("Is your internet working?")
	}
	s.keys("1") // yes
	s.must("check it for typos?")

	// r mid-walk asks first, and n keeps the walk.
	{
		s.keys("r")
		s.must("Start again? Your answers so far will be cleared. y/n")
		s.keys("n")
		waitUntil(t, "the question to close", func() bool { return !strings.Contains(s.screen(), "Start again?") })
		s.must("check it for typos?")
	}
	// q mid-walk asks first; y quits with 130 and says how to continue.
	{
		s.keys("q")
		s.must("Quit now? You can continue later with unstuck resume. y/n")
		s.keys("y")
		rc, ok := s.rcWithin(10 * time.Second)
		if !ok || rc != "130" {
			t.Fatalf("exit status %q (ended: %v), want 130; the screen shows:\n%s", rc, ok, s.screen())
		}
		s.must("To continue later, run: unstuck resume")
	}
	// running the flow again offers to continue, and 1 continues where it stopped.
	{
		s.launch(bin + " run payment-fails")
		s.must("You started this before. Continue where you stopped?")
		s.must("Start over")
		s.keys("1")
		s.must("check it for typos?")
		s.must("step 4")
		s.keys("C-c")
		if rc, ok := s.rcWithin(10 * time.Second); !ok || rc != "130" {
			t.Fatalf("ctrl+c: exit status %q (ended: %v), want 130", rc, ok)
		}
	}
	// start over begins at the first step.
	{
		s.launch(bin + " run payment-fails")
		s.must("You started this before. Continue where you stopped?")
		s.keys("2")
		s.must("Let's find out what's wrong")
		s.keys("C-c")
		if rc, ok := s.rcWithin(10 * time.Second); !ok || rc != "130" {
			t.Fatalf("ctrl+c: exit status %q (ended: %v), want 130", rc, ok)
		}
	}
}
