package main

import (
	"bytes"
	"context"
	"errors"
	"io"
	"net"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"
)

// Hostile and broken conditions without a terminal: stdout closed early, places that cannot be
// written, the network going away during a check, and escape sequences in flow files and answers.

// hostileAnswers is a walk of payment-fails to "Time to contact support" with pretended network checks.
var hostileAnswers = map[string]any{
	"now": "2026-06-15",
	"answers": map[string]string{
		"store": "Example Shoes", "amount": "120.50", "error-seen": "Payment declined", "order-number": "",
		"internet": "yes", "card-ask": "no", "details": "all-match", "limits": "no", "account": "clear", "store-accepts": "yes",
		"glitch": "still-failing", "fraud": "no",
	},
	"checks": map[string]string{"connection-check": "skipped"},
}

// hostileLines answers the line runner the same way, one answer a line.
// welcome, store, internet, card-ask, details, limits, account, store-accepts, glitch, fraud, error-seen,
// order-number, and enter at how to reach support (the contact-support part).
var hostileLines = strings.Join([]string{"", "Example Shoes", "1", "2", "3", "2", "2", "1", "2", "2", "Payment declined", "", ""}, "\n") + "\n"

func assertNoPanic(t *testing.T, stderr string) {
	t.Helper()
	if strings.Contains(stderr, "panic") || strings.Contains(stderr, "goroutine ") {
		t.Errorf("stderr holds a Go panic or trace:\n%s", stderr)
	}
}

// exitOf says how a process ended: its exit status, or 128+signal as a shell would say it.
func exitOf(err error) int {
	var ee *exec.ExitError
	if err == nil {
		return 0
	}
	if errors.As(err, &ee) {
		if ws, ok := ee.Sys().(syscall.WaitStatus); ok && ws.Signaled() {
			return 128 + int(ws.Signal())
		}
		return ee.ExitCode()
	}
	return -1
}

func TestHostileOutput(t *testing.T) {
	if testing.Short() {
		t.Skip("builds the binary")
	}
	bin := buildBinary(t)
	answers := filepath.Join(t.TempDir(), "answers.yaml")
	writeAnswers(t, answers, hostileAnswers)
	env := append(os.Environ(), "XDG_STATE_HOME="+t.TempDir(), "LANG=C.UTF-8")

	for _, args := range [][]string{{"run", "payment-fails", "--answers", answers}, {"list"}} {
		name := "unstuck " + strings.Join(args[:min(2, len(args))], " ")
		t.Run(name+" | head -1 ends cleanly: status 0 or SIGPIPE, no panic", func(t *testing.T) {
			dir := t.TempDir()
			script := `{ "$0" "$@"; echo $? > "$STATUS"; } 2>"$ERR" | head -1`
			ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
			defer cancel()
			cmd := exec.CommandContext(ctx, "sh", append([]string{"-c", script, bin}, args...)...)
			cmd.Env = append(env, "STATUS="+filepath.Join(dir, "status"), "ERR="+filepath.Join(dir, "stderr"))
			out, err := cmd.Output()
			if ctx.Err() != nil {
				t.Fatalf("the pipeline did not end within 30s (a hang)")
			}
			if err != nil {
				t.Fatalf("the pipeline failed: %v", err)
			}
			status, _ := os.ReadFile(filepath.Join(dir, "status"))
			stderr, _ := os.ReadFile(filepath.Join(dir, "stderr"))
			if s := strings.TrimSpace(string(status)); s != "0" && s != "141" {
				t.Errorf("unstuck's exit status is %q, want 0 or 141 (SIGPIPE); stderr:\n%s", s, stderr)
			}
			assertNoPanic(t, string(stderr))
			if strings.Count(string(out), "\n") != 1 {
				t.Errorf("head -1 printed %q", out)
			}
		})
		t.Run(name+" with stdout closed before it writes ends cleanly: status 0, 1 or SIGPIPE, no panic", func(t *testing.T) {
			r, w, err := os.Pipe()
			if err != nil {
				t.Fatal(err)
			}
			r.Close() // nobody will ever read: every write is a broken pipe
			ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
			defer cancel()
			cmd := exec.CommandContext(ctx, bin, args...)
			cmd.Env = env
			cmd.Stdout = w
			var stderr bytes.Buffer
			cmd.Stderr = &stderr
			err = cmd.Run()
			w.Close()
			if ctx.Err() != nil {
				t.Fatalf("unstuck did not end within 30s with its stdout closed (a hang)")
			}
			if code := exitOf(err); code != 0 && code != 1 && code != 141 {
				t.Errorf("exit status %d (%v), want 0, 1 (could not print) or 141 (SIGPIPE); stderr:\n%s", code, err, stderr.String())
			}
			assertNoPanic(t, stderr.String())
		})
	}
}

// notWritable returns a directory path that cannot be made or written in, even by root: it lies
// under a regular file.
func notWritable(t *testing.T) string {
	t.Helper()
	file := filepath.Join(t.TempDir(), "file-not-dir")
	if err := os.WriteFile(file, []byte("x"), 0o600); err != nil {
		t.Fatal(err)
	}
	return filepath.Join(file, "sub")
}

// readOnlyDir returns a directory with mode 0500, or skips when permissions do not stop writes (root).
func readOnlyDir(t *testing.T) string {
	t.Helper()
	if os.Geteuid() == 0 {
		t.Skip("running as root, where a read-only mode does not stop writes; the path-under-a-file case covers root")
	}
	dir := filepath.Join(t.TempDir(), "readonly")
	if err := os.Mkdir(dir, 0o500); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { os.Chmod(dir, 0o700) })
	return dir
}

func TestHostileDisk(t *testing.T) {
	answers := filepath.Join(t.TempDir(), "answers.yaml")
	writeAnswers(t, answers, hostileAnswers)

	outCases := []struct {
		name string
		dir  func(t *testing.T) string
	}{
		{"a folder under a file", notWritable},
		{"a read-only folder", readOnlyDir},
	}
	for _, c := range outCases {
		t.Run("--out into "+c.name+" prints the summary anyway, says it could not save, and exits 1", func(t *testing.T) {
			target := filepath.Join(c.dir(t), "x.txt")
			s, stdout, stderr := testStreams("")
			code := run([]string{"run", "payment-fails", "--answers", answers, "--out", target}, s)
			if code != exitProblems {
				t.Errorf("exit status %d, want %d", code, exitProblems)
			}
			if !strings.Contains(stdout.String(), "Support summary from unstuck") || !strings.Contains(stdout.String(), "Result: Card, limits and account look fine") {
				t.Errorf("the summary was not printed on stdout:\n%s", stdout)
			}
			if !strings.Contains(stderr.String(), "could not be saved") || !strings.Contains(stderr.String(), filepath.Dir(target)) {
				t.Errorf("stderr does not say clearly that %s could not be saved:\n%s", target, stderr)
			}
			if strings.Count(stderr.String(), "\n") > 2 {
				t.Errorf("stderr says more than a line or two:\n%s", stderr)
			}
			if _, err := os.Stat(target); err == nil {
				t.Errorf("%s was written after all", target)
			}
		})
	}

	stateCases := []struct {
		name string
		dir  func(t *testing.T) string
	}{
		{"under a file", notWritable},
		{"read-only", readOnlyDir},
	}
	for _, c := range stateCases {
		t.Run("the line runner with a state folder "+c.name+" says once that progress is not saved and still finishes", func(t *testing.T) {
			state := c.dir(t)
			s, stdout, stderr := testStreams(hostileLines)
			s.Env = func(k string) string {
				if k == "XDG_STATE_HOME" {
					return state
				}
				return ""
			}
			code := run([]string{"run", "payment-fails"}, s)
			if code != exitOK {
				t.Errorf("exit status %d, want 0; stderr:\n%s", code, stderr)
			}
			if n := strings.Count(stderr.String(), "progress could not be saved"); n != 1 {
				t.Errorf("the failed save is said %d times, want once:\n%s", n, stderr)
			}
			if !strings.Contains(stdout.String(), "Result: Card, limits and account look fine") {
				t.Errorf("the summary was not printed:\n%s", stdout)
			}
		})
	}

	t.Run("a full disk when saving", func(t *testing.T) {
		// --out writes into a device as it is, so /dev/full stands in for a full disk: see
		// TestOutKeepsModesAndNeverWaits in files_test.go, which reaches it through a link so that
		// a regression could never replace the device node (as root, a rename could).
		t.Skip("covered by TestOutKeepsModesAndNeverWaits")
	})

	t.Run("--out naming a named pipe writes the summary into the pipe instead of replacing it with a file", func(t *testing.T) {
		// What --out /dev/stdout or a process substitution does: the target is not a regular file.
		fifo := filepath.Join(t.TempDir(), "pipe")
		if err := syscall.Mkfifo(fifo, 0o600); err != nil {
			t.Skipf("cannot make a named pipe here: %v", err)
		}
		// The reading end is opened first, without blocking, so a writer never waits for a reader.
		r, err := os.OpenFile(fifo, os.O_RDONLY|syscall.O_NONBLOCK, 0)
		if err != nil {
			t.Fatal(err)
		}
		defer r.Close()
		s, stdout, stderr := testStreams("")
		done := make(chan int, 1)
		go func() { done <- run([]string{"run", "payment-fails", "--answers", answers, "--out", fifo}, s) }()
		var code int
		select {
		case code = <-done:
		case <-time.After(20 * time.Second):
			t.Fatalf("run --out PIPE did not end within 20s")
		}
		if info, err := os.Lstat(fifo); err != nil || info.Mode()&os.ModeNamedPipe == 0 {
			t.Fatalf("the named pipe was replaced by a regular file: --out renamed its temporary file over it (exit %d, stderr %q, err %v)", code, stderr, err)
		}
		r.SetReadDeadline(time.Now().Add(5 * time.Second))
		text, _ := io.ReadAll(r)
		if string(text) != stdout.String() {
			t.Errorf("the pipe got %q, want the summary printed on stdout", text)
		}
	})
}

// blankProxies makes the connectivity check go straight to the loopback servers of the tests. It
// reports whether it had to change the environment: a test that did cannot run in parallel.
func blankProxies(t *testing.T) (changed bool) {
	for _, k := range []string{"HTTPS_PROXY", "https_proxy", "HTTP_PROXY", "http_proxy", "ALL_PROXY", "all_proxy", "NO_PROXY", "no_proxy"} {
		if os.Getenv(k) != "" {
			t.Setenv(k, "")
			changed = true
		}
	}
	return changed
}

// watchWriter collects output and calls on once, the first time the output contains text.
type watchWriter struct {
	mu   sync.Mutex
	buf  bytes.Buffer
	text string
	on   func()
}

func (w *watchWriter) Write(p []byte) (int, error) {
	w.mu.Lock()
	defer w.mu.Unlock()
	n, err := w.buf.Write(p)
	if w.on != nil && strings.Contains(w.buf.String(), w.text) {
		w.on()
		w.on = nil
	}
	return n, err
}

func (w *watchWriter) String() string {
	w.mu.Lock()
	defer w.mu.Unlock()
	return w.buf.String()
}

// loopbackSite is a TCP server on 127.0.0.1 that does what serve says with each connection, and can
// vanish: listener and connections closed.
type loopbackSite struct {
	ln   net.Listener
	mu   sync.Mutex
	open []net.Conn
}

func newLoopbackSite(t *testing.T, serve func(net.Conn)) *loopbackSite {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	site := &loopbackSite{ln: ln}
	go func() {
		for {
			c, err := ln.Accept()
			if err != nil {
				return
			}
			site.mu.Lock()
			site.open = append(site.open, c)
			site.mu.Unlock()
			serve(c)
		}
	}()
	t.Cleanup(site.vanish)
	return site
}

func (s *loopbackSite) vanish() {
	s.ln.Close()
	s.mu.Lock()
	defer s.mu.Unlock()
	for _, c := range s.open {
		c.Close()
	}
	s.open = nil
}

func TestHostileNetwork(t *testing.T) {
	if !blankProxies(t) {
		t.Parallel() // in-process runs against loopback sites of their own; one waits out the check's bound
	}
	cases := []struct {
		name  string
		serve func(net.Conn)
		// vanish after the connection layer passed
		vanish bool
	}{
		{"the site accepts connections and closes them at once", func(c net.Conn) { c.Close() }, false},
		{"the site accepts connections and never answers", func(net.Conn) {}, false},
		{"the site goes away after the connection layer passed", func(net.Conn) {}, true},
	}
	for _, c := range cases {
		t.Run(c.name+": the check reports a problem within its bound and the flow goes on to the end", func(t *testing.T) {
			t.Parallel()
			site := newLoopbackSite(t, c.serve)
			state := t.TempDir()
			// The store's answer is the loopback site's address, so the check probes it (and only it,
			// and port 80 of the same loopback address for a sign-in page).
			input := strings.Join([]string{"", site.ln.Addr().String(), "1",
				"2", "2", "3", "2", "2", "1", "2", "2", "", "", ""}, "\n") + "\n"
			s, stdout, _ := testStreams(input)
			w := &watchWriter{text: "[OK] Connecting"}
			if c.vanish {
				w.on = site.vanish
			}
			s.ErrOut = w
			s.Env = func(k string) string {
				if k == "XDG_STATE_HOME" {
					return state
				}
				return ""
			}
			done := make(chan int, 1)
			go func() { done <- run([]string{"run", "payment-fails"}, s) }()
			var code int
			select {
			case code = <-done:
			case <-time.After(30 * time.Second):
				t.Fatalf("the run did not end within 30s (the check's own bound is 5s); it printed:\n%s", w.String())
			}
			out := w.String()
			if code != exitOK {
				t.Errorf("exit status %d, want 0; it printed:\n%s", code, out)
			}
			if !strings.Contains(out, "[OK] Connecting") {
				t.Errorf("the connection layer did not pass, so the site did not go away mid-check:\n%s", out)
			}
			if !strings.Contains(out, "\n[PROBLEM] ") && !strings.Contains(out, "\n[SKIPPED] ") {
				t.Errorf("no clear line says how the check went:\n%s", out)
			}
			if !strings.Contains(out, "Fix the connection") {
				t.Errorf("the flow did not go on to the connection advice:\n%s", out)
			}
			if !strings.Contains(stdout.String(), "Internet connection: PROBLEM") || !strings.Contains(stdout.String(), "Result: Card, limits and account look fine") {
				t.Errorf("the summary does not carry the check's problem:\n%s", stdout)
			}
		})
	}
}

func TestHostileEscapes(t *testing.T) {
	dir := t.TempDir()
	escaped := filepath.Join(dir, "escaped.yaml")
	// YAML's "\e" escape: the file is plain text, the texts hold clear screen, set title, OSC 52 and
	// a hyperlink.
	os.WriteFile(escaped, []byte(`flow: escaped
title: "Help\e[2J\e[H"
start: hello
nodes:
  hello:
    kind: message
    title: "Hello\e]0;pwned\a"
    text: "Copy \e]52;c;aGVsbG8=\a and \e]8;;https://example.invalid/\e\\click\e]8;;\e\\"
    next: done
  done:
    kind: end
    title: Done
    summary: Done.
`), 0o600)
	raw := filepath.Join(dir, "raw.yaml")
	os.WriteFile(raw, []byte("flow: raw\ntitle: \"Help \x1b]0;pwned\a\x1b]52;c;aGVsbG8=\a\x1b[2J\"\nstart: done\nnodes:\n  done:\n    kind: end\n    title: Done\n"), 0o600)

	for _, c := range []struct{ name, path string }{{"escaped with \\e", escaped}, {"as raw bytes", raw}} {
		for _, verb := range [][]string{{"run"}, {"lint"}} {
			t.Run("unstuck "+verb[0]+" refuses a flow with escape sequences "+c.name+", and prints none of them", func(t *testing.T) {
				s, stdout, stderr := testStreams("")
				code := run(append(verb, c.path), s)
				if code != exitProblems {
					t.Errorf("exit status %d, want %d", code, exitProblems)
				}
				if !strings.Contains(stderr.String()+stdout.String(), "control-chars") {
					t.Errorf("no control-chars diagnostic:\n%s%s", stdout, stderr)
				}
				assertTerminalSafe(t, stdout.String())
				assertTerminalSafe(t, stderr.String())
			})
		}
	}

	t.Run("unstuck lint and run name a flow file whose name holds escape sequences without sending them to the terminal", func(t *testing.T) {
		d := t.TempDir()
		name := filepath.Join(d, "flow\x1b]0;pwned\a\x1b[2J.yaml")
		if err := os.WriteFile(name, []byte("flow: x\ntitle: X\nstart: nowhere\nnodes: {}\n"), 0o600); err != nil {
			t.Skipf("this file system refuses such a name: %v", err)
		}
		for _, args := range [][]string{{"lint", d}, {"run", name}} {
			s, stdout, stderr := testStreams("")
			code := run(args, s)
			if code != exitProblems {
				t.Errorf("%s: exit status %d, want %d", args[0], code, exitProblems)
			}
			if strings.ContainsAny(stdout.String()+stderr.String(), "\x1b\a") {
				t.Errorf("unstuck %s printed the file name's escape sequences raw:\n%q", args[0], stdout.String()+stderr.String())
			}
		}
	})

	t.Run("answers holding escape sequences reach neither the prompts nor the summary", func(t *testing.T) {
		input := strings.Replace(hostileLines, "Example Shoes", "Shoes\x1b]0;pwned\a\x1b[2J", 1)
		input = strings.Replace(input, "Payment declined", "Declined \x1b]52;c;aGVsbG8=\a\x1b]8;;https://example.invalid/\x1b\\here\x1b]8;;\x1b\\", 1)
		s, stdout, stderr := testStreams(input)
		state := t.TempDir()
		s.Env = func(k string) string {
			if k == "XDG_STATE_HOME" {
				return state
			}
			return ""
		}
		if code := run([]string{"run", "payment-fails"}, s); code != exitOK {
			t.Fatalf("exit status %d; stderr:\n%s", code, stderr)
		}
		assertTerminalSafe(t, stdout.String())
		assertTerminalSafe(t, stderr.String())
		if !strings.Contains(stdout.String(), "Store: Shoes") {
			t.Errorf("the store's answer is not in the summary:\n%s", stdout)
		}
	})
}
