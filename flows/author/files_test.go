//go:build unix

package author

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/unstuck-dev/unstuck/flows"
	"github.com/unstuck-dev/unstuck/flows/files"
)

// Files beside a flow are data a writer or a shopper may have got wrong, or that someone put there:
// every read of them is bounded and never waits.

// tinyFlow is a small valid flow (flows' load tests change one thing in the same flow).
const tinyFlow = `flow: tiny
title: Tiny
start: ask
nodes:
  ask:
    kind: choice
    text: Pick one
    options:
      - { label: A, value: a, goto: done }
      - { label: B, value: b, goto: done }
  done:
    kind: end
    title: Done
`

// noHang fails the test, instead of the whole run, when f does not end.
func noHang(t *testing.T, what string, f func()) {
	t.Helper()
	done := make(chan struct{})
	go func() { defer close(done); f() }()
	select {
	case <-done:
	case <-time.After(20 * time.Second):
		t.Fatalf("%s did not end within 20s: it hangs", what)
	}
}

func mkfifo(t *testing.T, path string) {
	t.Helper()
	if err := syscall.Mkfifo(path, 0o600); err != nil {
		t.Skipf("cannot make a named pipe here: %v", err)
	}
}

func TestTranslationFilesAreReadWithLimits(t *testing.T) {
	cases := []struct {
		name string
		make func(t *testing.T, path string)
		want string
	}{
		{"a translation that is a link to /dev/zero is refused, not read for ever", func(t *testing.T, p string) {
			if err := os.Symlink("/dev/zero", p); err != nil {
				t.Fatal(err)
			}
		}, "tiny.de.yaml:1:1: error syntax: cannot read the file: not a regular file: it is a device"},
		{"a translation that is a named pipe is refused without waiting for a writer", func(t *testing.T, p string) {
			mkfifo(t, p)
		}, "tiny.de.yaml:1:1: error syntax: cannot read the file: not a regular file: it is a named pipe"},
		{"a translation larger than a flow may be is refused by its size, without being read", func(t *testing.T, p string) {
			f, err := os.Create(p)
			if err != nil {
				t.Fatal(err)
			}
			defer f.Close()
			if err := f.Truncate(1 << 30); err != nil {
				t.Fatal(err)
			}
		}, "tiny.de.yaml:1:1: error too-large: cannot read the file: too large: 1 GB, over the limit of 32 MB"},
	}
	for _, c := range cases {
		for _, how := range []struct {
			name string
			load func(path string) flows.Diagnostics
		}{
			{"LoadFile", func(p string) flows.Diagnostics { _, d := files.LoadFile(p); return d }},
			{"LintFile", func(p string) flows.Diagnostics { d, _ := LintFile(p); return d }},
		} {
			t.Run(how.name+": "+c.name, func(t *testing.T) {
				dir := t.TempDir()
				flow := filepath.Join(dir, "tiny.yaml")
				if err := os.WriteFile(flow, []byte(tinyFlow), 0o644); err != nil {
					t.Fatal(err)
				}
				c.make(t, filepath.Join(dir, "tiny.de.yaml"))
				var diags flows.Diagnostics
				var before, after runtime.MemStats
				runtime.ReadMemStats(&before)
				noHang(t, how.name, func() { diags = how.load(flow) })
				runtime.ReadMemStats(&after)
				if alloc := after.TotalAlloc - before.TotalAlloc; alloc > 64<<20 {
					t.Errorf("loading allocated %d MB; reading must stop at the limit", alloc>>20)
				}
				if want := filepath.Join(dir, c.want); !strings.Contains(diags.Error(), want) {
					t.Errorf("diagnostics:\n%s\nwant:\n%s", diags.Error(), want)
				}
			})
		}
	}
}

func TestTestAndAnswersFilesAreReadWithLimits(t *testing.T) {
	t.Run("a flow test file that is a named pipe is refused without waiting", func(t *testing.T) {
		p := filepath.Join(t.TempDir(), "x.test.yaml")
		mkfifo(t, p)
		var diags flows.Diagnostics
		noHang(t, "LoadTestFile", func() { _, diags = LoadTestFile(p) })
		if !strings.Contains(diags.Error(), "this is not a regular file: it is a named pipe") {
			t.Errorf("diagnostics:\n%s", diags.Error())
		}
	})

	t.Run("answers from a pipe, as a shell's <(…) gives them, are read", func(t *testing.T) {
		r, w, err := os.Pipe()
		if err != nil {
			t.Fatal(err)
		}
		defer r.Close()
		go func() { fmt.Fprint(w, "now: 2026-06-15\nanswers: { store: Shop }\n"); w.Close() }()
		var af *AnswersFile
		var diags flows.Diagnostics
		noHang(t, "LoadAnswersFile", func() { af, diags = LoadAnswersFile(fmt.Sprintf("/dev/fd/%d", r.Fd())) })
		if diags.HasErrors() || af == nil || af.Answers["store"][0] != "Shop" {
			t.Fatalf("answers %+v, diagnostics:\n%s", af, diags.Error())
		}
	})

	for _, c := range []struct{ name, path, want string }{
		{"answers from /dev/zero are refused as a device, never read", "/dev/zero", "not a regular file or a pipe: it is a device"},
		{"answers from /dev/null are refused as a device, not called broken YAML", "/dev/null", "not a regular file or a pipe: it is a device"},
	} {
		t.Run(c.name, func(t *testing.T) {
			var err error
			noHang(t, "ReadAnswersFile", func() { _, err = ReadAnswersFile(context.Background(), c.path) })
			if err == nil || !strings.Contains(err.Error(), c.want) {
				t.Errorf("error %v; want %q", err, c.want)
			}
		})
	}
}
