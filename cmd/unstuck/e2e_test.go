package main

import (
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync/atomic"
	"testing"
	"time"
)

// These tests run the built binary in a real terminal (tmux), type as a person would and read the
// screen. In CI tmux must be there: a missing tmux fails the test instead of skipping it.

type tmuxSession struct {
	t      *testing.T
	socket string
	dir    string
}

func buildBinary(t testing.TB) string {
	t.Helper()
	return buildPackage(t, ".", "unstuck")
}

// buildPackage builds a command of this module into a temporary folder.
func buildPackage(t testing.TB, pkg, name string) string {
	t.Helper()
	return buildShared(t, pkg, name) // once per test process
}

// tmuxSockets numbers the tmux servers of this test process: each test that runs side by side with
// others has a server (socket) of its own.
var tmuxSockets atomic.Int64

// tmuxSocket names a tmux server no other test of any test process uses.
func tmuxSocket(kind string) string {
	return fmt.Sprintf("unstuck-%s-%d-%d", kind, os.Getpid(), tmuxSockets.Add(1))
}

func startTmux(t *testing.T, command string) *tmuxSession {
	t.Helper()
	requireTmux(t)
	dir := t.TempDir()
	s := &tmuxSession{t: t, socket: tmuxSocket("e2e"), dir: dir}
	script := filepath.Join(dir, "run.sh")
	body := fmt.Sprintf("#!/bin/sh\ncd %q\n%s > %q 2>/dev/tty\necho $? > %q\nsleep 60\n", dir, command, filepath.Join(dir, "stdout"), filepath.Join(dir, "rc"))
	if err := os.WriteFile(script, []byte(body), 0o755); err != nil {
		t.Fatal(err)
	}
	// A state folder of its own, so saved sessions of other runs never show in the menu; config and
	// data folders of its own, so the developer's config and flows never reach the test.
	s.tmux("-f", "/dev/null", "new-session", "-d", "-s", "e2e", "-x", "80", "-y", "24", "env", "TERM=xterm-256color", "LANG=C.UTF-8",
		"XDG_STATE_HOME="+filepath.Join(dir, "state"), "XDG_CONFIG_HOME="+filepath.Join(dir, "config"), "XDG_DATA_HOME="+filepath.Join(dir, "data"),
		"XDG_DATA_DIRS="+filepath.Join(dir, "system"), "UNSTUCK_FLOWS=", script)
	t.Cleanup(func() { exec.Command("tmux", "-L", s.socket, "kill-server").Run() })
	return s
}

func (s *tmuxSession) tmux(args ...string) string {
	s.t.Helper()
	out, err := exec.Command("tmux", append([]string{"-L", s.socket}, args...)...).CombinedOutput()
	if err != nil {
		s.t.Fatalf("tmux %v: %v\n%s", args, err, out)
	}
	return string(out)
}

func (s *tmuxSession) screen() string { return s.tmux("capture-pane", "-p", "-t", "e2e") }

// waitFor polls the screen until it shows text; bounded, so a hang fails instead of blocking.
func (s *tmuxSession) waitFor(text string) {
	s.t.Helper()
	deadline := time.Now().Add(15 * time.Second)
	for time.Now().Before(deadline) {
		if strings.Contains(s.screen(), text) {
			return
		}
		time.Sleep(50 * time.Millisecond)
	}
	s.t.Fatalf("the screen never showed %q; it shows:\n%s", text, s.screen())
}

func (s *tmuxSession) keys(keys ...string) {
	s.t.Helper()
	for _, k := range keys {
		s.tmux("send-keys", "-t", "e2e", k)
	}
}

func (s *tmuxSession) literal(text string) {
	s.t.Helper()
	s.tmux("send-keys", "-t", "e2e", "-l", text)
}

// exitCode waits for the program to end and returns its exit status.
func (s *tmuxSession) exitCode() string {
	s.t.Helper()
	deadline := time.Now().Add(15 * time.Second)
	for time.Now().Before(deadline) {
		if b, err := os.ReadFile(filepath.Join(s.dir, "rc")); err == nil && len(b) > 0 {
			return strings.TrimSpace(string(b))
		}
		time.Sleep(50 * time.Millisecond)
	}
	s.t.Fatalf("the program did not exit; the screen shows:\n%s", s.screen())
	return ""
}

func TestEndToEndInTmux(t *testing.T) {
	if testing.Short() {
		t.Skip("builds the binary and drives it in tmux")
	}
	t.Parallel() // its own tmux server (socket) and folders
	bin := buildBinary(t)

	t.Run("a shopper walks the payment flow by keys and gets the summary on stdout", func(t *testing.T) {
		s := startTmux(t, bin)
		s.waitFor("What do you need help with?")
		s.keys("Enter")
		s.waitFor("Let's find out what's wrong")
		s.keys("Enter")
		s.waitFor("Which store or website")
		s.literal("Example Shoes")
		s.keys("Enter")
		s.waitFor("Is your internet working?")
		s.keys("Down", "Up", "Enter")
		s.waitFor("check it for typos?")
		s.keys("1")
		s.waitFor("Type the number of the card")
		s.literal("4111111111111111")
		s.waitFor("•••• •••• •••• 1111") // grouped while typed, only the last four shown
		s.keys("Enter")
		s.waitFor("expiry date")
		s.literal("12/30")
		s.keys("Enter")
		s.waitFor("The card number looks right: Visa ending 1111.")
		s.keys("3")
		s.waitFor("spending limit")
		s.keys("1")
		s.waitFor("How much was the purchase?")
		s.literal("120.50")
		s.keys("Enter")
		s.waitFor("right now?")
		s.literal("500")
		s.keys("Enter")
		s.waitFor("single purchase")
		s.keys("Enter") // none
		s.waitFor("Is there an overdue payment")
		s.keys("2")
		s.waitFor("payment options?")
		s.keys("1")
		s.waitFor("How did it go?")
		s.keys("2")
		s.waitFor("stopped for your safety?")
		s.keys("2")
		s.waitFor("Did you see an error message?")
		s.literal("Payment declined")
		s.keys("Enter")
		s.waitFor("order or reference number")
		s.keys("Enter")
		s.waitFor("How to reach") // the shared support part, before the end
		s.keys("Enter")
		s.waitFor("Time to contact support")
		s.waitFor("Summary for support")
		if strings.Contains(s.screen(), "4111 1111 1111 1111") || strings.Contains(s.screen(), "4111111111111111") {
			t.Errorf("the end screen shows the full card number")
		}
		s.keys("q")
		if rc := s.exitCode(); rc != "0" {
			t.Fatalf("exit status %s", rc)
		}
		out, err := os.ReadFile(filepath.Join(s.dir, "stdout"))
		if err != nil {
			t.Fatal(err)
		}
		summary := string(out)
		for _, want := range []string{"Support summary from unstuck", "Result: Card, limits and account look fine", "Card: Visa ending 1111", "Store: Example Shoes", "Amount: 120.50", "Error message shown: Payment declined"} {
			if !strings.Contains(summary, want) {
				t.Errorf("the summary lacks %q:\n%s", want, summary)
			}
		}
		for _, leak := range []string{"4111111111111111", "4111 1111 1111 1111", "411111", "12/30"} {
			if strings.Contains(summary, leak) {
				t.Errorf("the summary contains %q:\n%s", leak, summary)
			}
		}
	})

	t.Run("ctrl+c quits with status 130 and restores the terminal", func(t *testing.T) {
		s := startTmux(t, bin+" run payment-fails")
		s.waitFor("Let's find out what's wrong")
		s.keys("Enter")
		s.waitFor("Which store or website")
		s.literal("Sho")
		s.keys("C-c")
		if rc := s.exitCode(); rc != "130" {
			t.Fatalf("exit status %s, want 130", rc)
		}
		// The alt screen is left: the flow's text is gone from the pane (polled: tmux may redraw late).
		for deadline := time.Now().Add(5 * time.Second); strings.Contains(s.screen(), "Which store or website") && time.Now().Before(deadline); {
			time.Sleep(20 * time.Millisecond)
		}
		if strings.Contains(s.screen(), "Which store or website") {
			t.Errorf("the alt screen was not left:\n%s", s.screen())
		}
		out, _ := os.ReadFile(filepath.Join(s.dir, "stdout"))
		if len(out) != 0 {
			t.Errorf("an interrupted run printed a summary:\n%s", out)
		}
	})
}

// requireTmux skips a test that needs tmux when it is missing, except in CI, where it fails: a CI
// run that skipped the end-to-end tests would look green without having run them.
func requireTmux(t testing.TB) {
	t.Helper()
	if _, err := exec.LookPath("tmux"); err != nil {
		if os.Getenv("CI") != "" {
			t.Fatal("tmux is not installed, and CI needs it for the end-to-end tests")
		}
		t.Skip("tmux is not installed")
	}
}
