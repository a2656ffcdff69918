package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"strings"
	"syscall"
	"testing"
	"time"
	"unsafe"
)

// The built binary without a terminal (line mode, --answers, check connectivity, resume), stopped
// by each signal while it waits: it must end at once with 128 + the signal's number, print no
// goroutine dump, and keep the progress saved.

// stopSignalCases are the signals that end a run, with the status each must give.
var stopSignalCases = []struct {
	name string
	sig  syscall.Signal
	code int
}{
	{"SIGINT", syscall.SIGINT, 130},
	{"SIGTERM", syscall.SIGTERM, 143},
	{"SIGHUP", syscall.SIGHUP, 129},
	{"SIGQUIT", syscall.SIGQUIT, 131},
}

// piped is the binary running with its stdin on a pipe that stays open (nobody types) and its
// output collected.
type piped struct {
	cmd    *exec.Cmd
	stdin  *os.File // the pipe's writing end
	stdout *watchWriter
	stderr *watchWriter
	exited chan struct{}
}

func startPiped(t *testing.T, bin, stateHome string, args ...string) *piped {
	t.Helper()
	r, w, err := os.Pipe()
	if err != nil {
		t.Fatal(err)
	}
	p := &piped{cmd: exec.Command(bin, args...), stdin: w, stdout: &watchWriter{}, stderr: &watchWriter{}, exited: make(chan struct{})}
	p.cmd.Stdin, p.cmd.Stdout, p.cmd.Stderr = r, p.stdout, p.stderr
	p.cmd.Env = append(os.Environ(), "XDG_STATE_HOME="+stateHome, "LANG=C.UTF-8", "LC_ALL=", "LC_MESSAGES=", "TERM=dumb",
		"HTTPS_PROXY=", "https_proxy=", "HTTP_PROXY=", "http_proxy=", "ALL_PROXY=", "all_proxy=", "NO_PROXY=", "no_proxy=")
	if err := p.cmd.Start(); err != nil {
		t.Fatal(err)
	}
	r.Close()
	go func() { p.cmd.Wait(); close(p.exited) }()
	t.Cleanup(func() {
		w.Close()
		p.cmd.Process.Kill()
		<-p.exited
	})
	return p
}

func (p *piped) waitFor(t *testing.T, text string) {
	t.Helper()
	waitUntil(t, fmt.Sprintf("%q on stderr", text), func() bool { return strings.Contains(p.stderr.String(), text) })
}

func (p *piped) answer(t *testing.T, lines ...string) {
	t.Helper()
	for _, l := range lines {
		if _, err := p.stdin.WriteString(l + "\n"); err != nil {
			t.Fatal(err)
		}
	}
}

// stoppedBy sends sig and returns the exit status; a program still running 10s later fails the
// test (killed): it hangs. Bounded, not timed: the status is what is checked.
func (p *piped) stoppedBy(t *testing.T, sig syscall.Signal) int {
	t.Helper()
	if err := p.cmd.Process.Signal(sig); err != nil {
		t.Fatal(err)
	}
	select {
	case <-p.exited:
		return p.cmd.ProcessState.ExitCode()
	case <-time.After(10 * time.Second):
		p.cmd.Process.Kill()
		<-p.exited
		t.Fatalf("after %v the program still ran 10s later (it hangs; killed); stderr:\n%s", sig, p.stderr.String())
		return 0
	}
}

// assertNoDump checks that no goroutine dump (Go's answer to an unhandled SIGQUIT) was printed.
func assertNoDump(t *testing.T, stderr string) {
	t.Helper()
	for _, sign := range []string{"goroutine ", "SIGQUIT: quit", "runtime.", ".go:"} {
		if strings.Contains(stderr, sign) {
			t.Errorf("stderr holds a goroutine dump (%q), which could hold answers:\n%s", sign, stderr)
			return
		}
	}
}

func TestStopSignalsWithoutATerminal(t *testing.T) {
	if testing.Short() {
		t.Skip("builds the binary")
	}
	t.Parallel() // its own tmux server (socket) and folders
	bin := buildBinary(t)

	for _, tc := range stopSignalCases {
		t.Run(fmt.Sprintf("line mode waiting for an answer ends at %s with status %d and keeps the progress", tc.name, tc.code), func(t *testing.T) {
			t.Parallel()
			state := t.TempDir()
			p := startPiped(t, bin, state, "run", "payment-fails")
			p.waitFor(t, "Step 1.")
			p.answer(t, "", "Example Shoes")
			p.waitFor(t, "Is your internet working?")
			waitUntil(t, "the store answer to be saved", func() bool {
				snap, err := readSession(state)
				return err == nil && snap.Steps[len(snap.Steps)-1].Node == "connection-check"
			})
			if got := p.stoppedBy(t, tc.sig); got != tc.code {
				t.Errorf("exit status %d, want %d; stderr:\n%s", got, tc.code, p.stderr.String())
			}
			assertNoDump(t, p.stderr.String())
			if out := p.stdout.String(); out != "" {
				t.Errorf("an interrupted run printed on stdout:\n%s", out)
			}
			snap, err := readSession(state)
			if err != nil {
				t.Fatalf("no saved session after %v: %v", tc.sig, err)
			}
			if at := snap.Steps[len(snap.Steps)-1].Node; at != "connection-check" {
				t.Errorf("the saved session stands at %s, want connection-check (the check after the store, run again on resume)", at)
			}
		})
	}

	// A site that takes connections and never answers: a check of it waits until stopped.
	silent := newLoopbackSite(t, func(net.Conn) {})
	site := silent.ln.Addr().String()
	connections := func() int {
		silent.mu.Lock()
		defer silent.mu.Unlock()
		return len(silent.open)
	}

	t.Run("--answers with a check waiting on a silent site ends at SIGTERM with 143", func(t *testing.T) {
		dir := t.TempDir()
		answers := filepath.Join(dir, "case.yaml")
		body := fmt.Sprintf("now: 2026-06-15\nanswers: { store: %q, probe-store: \"yes\", amount: \"40\", error-seen: \"\", order-number: \"\" }\n", site)
		if err := os.WriteFile(answers, []byte(body), 0o600); err != nil {
			t.Fatal(err)
		}
		before := connections()
		p := startPiped(t, bin, dir, "run", "payment-fails", "--answers", answers, "--no-save")
		waitUntil(t, "the check to reach the site", func() bool { return connections() > before })
		if got := p.stoppedBy(t, syscall.SIGTERM); got != 143 {
			t.Errorf("exit status %d, want 143; stdout:\n%s\nstderr:\n%s", got, p.stdout.String(), p.stderr.String())
		}
		if out := p.stdout.String(); out != "" {
			t.Errorf("a run stopped mid-check printed a summary:\n%s", out)
		}
	})

	for _, tc := range stopSignalCases[:2] {
		t.Run(fmt.Sprintf("check connectivity waiting on a silent site ends at %s with %d", tc.name, tc.code), func(t *testing.T) {
			before := connections()
			p := startPiped(t, bin, t.TempDir(), "check", "connectivity", "--url", "https://"+site, "--timeout", "60s")
			waitUntil(t, "the check to reach the site", func() bool { return connections() > before })
			if got := p.stoppedBy(t, tc.sig); got != tc.code {
				t.Errorf("exit status %d, want %d; stderr:\n%s", got, tc.code, p.stderr.String())
			}
		})
	}

	t.Run("resume in line mode ends at SIGHUP with 129 and keeps the session", func(t *testing.T) {
		state := t.TempDir()
		first := startPiped(t, bin, state, "run", "payment-fails")
		first.waitFor(t, "Step 1.")
		first.answer(t, "", "Example Shoes")
		first.waitFor(t, "Is your internet working?")
		waitUntil(t, "the store answer to be saved", func() bool {
			snap, err := readSession(state)
			return err == nil && snap.Steps[len(snap.Steps)-1].Node == "connection-check"
		})
		first.stoppedBy(t, syscall.SIGTERM)

		p := startPiped(t, bin, state, "resume")
		p.waitFor(t, "Is your internet working?")
		if got := p.stoppedBy(t, syscall.SIGHUP); got != 129 {
			t.Errorf("exit status %d, want 129; stderr:\n%s", got, p.stderr.String())
		}
		if _, err := readSession(state); err != nil {
			t.Errorf("the session is gone after an interrupted resume: %v", err)
		}
	})
}

func TestCheckCardAnswersItsContext(t *testing.T) {
	// A pipe nobody writes to: the read of the number never returns.
	in, w := io.Pipe()
	defer w.Close()
	s, out, _ := testStreams("")
	s.In = in
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	go func() { done <- runCheckCard(ctx, s, &checkCardOptions{now: time.Now}) }()
	cancel()
	select {
	case err := <-done:
		var ee *exitError
		if !errors.As(err, &ee) || ee.code != exitInterrupted {
			t.Errorf("runCheckCard returned %v, want exit %d", err, exitInterrupted)
		}
		if out.Len() != 0 {
			t.Errorf("an interrupted check printed a report:\n%s", out)
		}
	case <-time.After(10 * time.Second):
		t.Fatal("check card still waits for a number 10s after its context ended")
	}
}

func TestStopSignalEndsAStuckWrite(t *testing.T) {
	if testing.Short() {
		t.Skip("builds the binary")
	}
	if runtime.GOOS != "linux" {
		t.Skip("reads how full a pipe is with Linux's ioctl")
	}
	t.Parallel() // its own process and pipes; it waits out the signal's grace
	bin := buildBinary(t)
	// Line mode prints each step's help on "?"; with stderr on a pipe nobody reads, the pipe fills
	// and the program waits in a write that no context can stop.
	errR, errW, err := os.Pipe()
	if err != nil {
		t.Fatal(err)
	}
	defer errR.Close()
	inR, inW, err := os.Pipe()
	if err != nil {
		t.Fatal(err)
	}
	cmd := exec.Command(bin, "run", "payment-fails", "--no-save")
	cmd.Stdin, cmd.Stderr = inR, errW
	cmd.Env = append(os.Environ(), "TERM=dumb", "LANG=C.UTF-8")
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	inR.Close()
	errW.Close()
	exited := make(chan struct{})
	go func() { cmd.Wait(); close(exited) }()
	defer func() { cmd.Process.Kill(); <-exited }()
	go func() {
		defer inW.Close()
		help := []byte(strings.Repeat("?\n", 1024))
		for {
			if _, err := inW.Write(help); err != nil {
				return // the program ended
			}
		}
	}()
	capacity, _, errno := syscall.Syscall(syscall.SYS_FCNTL, errR.Fd(), 1032 /* F_GETPIPE_SZ */, 0)
	if errno != 0 {
		t.Fatalf("F_GETPIPE_SZ: %v", errno)
	}
	waitUntil(t, "stderr's pipe to be full", func() bool {
		var unread int32
		_, _, errno := syscall.Syscall(syscall.SYS_IOCTL, errR.Fd(), syscall.TIOCINQ, uintptr(unsafe.Pointer(&unread)))
		// Past 15 of its 16 pages, every page is in use: the next write that does not fit waits.
		return errno == 0 && uintptr(unread) > capacity-capacity/16
	})
	cmd.Process.Signal(syscall.SIGTERM)
	select {
	case <-exited:
		if code := cmd.ProcessState.ExitCode(); code != 143 {
			t.Errorf("exit status %d, want 143", code)
		}
	case <-time.After(10 * time.Second):
		t.Fatal("a program stuck writing to a full pipe still ran 10s after SIGTERM")
	}
}
