package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// A short flow in plain words, to walk to its end in a few keys.
const shortFlow = `flow: short
title: A short walk
start: pick
nodes:
  pick:
    kind: choice
    title: Pick one
    text: Which one is it?
    label: Picked
    options:
      - { label: The first, value: first, goto: done }
      - { label: The second, value: second, goto: done }
  done:
    kind: end
    title: All done here
    outcome: contact-support
    summary: The walk reached its end.
    advice:
      - Paste the summary below into the chat.
`

func TestTheScreenIsDrawnOnTheTerminalWhenStderrIsRedirected(t *testing.T) {
	if testing.Short() {
		t.Skip("builds the binary and drives it in tmux")
	}
	t.Parallel() // its own tmux server (socket) and folders
	bin := buildBinary(t)

	t.Run("unstuck run FLOW 2>log draws the walk on the terminal and prints the summary on stdout", func(t *testing.T) {
		s := startShell(t, "")
		if err := os.WriteFile(filepath.Join(s.dir, "short.yaml"), []byte(shortFlow), 0o644); err != nil {
			t.Fatal(err)
		}
		s.launch(bin + " run short.yaml 2>err.log")
		s.must("Which one is it?")
		s.must("1. The first")
		s.keys("1")
		s.must("All done here")
		s.keys("q")
		if rc, ok := s.rcWithin(15 * time.Second); !ok || rc != "0" {
			t.Fatalf("exit status %q (ended: %v); the screen shows:\n%s", rc, ok, s.screen())
		}
		out, _ := os.ReadFile(filepath.Join(s.dir, "stdout"))
		if !strings.Contains(string(out), "A short walk") || !strings.Contains(string(out), "The first") {
			t.Errorf("the summary is not on stdout:\n%s", out)
		}
		log, _ := os.ReadFile(filepath.Join(s.dir, "err.log"))
		if strings.Contains(string(log), "Which one is it?") {
			t.Errorf("the walk went to the redirected stderr:\n%s", log)
		}
	})

	t.Run("unstuck 2>log shows the menu instead of refusing to start", func(t *testing.T) {
		s := startShell(t, "")
		s.launch(bin + " 2>err.log")
		s.must("What do you need help with?")
		s.keys("q")
		if rc, ok := s.rcWithin(15 * time.Second); !ok || rc != "0" {
			log, _ := os.ReadFile(filepath.Join(s.dir, "err.log"))
			t.Fatalf("exit status %q (ended: %v); stderr:\n%s\nthe screen shows:\n%s", rc, ok, log, s.screen())
		}
	})
}
