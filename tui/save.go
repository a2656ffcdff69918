package tui

import (
	"fmt"
	"os"
	"path/filepath"

	"github.com/unstuck-dev/unstuck/checks/redact"
)

// saveSummary writes the summary to dir atomically (a temporary file renamed into place), readable
// only by its owner, and returns the path.
func saveSummary(dir, reference, text string) (string, error) {
	if dir == "" {
		dir = "."
	}
	abs, err := filepath.Abs(dir)
	if err != nil {
		return "", err
	}
	path := filepath.Join(abs, fmt.Sprintf("unstuck-summary-%s.txt", reference))
	return path, WriteFileAtomic(path, []byte(text))
}

// WriteFileAtomic writes data to path with mode 0600 so that a reader never sees half a file. A
// path that is not a regular file (a pipe, /dev/stdout, a device) is written to as it is, never
// replaced.
func WriteFileAtomic(path string, data []byte) error {
	data = redact.Bytes(data)
	if info, err := os.Stat(path); err == nil && !info.Mode().IsRegular() {
		if info.IsDir() {
			return fmt.Errorf("%s is a folder", path)
		}
		f, err := os.OpenFile(path, os.O_WRONLY, 0)
		if err != nil {
			return fmt.Errorf("cannot write %s: %w", path, unwrapPath(err))
		}
		if _, err := f.Write(data); err != nil {
			f.Close()
			return fmt.Errorf("cannot write %s: %w", path, unwrapPath(err))
		}
		return f.Close()
	}
	tmp, err := os.CreateTemp(filepath.Dir(path), ".unstuck-*.tmp")
	if err != nil {
		return fmt.Errorf("cannot write in %s: %w", filepath.Dir(path), unwrapPath(err))
	}
	defer os.Remove(tmp.Name())
	if err := tmp.Chmod(0o600); err != nil {
		tmp.Close()
		return err
	}
	if _, err := tmp.Write(data); err != nil {
		tmp.Close()
		return fmt.Errorf("cannot write %s: %w", path, unwrapPath(err))
	}
	if err := tmp.Sync(); err != nil {
		tmp.Close()
		return err
	}
	if err := tmp.Close(); err != nil {
		return err
	}
	return os.Rename(tmp.Name(), path)
}

func unwrapPath(err error) error {
	if pe, ok := err.(*os.PathError); ok {
		return pe.Err
	}
	return err
}
