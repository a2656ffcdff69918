//go:build unix

package main

import (
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"
)

// Files and streams a user points unstuck at: every read bounded, nothing waits for ever, and a
// file refused is said to be what it is (not a regular file, too large, missing), never a broken one.

// filesAnswers walks payment-fails to "Time to contact support" with the network check pretended.
const filesAnswers = `now: 2026-06-15
answers: { store: Example Shoes, amount: "120.50", error-seen: Payment declined, order-number: "",
  internet: "yes", card-ask: "no", details: all-match, limits: "no", account: clear, store-accepts: "yes",
  glitch: still-failing, fraud: "no" }
checks: { connection-check: skipped }
`

// tinyFlow is a small valid flow to translate.
const tinyFlow = `flow: tiny
title: Tiny
start: done
nodes:
  done:
    kind: end
    title: Done
`

// runWithin runs the program in-process and fails the test, instead of the whole run, if it hangs.
func runWithin(t *testing.T, args []string, s streams) int {
	t.Helper()
	done := make(chan int, 1)
	go func() { done <- run(args, s) }()
	select {
	case code := <-done:
		return code
	case <-time.After(20 * time.Second):
		t.Fatalf("unstuck %s did not end within 20s: it hangs", strings.Join(args, " "))
	}
	return 0
}

func fileWith(t *testing.T, name, text string, perm fs.FileMode) string {
	t.Helper()
	p := filepath.Join(t.TempDir(), name)
	if err := os.WriteFile(p, []byte(text), perm); err != nil {
		t.Fatal(err)
	}
	if err := os.Chmod(p, perm); err != nil {
		t.Fatal(err)
	}
	return p
}

func namedPipe(t *testing.T) string {
	t.Helper()
	p := filepath.Join(t.TempDir(), "pipe")
	if err := syscall.Mkfifo(p, 0o600); err != nil {
		t.Skipf("cannot make a named pipe here: %v", err)
	}
	return p
}

func permOf(t *testing.T, path string) fs.FileMode {
	t.Helper()
	info, err := os.Lstat(path)
	if err != nil {
		t.Fatal(err)
	}
	return info.Mode()
}

// countingZeros is /dev/zero that counts what was taken from it, up to a bound so a test of the old
// code cannot eat the machine's memory.
type countingZeros struct{ n, limit int }

func (z *countingZeros) Read(p []byte) (int, error) {
	if z.n >= z.limit {
		return 0, io.EOF
	}
	n := min(len(p), z.limit-z.n)
	clear(p[:n])
	z.n += n
	return n, nil
}

func TestCheckCardReadsOneShortLine(t *testing.T) {
	t.Run("endless standard input is refused after a few kilobytes, not read to its end", func(t *testing.T) {
		z := &countingZeros{limit: 64 << 20}
		s, stdout, stderr := testStreams("")
		s.In = z
		code := runWithin(t, []string{"check", "card"}, s)
		if code != exitUsage {
			t.Errorf("exit status %d, want %d", code, exitUsage)
		}
		if z.n > 64<<10 {
			t.Errorf("%d KB were read from standard input; a card number is one short line", z.n>>10)
		}
		if want := "unstuck: standard input holds more than 4 KB without a line break; a card number is one short line\n"; stderr.String() != want || stdout.Len() != 0 {
			t.Errorf("stdout %q, stderr %q; want stderr %q", stdout, stderr, want)
		}
	})

	t.Run("check card </dev/zero ends at once with that message", func(t *testing.T) {
		zero, err := os.Open("/dev/zero")
		if err != nil {
			t.Skip(err)
		}
		defer zero.Close()
		s, _, stderr := testStreams("")
		s.In = zero
		if code := runWithin(t, []string{"check", "card"}, s); code != exitUsage || !strings.Contains(stderr.String(), "more than 4 KB") {
			t.Errorf("exit status %d, stderr %q", code, stderr)
		}
	})

	t.Run("a card number on a line of its own is still read", func(t *testing.T) {
		s, stdout, _ := testStreams("4242424242424242\nmore\n")
		if code := runWithin(t, []string{"check", "card"}, s); code != exitOK || !strings.Contains(stdout.String(), "Visa ending 4242") {
			t.Errorf("exit status %d, stdout %q", code, stdout)
		}
	})
}

func TestAnswersFromPipesAndOddFiles(t *testing.T) {
	t.Run("--answers from a pipe, as a shell's <(…) gives it, runs the walk", func(t *testing.T) {
		r, w, err := os.Pipe()
		if err != nil {
			t.Fatal(err)
		}
		defer r.Close()
		go func() { io.WriteString(w, filesAnswers); w.Close() }()
		s, stdout, stderr := testStreams("")
		code := runWithin(t, []string{"run", "payment-fails", "--no-save", "--answers", fmt.Sprintf("/dev/fd/%d", r.Fd())}, s)
		if code != exitOK || !strings.Contains(stdout.String(), "Result: Card, limits and account look fine") {
			t.Errorf("exit status %d, stdout:\n%s\nstderr:\n%s", code, stdout, stderr)
		}
	})

	for _, c := range []struct {
		name, path, want string
	}{
		{"--answers /dev/null is refused as a device, not called a syntax error", "/dev/null",
			"unstuck: cannot read the answers file /dev/null: not a regular file or a pipe: it is a device\n"},
		{"--answers /dev/zero is refused at once, never read", "/dev/zero",
			"unstuck: cannot read the answers file /dev/zero: not a regular file or a pipe: it is a device\n"},
		{"--answers naming a file that is not there says so", "/nonexistent/answers.yaml",
			"unstuck: cannot read the answers file /nonexistent/answers.yaml: no such file\n"},
	} {
		t.Run(c.name, func(t *testing.T) {
			s, stdout, stderr := testStreams("")
			code := runWithin(t, []string{"run", "payment-fails", "--no-save", "--answers", c.path}, s)
			if code != exitProblems || stderr.String() != c.want || stdout.Len() != 0 {
				t.Errorf("exit status %d, stdout %q, stderr %q; want %d and %q", code, stdout, stderr, exitProblems, c.want)
			}
		})
	}

	t.Run("--answers naming a folder says so", func(t *testing.T) {
		dir := t.TempDir()
		s, _, stderr := testStreams("")
		code := runWithin(t, []string{"run", "payment-fails", "--no-save", "--answers", dir}, s)
		if want := "unstuck: cannot read the answers file " + dir + ": not a regular file or a pipe: it is a folder\n"; code != exitProblems || stderr.String() != want {
			t.Errorf("exit status %d, stderr %q; want %q", code, stderr, want)
		}
	})
}

func TestOutKeepsModesAndNeverWaits(t *testing.T) {
	answers := fileWith(t, "answers.yaml", filesAnswers, 0o600)

	t.Run("--out onto an existing file keeps its mode", func(t *testing.T) {
		out := fileWith(t, "case.txt", "old", 0o644)
		s, _, stderr := testStreams("")
		if code := runWithin(t, []string{"run", "payment-fails", "--no-save", "--answers", answers, "--out", out}, s); code != exitOK {
			t.Fatalf("exit status %d, stderr %q", code, stderr)
		}
		if m := permOf(t, out).Perm(); m != 0o644 {
			t.Errorf("mode %v; want 0644 kept", m)
		}
	})

	t.Run("--out onto a new file makes it readable by its owner only", func(t *testing.T) {
		out := filepath.Join(t.TempDir(), "case.txt")
		s, _, stderr := testStreams("")
		if code := runWithin(t, []string{"run", "payment-fails", "--no-save", "--answers", answers, "--out", out}, s); code != exitOK {
			t.Fatalf("exit status %d, stderr %q", code, stderr)
		}
		if m := permOf(t, out).Perm(); m != 0o600 {
			t.Errorf("mode %v; want 0600", m)
		}
	})

	t.Run("--out onto a named pipe nobody reads fails at once, and the summary is still printed", func(t *testing.T) {
		fifo := namedPipe(t)
		s, stdout, stderr := testStreams("")
		code := runWithin(t, []string{"run", "payment-fails", "--no-save", "--answers", answers, "--out", fifo}, s)
		if code != exitProblems || !strings.Contains(stdout.String(), "Result: Card, limits and account look fine") {
			t.Errorf("exit status %d, stdout:\n%s", code, stdout)
		}
		if want := "cannot write " + fifo + ": nothing is reading from this pipe"; !strings.Contains(stderr.String(), want) {
			t.Errorf("stderr %q; want %q", stderr, want)
		}
		if permOf(t, fifo)&fs.ModeNamedPipe == 0 {
			t.Errorf("the named pipe was replaced")
		}
	})

	t.Run("--out onto a full disk (/dev/full) says so, and the summary is still printed", func(t *testing.T) {
		if info, err := os.Stat("/dev/full"); err != nil || info.Mode()&fs.ModeCharDevice == 0 {
			t.Skip("no /dev/full device here")
		}
		// Through a link in a temporary folder: if --out ever renamed a file into place here again,
		// it would replace the link, never /dev/full itself (which, as root, it could).
		full := filepath.Join(t.TempDir(), "full")
		if err := os.Symlink("/dev/full", full); err != nil {
			t.Fatal(err)
		}
		s, stdout, stderr := testStreams("")
		code := runWithin(t, []string{"run", "payment-fails", "--no-save", "--answers", answers, "--out", full}, s)
		if code != exitProblems || !strings.Contains(stdout.String(), "Result: Card, limits and account look fine") ||
			!strings.Contains(stderr.String(), "cannot write "+full+": no space left on device") {
			t.Errorf("exit status %d, stderr %q", code, stderr)
		}
		if permOf(t, full)&fs.ModeSymlink == 0 {
			t.Errorf("the link to /dev/full was replaced by a file")
		}
	})
}

func TestTranslateWritesSourceFileModes(t *testing.T) {
	old := syscall.Umask(0o022)
	t.Cleanup(func() { syscall.Umask(old) })

	t.Run("a new translation file gets the mode of a source file, not 0600", func(t *testing.T) {
		flow := fileWith(t, "tiny.yaml", tinyFlow, 0o644)
		s, stdout, stderr := testStreams("")
		if code := runWithin(t, []string{"translate", flow, "--lang", "de"}, s); code != exitOK {
			t.Fatalf("exit status %d, stdout %q, stderr %q", code, stdout, stderr)
		}
		if m := permOf(t, strings.TrimSuffix(flow, ".yaml")+".de.yaml").Perm(); m != 0o644 {
			t.Errorf("mode %v; want 0644", m)
		}
	})

	t.Run("a translation updated keeps its mode", func(t *testing.T) {
		flow := fileWith(t, "tiny.yaml", tinyFlow, 0o644)
		tr := strings.TrimSuffix(flow, ".yaml") + ".de.yaml"
		s, _, _ := testStreams("")
		runWithin(t, []string{"translate", flow, "--lang", "de"}, s)
		os.Chmod(tr, 0o664)
		s, stdout, stderr := testStreams("")
		if code := runWithin(t, []string{"translate", flow, "--lang", "de"}, s); code != exitOK {
			t.Fatalf("exit status %d, stdout %q, stderr %q", code, stdout, stderr)
		}
		if m := permOf(t, tr).Perm(); m != 0o664 {
			t.Errorf("mode %v; want 0664 kept", m)
		}
	})

	t.Run("a translation that is a named pipe is refused, not waited on", func(t *testing.T) {
		flow := fileWith(t, "tiny.yaml", tinyFlow, 0o644)
		tr := filepath.Join(filepath.Dir(flow), "tiny.de.yaml")
		if err := syscall.Mkfifo(tr, 0o600); err != nil {
			t.Skip(err)
		}
		s, _, stderr := testStreams("")
		if code := runWithin(t, []string{"translate", flow, "--lang", "de"}, s); code != exitProblems || !strings.Contains(stderr.String(), "not a regular file") {
			t.Errorf("exit status %d, stderr %q", code, stderr)
		}
	})
}

func TestWritersToolsReadWithLimits(t *testing.T) {
	t.Run("unstuck test on a test file that is a named pipe reports it, not waits", func(t *testing.T) {
		p := filepath.Join(t.TempDir(), "x.test.yaml")
		if err := syscall.Mkfifo(p, 0o600); err != nil {
			t.Skip(err)
		}
		s, stdout, _ := testStreams("")
		if code := runWithin(t, []string{"test", p}, s); code != exitProblems || !strings.Contains(stdout.String(), "not a regular file: it is a named pipe") {
			t.Errorf("exit status %d, stdout %q", code, stdout)
		}
	})

	t.Run("unstuck graph on a flow that is a named pipe reports it, not waits", func(t *testing.T) {
		p := filepath.Join(t.TempDir(), "x.yaml")
		if err := syscall.Mkfifo(p, 0o600); err != nil {
			t.Skip(err)
		}
		s, _, stderr := testStreams("")
		if code := runWithin(t, []string{"graph", p}, s); code != exitProblems || !strings.Contains(stderr.String(), "not a regular file") {
			t.Errorf("exit status %d, stderr %q", code, stderr)
		}
	})
}
