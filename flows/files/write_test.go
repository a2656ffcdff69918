//go:build unix

package files

import (
	"bytes"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"
)

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

// withUmask runs the test with a known umask, so that modes can be compared.
func withUmask(t *testing.T, mask int) {
	old := syscall.Umask(mask)
	t.Cleanup(func() { syscall.Umask(old) })
}

func modeOf(t *testing.T, path string) fs.FileMode {
	t.Helper()
	info, err := os.Lstat(path)
	if err != nil {
		t.Fatal(err)
	}
	return info.Mode()
}

func TestWriteFileAtomic(t *testing.T) {
	t.Run("a session file that is a link to a named pipe is replaced, not written into and waited on", func(t *testing.T) {
		dir := t.TempDir()
		fifo := filepath.Join(dir, "pipe")
		mkfifo(t, fifo)
		path := filepath.Join(dir, "payment-fails.json")
		if err := os.Symlink(fifo, path); err != nil {
			t.Fatal(err)
		}
		var err error
		noHang(t, "WriteFileAtomic", func() { err = WriteFileAtomic(path, []byte("{}")) })
		if err != nil {
			t.Fatal(err)
		}
		if m := modeOf(t, path); !m.IsRegular() || m.Perm() != 0o600 {
			t.Errorf("%s is %v; want a regular file, 0600", path, m)
		}
		if m := modeOf(t, fifo); m&fs.ModeNamedPipe == 0 {
			t.Errorf("the pipe the link pointed at became %v", m)
		}
	})

	t.Run("a new file is readable only by its owner", func(t *testing.T) {
		withUmask(t, 0o022)
		path := filepath.Join(t.TempDir(), "summary.txt")
		if err := WriteFileAtomic(path, []byte("x")); err != nil {
			t.Fatal(err)
		}
		if m := modeOf(t, path).Perm(); m != 0o600 {
			t.Errorf("mode %v; want 0600", m)
		}
	})

	t.Run("a session replaced is owner-only again, whatever its mode was", func(t *testing.T) {
		path := filepath.Join(t.TempDir(), "s.json")
		os.WriteFile(path, nil, 0o644)
		os.Chmod(path, 0o644)
		if err := WriteFileAtomic(path, []byte("{}")); err != nil {
			t.Fatal(err)
		}
		if m := modeOf(t, path).Perm(); m != 0o600 {
			t.Errorf("mode %v; want 0600", m)
		}
	})

	t.Run("a file the user named keeps its mode when it is replaced", func(t *testing.T) {
		withUmask(t, 0o022)
		path := filepath.Join(t.TempDir(), "case.txt")
		os.WriteFile(path, []byte("old"), 0o644)
		os.Chmod(path, 0o640)
		if err := WriteFileAtomic(path, []byte("new"), KeepMode(0o600)); err != nil {
			t.Fatal(err)
		}
		if m := modeOf(t, path).Perm(); m != 0o640 {
			t.Errorf("mode %v; want 0640 kept", m)
		}
		if data, _ := os.ReadFile(path); string(data) != "new" {
			t.Errorf("content %q", data)
		}
	})

	t.Run("a new file the user named gets the mode asked for, less the umask", func(t *testing.T) {
		withUmask(t, 0o022)
		path := filepath.Join(t.TempDir(), "flow.de.yaml")
		if err := WriteFileAtomic(path, []byte("x"), KeepMode(0o666)); err != nil {
			t.Fatal(err)
		}
		if m := modeOf(t, path).Perm(); m != 0o644 {
			t.Errorf("mode %v; want 0644", m)
		}
	})

	t.Run("a link to a file the user named writes the file it points at, keeping the link", func(t *testing.T) {
		dir := t.TempDir()
		target := filepath.Join(dir, "real.txt")
		os.WriteFile(target, []byte("old"), 0o644)
		os.Chmod(target, 0o644)
		link := filepath.Join(dir, "link.txt")
		os.Symlink(target, link)
		if err := WriteFileAtomic(link, []byte("new"), KeepMode(0o600), AllowStream()); err != nil {
			t.Fatal(err)
		}
		if m := modeOf(t, link); m&fs.ModeSymlink == 0 {
			t.Errorf("the link became %v", m)
		}
		if data, _ := os.ReadFile(target); string(data) != "new" || modeOf(t, target).Perm() != 0o644 {
			t.Errorf("the file pointed at holds %q, mode %v", data, modeOf(t, target).Perm())
		}
	})

	t.Run("a folder is refused", func(t *testing.T) {
		dir := t.TempDir()
		if err := WriteFileAtomic(dir, []byte("x")); err == nil || !strings.Contains(err.Error(), "it is a folder") {
			t.Errorf("error %v", err)
		}
	})

	t.Run("a named pipe with a reader is written into as it is, when a stream is allowed", func(t *testing.T) {
		fifo := filepath.Join(t.TempDir(), "pipe")
		mkfifo(t, fifo)
		r, err := os.OpenFile(fifo, os.O_RDONLY|syscall.O_NONBLOCK, 0)
		if err != nil {
			t.Fatal(err)
		}
		defer r.Close()
		noHang(t, "WriteFileAtomic", func() { err = WriteFileAtomic(fifo, []byte("summary\n"), KeepMode(0o600), AllowStream()) })
		if err != nil {
			t.Fatal(err)
		}
		r.SetReadDeadline(time.Now().Add(5 * time.Second))
		if data, _ := io.ReadAll(r); string(data) != "summary\n" {
			t.Errorf("the pipe got %q", data)
		}
		if m := modeOf(t, fifo); m&fs.ModeNamedPipe == 0 {
			t.Errorf("the pipe was replaced by %v", m)
		}
	})

	t.Run("a named pipe nobody reads fails at once with a clear message, not a hang", func(t *testing.T) {
		fifo := filepath.Join(t.TempDir(), "pipe")
		mkfifo(t, fifo)
		var err error
		noHang(t, "WriteFileAtomic", func() { err = WriteFileAtomic(fifo, []byte("summary\n"), KeepMode(0o600), AllowStream()) })
		if err == nil || err.Error() != "cannot write "+fifo+": nothing is reading from this pipe" {
			t.Errorf("error %v", err)
		}
	})

	t.Run("a pipe whose reader stops taking is given up after a while", func(t *testing.T) {
		old := streamWait
		streamWait = 50 * time.Millisecond
		t.Cleanup(func() { streamWait = old })
		fifo := filepath.Join(t.TempDir(), "pipe")
		mkfifo(t, fifo)
		r, err := os.OpenFile(fifo, os.O_RDONLY|syscall.O_NONBLOCK, 0)
		if err != nil {
			t.Fatal(err)
		}
		defer r.Close()
		// More than a pipe holds, and nobody reads.
		big := bytes.Repeat([]byte("x"), 4<<20)
		noHang(t, "WriteFileAtomic", func() { err = WriteFileAtomic(fifo, big, KeepMode(0o600), AllowStream()) })
		if err == nil || !strings.Contains(err.Error(), "cannot write "+fifo+": nothing was taken from the pipe for 50ms") {
			t.Errorf("error %v", err)
		}
	})

	t.Run("/dev/null takes what is written, when a stream is allowed", func(t *testing.T) {
		// Through a link in a temporary folder, so that a writer that renamed a file into place
		// would replace the link, never /dev/null itself (which, as root, it could).
		null := filepath.Join(t.TempDir(), "null")
		if err := os.Symlink("/dev/null", null); err != nil {
			t.Fatal(err)
		}
		if err := WriteFileAtomic(null, []byte("x"), KeepMode(0o600), AllowStream()); err != nil {
			t.Error(err)
		}
		if modeOf(t, null)&fs.ModeSymlink == 0 {
			t.Errorf("the link to /dev/null was replaced")
		}
	})

	t.Run("without a stream allowed, a named pipe is replaced by the file, never waited on", func(t *testing.T) {
		fifo := filepath.Join(t.TempDir(), "pipe.json")
		mkfifo(t, fifo)
		var err error
		noHang(t, "WriteFileAtomic", func() { err = WriteFileAtomic(fifo, []byte("{}")) })
		if err != nil || !modeOf(t, fifo).IsRegular() {
			t.Errorf("error %v, mode %v", err, modeOf(t, fifo))
		}
	})
}
