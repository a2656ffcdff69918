package main

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"
)

// The full-screen UI in a real terminal (tmux), stopped and suspended the ways a shell user does:
// SIGQUIT and SIGINT from outside, ctrl+z and fg, SIGTSTP and SIGCONT from outside.

// launchJob runs the binary with args as one job of the pane's shell. The job writes the exit
// status itself when the program really ends: a line like "unstuck; echo $? > rc" would write 148
// as soon as the program is suspended, since the shell then goes on with the line.
func (s *tmuxSession) launchJob(bin string, args ...string) {
	s.t.Helper()
	job := filepath.Join(s.dir, "job.sh")
	body := "#!/bin/sh\nsh -c 'echo $$ > pid; exec \"$0\" \"$@\"' \"$@\" > stdout\necho $? > rc\n"
	if err := os.WriteFile(job, []byte(body), 0o755); err != nil {
		s.t.Fatal(err)
	}
	os.Remove(filepath.Join(s.dir, "rc"))
	os.Remove(filepath.Join(s.dir, "pid"))
	s.line(fmt.Sprintf("cd '%s' && ./job.sh '%s' %s", s.dir, bin, strings.Join(args, " ")))
}

// modesUntil polls the terminal's modes until they contain want; bounded.
func (s *tmuxSession) modesUntil(want string) {
	s.t.Helper()
	deadline := time.Now().Add(15 * time.Second)
	for !strings.Contains(s.modes(), want) {
		if time.Now().After(deadline) {
			s.t.Fatalf("the terminal's modes never had %s: %s; the screen shows:\n%s", want, s.modes(), s.screen())
		}
		time.Sleep(20 * time.Millisecond)
	}
}

// partialStore is part of a store's name, typed at the store question. It is in none of the
// question's own words (its placeholder is "e.g. Example Shoes"): seen on the screen, the program
// has read it.
const partialStore = "Shoe Sha"

// toStore starts the payment flow's store question and types part of an answer. It returns once
// the program has drawn what was typed: a signal sent earlier could end the program with the keys
// still unread in the terminal, and the shell would read them as a command.
func toStore(s *tmuxSession) {
	s.must("Let's find out what's wrong")
	s.keys("Enter")
	s.must("Which store or website")
	s.typedAndShown(partialStore)
}

// typedAndShown types text and waits until the screen shows it. Text the screen shows already
// would prove nothing about the keys, so that fails the test.
func (s *tmuxSession) typedAndShown(text string) {
	s.t.Helper()
	if strings.Contains(s.screen(), text) {
		s.t.Fatalf("the screen shows %q before it is typed; waiting for it would not wait for the keys:\n%s", text, s.screen())
	}
	s.literal(text)
	s.must(text)
}

// goesOn finishes the store answer and reaches the next question: the UI reads keys again.
func goesOn(t *testing.T, s *tmuxSession) {
	t.Helper()
	s.literal("ck")
	s.keys("Enter")
	if !s.fastWait("Is your internet working?", 15*time.Second) {
		t.Fatalf("after coming back the UI does not answer keys; the screen shows:\n%s", s.screen())
	}
}

func TestFullScreenSignalsInTmux(t *testing.T) {
	if testing.Short() {
		t.Skip("builds the binary and drives it in tmux")
	}
	t.Parallel() // its own tmux server (socket) and folders
	bin := buildBinary(t)

	for _, tc := range stopSignalCases {
		if tc.sig != syscall.SIGQUIT && tc.sig != syscall.SIGINT {
			continue // SIGTERM and SIGHUP: TestHostileTerminal
		}
		t.Run(fmt.Sprintf("%s from outside exits %d, prints no goroutine dump and gives the terminal back", tc.name, tc.code), func(t *testing.T) {
			s := startShell(t, "")
			before := s.modes()
			s.launchJob(bin, "run", "payment-fails")
			toStore(s)
			if err := syscall.Kill(s.pid(), tc.sig); err != nil {
				t.Fatal(err)
			}
			rc, ok := s.rcWithin(10 * time.Second)
			if !ok {
				t.Fatalf("after %s the program still runs 10s later; the screen shows:\n%s", tc.name, s.screen())
			}
			if rc != fmt.Sprint(tc.code) {
				t.Errorf("exit status %s, want %d", rc, tc.code)
			}
			assertGivenBack(t, s, before, "Which store or website")
			if screen := s.screen(); strings.Contains(screen, "goroutine ") || strings.Contains(screen, "SIGQUIT: quit") {
				t.Errorf("a goroutine dump reached the terminal:\n%s", screen)
			}
			assertNoSummary(t, s)
		})
	}

	t.Run("ctrl+z suspends to the shell, and fg brings back the same screen, still working", func(t *testing.T) {
		s := startShell(t, "")
		before := s.modes()
		s.launchJob(bin, "run", "payment-fails")
		toStore(s)
		s.modesUntil("alternate=1")
		s.keys("C-z")
		if !s.fastWait("Stopped", 15*time.Second) {
			t.Fatalf("ctrl+z did not suspend the program to the shell; the screen shows:\n%s", s.screen())
		}
		s.modesUntil("alternate=0")
		assertGivenBack(t, s, before, "Which store or website")
		s.line("fg")
		s.must("Which store or website")
		s.must(partialStore) // the same screen, the typed text kept
		s.modesUntil("alternate=1")
		goesOn(t, s)
		s.keys("C-c")
		if rc, ok := s.rcWithin(10 * time.Second); !ok || rc != "130" {
			t.Errorf("ctrl+c after fg: exit status %q (ended: %v), want 130", rc, ok)
		}
		assertGivenBack(t, s, before, "Is your internet working?")
	})

	t.Run("SIGTSTP from outside suspends to the shell the same way, and after SIGCONT and fg the screen is drawn again", func(t *testing.T) {
		s := startShell(t, "")
		before := s.modes()
		s.launchJob(bin, "run", "payment-fails")
		toStore(s)
		s.modesUntil("alternate=1")
		pid := s.pid()
		if err := syscall.Kill(pid, syscall.SIGTSTP); err != nil {
			t.Fatal(err)
		}
		if !s.fastWait("Stopped", 15*time.Second) {
			t.Fatalf("SIGTSTP did not suspend the program to the shell; the screen shows:\n%s", s.screen())
		}
		s.modesUntil("alternate=0")
		assertGivenBack(t, s, before, "Which store or website")
		// Continued in the background, as kill -CONT does, it waits to be in the foreground again
		// before it takes the terminal; fg brings it there.
		if err := syscall.Kill(pid, syscall.SIGCONT); err != nil {
			t.Fatal(err)
		}
		s.line("fg")
		s.must("Which store or website")
		s.must(partialStore)
		s.modesUntil("alternate=1")
		goesOn(t, s)
		s.keys("C-c")
		if rc, ok := s.rcWithin(10 * time.Second); !ok || rc != "130" {
			t.Errorf("ctrl+c after fg: exit status %q (ended: %v), want 130", rc, ok)
		}
		assertGivenBack(t, s, before, "Is your internet working?")
	})

	t.Run("SIGTERM and SIGCONT to a suspended UI, as bash's kill %1 sends them, end it with 143", func(t *testing.T) {
		s := startShell(t, "")
		before := s.modes()
		s.launchJob(bin, "run", "payment-fails")
		toStore(s)
		s.keys("C-z")
		s.must("Stopped")
		s.modesUntil("alternate=0")
		pid := s.pid()
		// SIGTERM to the program (its wrapper would die of it), then SIGCONT to the whole job.
		pgid, err := syscall.Getpgid(pid)
		if err != nil {
			t.Fatal(err)
		}
		if err := syscall.Kill(pid, syscall.SIGTERM); err != nil {
			t.Fatal(err)
		}
		if err := syscall.Kill(-pgid, syscall.SIGCONT); err != nil {
			t.Fatal(err)
		}
		rc, ok := s.rcWithin(10 * time.Second)
		if !ok {
			t.Fatalf("a suspended UI sent SIGTERM and SIGCONT still runs 10s later (stopped again, waiting for fg); the screen shows:\n%s", s.screen())
		}
		if rc != "143" {
			t.Errorf("exit status %s, want 143", rc)
		}
		assertGivenBack(t, s, before, "Which store or website")
	})

	t.Run("with no shell that could continue it, ctrl+z and SIGTSTP are ignored and the UI goes on", func(t *testing.T) {
		// The pane runs the program without a job-control shell: stopped, it would freeze the pane.
		s := startTmux(t, `sh -c 'echo $$ > pid; exec "$0" run payment-fails' `+bin)
		toStore(s)
		s.keys("C-z")
		pid := s.pid()
		if err := syscall.Kill(pid, syscall.SIGTSTP); err != nil {
			t.Fatal(err)
		}
		goesOn(t, s)
		s.keys("C-c")
		if rc := s.exitCode(); rc != "130" {
			t.Errorf("exit status %s, want 130", rc)
		}
	})
}
