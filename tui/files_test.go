//go:build unix

package tui

import (
	"io/fs"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/unstuck-dev/unstuck/flows/session"
)

// Saved sessions, summaries and the flow file being watched are files someone else may have put
// there: nothing read or written here may wait for ever or grow without bound.

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

func TestStoreListReadsWithLimits(t *testing.T) {
	cases := []struct {
		name, want string
		make       func(t *testing.T, path string)
	}{
		{"a saved session that is a named pipe is set aside without waiting for a writer", "not a regular file: it is a named pipe", func(t *testing.T, p string) { mkfifo(t, p) }},
		{"a saved session of 1 GB is set aside by its size, without being read", "too large: 1 GB, over the limit of 1 MB", func(t *testing.T, p string) {
			f, err := os.Create(p)
			if err != nil {
				t.Fatal(err)
			}
			defer f.Close()
			if err := f.Truncate(1 << 30); err != nil {
				t.Fatal(err)
			}
		}},
		{"a saved session linked to /dev/zero is set aside, never read", "not a regular file: it is a device", func(t *testing.T, p string) {
			if err := os.Symlink("/dev/zero", p); err != nil {
				t.Fatal(err)
			}
		}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			st := session.Store{Dir: t.TempDir()}
			c.make(t, filepath.Join(st.Dir, "odd.json"))
			var saved []session.Saved
			var problems []string
			var before, after runtime.MemStats
			runtime.ReadMemStats(&before)
			noHang(t, "List", func() { saved, problems = st.List() })
			runtime.ReadMemStats(&after)
			if alloc := after.TotalAlloc - before.TotalAlloc; alloc > 16<<20 {
				t.Errorf("listing allocated %d MB; reading must stop at the limit", alloc>>20)
			}
			if len(saved) != 0 || len(problems) != 1 || !strings.Contains(problems[0], c.want) || !strings.Contains(problems[0], "set aside") {
				t.Fatalf("saved %d, problems %q; want one that says %q", len(saved), problems, c.want)
			}
		})
	}
}

func TestWatchReadsWithLimits(t *testing.T) {
	t.Run("a watched flow file that becomes a named pipe is a problem, not a hang", func(t *testing.T) {
		path := filepath.Join(t.TempDir(), "flow.yaml")
		mkfifo(t, path)
		w := &watcher{path: path}
		var changed bool
		noHang(t, "the watcher", func() { changed = w.changed() })
		if !changed {
			t.Errorf("the watcher did not see a change to report")
		}
		noHang(t, "the reload", func() { w.reload() })
		if !strings.Contains(w.problems.Error(), "not a regular file") {
			t.Errorf("problems:\n%s", w.problems.Error())
		}
	})
}
