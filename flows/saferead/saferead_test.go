//go:build unix

package saferead

import (
	"context"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"syscall"
	"testing"
	"time"
)

// Every case runs under this guard: a read that hangs fails the test instead of the whole run.
const hang = 20 * time.Second

func within(t *testing.T, what string, f func()) {
	t.Helper()
	done := make(chan struct{})
	go func() { defer close(done); f() }()
	select {
	case <-done:
	case <-time.After(hang):
		t.Fatalf("%s did not end within %s: it hangs", what, hang)
	}
}

// A place of each kind, made in dir.
func regular(t *testing.T, dir string) string {
	p := filepath.Join(dir, "file.yaml")
	if err := os.WriteFile(p, []byte("flow: x\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	return p
}

func fifo(t *testing.T, dir string) string {
	p := filepath.Join(dir, "pipe")
	if err := syscall.Mkfifo(p, 0o600); err != nil {
		t.Skipf("cannot make a named pipe here: %v", err)
	}
	return p
}

// sparse is a 1 GB file with nothing on disk: reading it would take a gigabyte of memory.
func sparse(t *testing.T, dir string) string {
	p := filepath.Join(dir, "huge")
	f, err := os.Create(p)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	if err := f.Truncate(1 << 30); err != nil {
		t.Fatal(err)
	}
	return p
}

func folderIn(t *testing.T, dir string) string { return dir }
func devZero(t *testing.T, dir string) string  { return "/dev/zero" }
func missing(t *testing.T, dir string) string  { return filepath.Join(dir, "missing.yaml") }

func TestReadRegular(t *testing.T) {
	cases := []struct {
		name   string
		make   func(t *testing.T, dir string) string
		is     error  // what the error is, for errors.Is; nil: read
		reason string // in the error's text
	}{
		{"a regular file is read whole", regular, nil, ""},
		{"a file over the limit is refused by its size, without being read", sparse, ErrTooLarge, "too large: 1 GB, over the limit of 1 MB"},
		{"a named pipe with no writer is refused at once, not waited on", fifo, ErrNotRegular, "not a regular file: it is a named pipe"},
		{"/dev/zero is refused as a device, not read for ever", devZero, ErrNotRegular, "not a regular file: it is a device"},
		{"a folder is refused", folderIn, ErrNotRegular, "not a regular file: it is a folder"},
		{"a path where nothing is says so", missing, fs.ErrNotExist, "no such file"},
	}
	for _, c := range cases {
		for _, linked := range []bool{false, true} {
			name := c.name
			if linked {
				name = "through a symbolic link, " + name
			}
			t.Run(name, func(t *testing.T) {
				dir := t.TempDir()
				path := c.make(t, dir)
				if linked {
					link := filepath.Join(t.TempDir(), "link")
					if err := os.Symlink(path, link); err != nil {
						t.Fatal(err)
					}
					path = link
				}
				var data []byte
				var err error
				var before, after runtime.MemStats
				runtime.ReadMemStats(&before)
				within(t, "ReadRegular", func() { data, err = ReadRegular(path, 1<<20) })
				runtime.ReadMemStats(&after)
				if alloc := after.TotalAlloc - before.TotalAlloc; alloc > 8<<20 {
					t.Errorf("the read allocated %d MB; it must stop at the limit", alloc>>20)
				}
				if c.is == nil {
					if err != nil || string(data) != "flow: x\n" {
						t.Fatalf("got %q, %v; want the file", data, err)
					}
					return
				}
				if !errors.Is(err, c.is) {
					t.Fatalf("error %v; want one that is %v", err, c.is)
				}
				if want := "cannot read " + path + ": "; !strings.HasPrefix(err.Error(), want) || !strings.Contains(err.Error(), c.reason) {
					t.Errorf("error %q; want %q then %q", err, want, c.reason)
				}
			})
		}
	}

	t.Run("a file that grows past the limit while it is read is refused", func(t *testing.T) {
		// /proc files say their size is 0 and hold more: the same as a file that grew.
		data, err := ReadRegular("/proc/self/status", 16)
		if _, statErr := os.Stat("/proc/self/status"); statErr != nil {
			t.Skip("no /proc here")
		}
		var tl *TooLargeError
		if !errors.As(err, &tl) || tl.Size != 0 || tl.Max != 16 || len(data) != 0 {
			t.Fatalf("got %q, %v; want too large, size unknown", data, err)
		}
		if !strings.Contains(err.Error(), "too large: over the limit of 16 bytes") {
			t.Errorf("error %q", err)
		}
	})
}

func TestReadFileOrPipe(t *testing.T) {
	ctx := context.Background()

	t.Run("a pipe reached through /dev/fd, as a shell's <(…) gives it, is read", func(t *testing.T) {
		r, w, err := os.Pipe()
		if err != nil {
			t.Fatal(err)
		}
		defer r.Close()
		go func() { fmt.Fprint(w, "answers: {}\n"); w.Close() }()
		var data []byte
		within(t, "ReadFileOrPipe", func() { data, err = ReadFileOrPipe(ctx, fmt.Sprintf("/dev/fd/%d", r.Fd()), 1<<20, hang) })
		if err != nil || string(data) != "answers: {}\n" {
			t.Fatalf("got %q, %v", data, err)
		}
	})

	t.Run("a named pipe whose writer comes later is read", func(t *testing.T) {
		p := fifo(t, t.TempDir())
		go func() {
			// Opening for writing waits for the reader, so the text is sent after ReadFileOrPipe opened.
			if w, err := os.OpenFile(p, os.O_WRONLY, 0); err == nil {
				fmt.Fprint(w, "now: 2026-06-15\n")
				w.Close()
			}
		}()
		var data []byte
		var err error
		within(t, "ReadFileOrPipe", func() { data, err = ReadFileOrPipe(ctx, p, 1<<20, hang) })
		if err != nil || string(data) != "now: 2026-06-15\n" {
			t.Fatalf("got %q, %v", data, err)
		}
	})

	t.Run("a named pipe nobody writes to gives up: nothing arrived on the pipe", func(t *testing.T) {
		p := fifo(t, t.TempDir())
		var err error
		within(t, "ReadFileOrPipe", func() { _, err = ReadFileOrPipe(ctx, p, 1<<20, 50*time.Millisecond) })
		if !errors.Is(err, ErrNothingArrived) || !strings.Contains(err.Error(), "cannot read "+p+": nothing arrived on the pipe") {
			t.Fatalf("error %v", err)
		}
	})

	t.Run("a pipe whose writer stays and says nothing gives up", func(t *testing.T) {
		r, w, err := os.Pipe()
		if err != nil {
			t.Fatal(err)
		}
		defer r.Close()
		defer w.Close()
		within(t, "ReadFileOrPipe", func() {
			_, err = ReadFileOrPipe(ctx, fmt.Sprintf("/dev/fd/%d", r.Fd()), 1<<20, 50*time.Millisecond)
		})
		if !errors.Is(err, ErrNothingArrived) {
			t.Fatalf("error %v", err)
		}
	})

	t.Run("a wait on a silent pipe ends when the context does", func(t *testing.T) {
		p := fifo(t, t.TempDir())
		ctx, cancel := context.WithCancel(ctx)
		cancel()
		var err error
		within(t, "ReadFileOrPipe", func() { _, err = ReadFileOrPipe(ctx, p, 1<<20, hang) })
		if !errors.Is(err, context.Canceled) {
			t.Fatalf("error %v", err)
		}
	})

	t.Run("a pipe that sends more than the limit is refused, and reading stops there", func(t *testing.T) {
		r, w, err := os.Pipe()
		if err != nil {
			t.Fatal(err)
		}
		defer r.Close()
		defer w.Close()
		go io.Copy(w, zeros{}) // ends when the reading end is closed
		within(t, "ReadFileOrPipe", func() { _, err = ReadFileOrPipe(ctx, fmt.Sprintf("/dev/fd/%d", r.Fd()), 1<<20, hang) })
		if !errors.Is(err, ErrTooLarge) || !strings.Contains(err.Error(), "too large: over the limit of 1 MB") {
			t.Fatalf("error %v", err)
		}
	})

	for _, c := range []struct {
		name, path, reason string
	}{
		{"/dev/zero is still refused", "/dev/zero", "not a regular file or a pipe: it is a device"},
		{"/dev/null is refused as a device, not called a broken file", "/dev/null", "not a regular file or a pipe: it is a device"},
	} {
		t.Run(c.name, func(t *testing.T) {
			var err error
			within(t, "ReadFileOrPipe", func() { _, err = ReadFileOrPipe(ctx, c.path, 1<<20, hang) })
			if !errors.Is(err, ErrNotRegular) || !strings.Contains(err.Error(), c.reason) {
				t.Fatalf("error %v; want %q", err, c.reason)
			}
		})
	}

	t.Run("a regular file is read as ReadRegular reads it", func(t *testing.T) {
		data, err := ReadFileOrPipe(ctx, regular(t, t.TempDir()), 1<<20, hang)
		if err != nil || string(data) != "flow: x\n" {
			t.Fatalf("got %q, %v", data, err)
		}
	})
}

type zeros struct{}

func (zeros) Read(p []byte) (int, error) { clear(p); return len(p), nil }

func TestReadStreamAndLine(t *testing.T) {
	t.Run("an endless stream is cut at the limit and refused", func(t *testing.T) {
		_, err := ReadStream(zeros{}, 4096)
		if !errors.Is(err, ErrTooLarge) || err.Error() != "too large: over the limit of 4 KB" {
			t.Fatalf("error %v", err)
		}
	})
	t.Run("a stream within the limit is read whole", func(t *testing.T) {
		data, err := ReadStream(strings.NewReader("abc"), 3)
		if err != nil || string(data) != "abc" {
			t.Fatalf("got %q, %v", data, err)
		}
	})
	cases := []struct {
		name, in, want string
		err            error
	}{
		{"a line is read up to its line break", "4242\nrest", "4242", nil},
		{"a last line with no line break is read", "4242", "4242", nil},
		{"an empty stream is the end", "", "", io.EOF},
		{"a line longer than the limit is refused", strings.Repeat("4", 9) + "\n", "", ErrTooLarge},
		{"a line as long as the limit is read", strings.Repeat("4", 8) + "\n", strings.Repeat("4", 8), nil},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			got, err := ReadLine(strings.NewReader(c.in), 8)
			if got != c.want || !errors.Is(err, c.err) {
				t.Errorf("got %q, %v; want %q, %v", got, err, c.want, c.err)
			}
		})
	}
	t.Run("/dev/zero as a line ends at the limit", func(t *testing.T) {
		f, err := os.Open("/dev/zero")
		if err != nil {
			t.Skip(err)
		}
		defer f.Close()
		if _, err := ReadLine(f, 4096); !errors.Is(err, ErrTooLarge) {
			t.Fatalf("error %v", err)
		}
	})
}

func TestSize(t *testing.T) {
	for n, want := range map[int64]string{1: "1 byte", 512: "512 bytes", 4096: "4 KB", 32 << 20: "32 MB", 1 << 30: "1 GB", 3 << 29: "1.5 GB"} {
		if got := Size(n); got != want {
			t.Errorf("Size(%d) = %q, want %q", n, got, want)
		}
	}
}
