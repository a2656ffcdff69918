package files

import (
	"errors"
	"fmt"
	"io/fs"
	"math/rand/v2"
	"os"
	"path/filepath"
	"strconv"
	"syscall"
	"time"

	"github.com/unstuck-dev/unstuck/checks/redact"
)

// WriteOption changes how WriteFileAtomic treats the file at the path.
type WriteOption func(*writeOptions)

type writeOptions struct {
	perm   fs.FileMode // of a new file
	keep   bool        // a file replaced keeps its mode
	stream bool        // a pipe or a terminal is written as it is
}

// KeepMode is for a file the user named (--out, a translation): a file replaced keeps its mode, and
// a new one gets perm less the umask, as a shell's > would give it.
func KeepMode(perm fs.FileMode) WriteOption {
	return func(o *writeOptions) { o.perm, o.keep = perm, true }
}

// AllowStream is for --out: a path that is a named pipe or a terminal (/dev/stdout, a shell's >(…))
// is written to as it is, never replaced, and a link to a file writes the file it points at. A pipe
// that nobody reads fails at once, and one that stops taking fails after a while, instead of
// waiting for ever.
func AllowStream() WriteOption {
	return func(o *writeOptions) { o.stream = true }
}

// streamWait is how long a pipe or terminal may take nothing before a write to it is given up.
var streamWait = 10 * time.Second

// WriteFileAtomic does every file write of the program. Data goes to a temporary file beside path,
// renamed into place, so that a reader never sees half a file. Without options the file is readable
// only by its owner (0600), replacing whatever was at path: a symbolic link is replaced, never
// followed, so a saved session linked to a named pipe cannot hang a save. KeepMode and AllowStream
// are for the files a user names.
func WriteFileAtomic(path string, data []byte, opts ...WriteOption) error {
	data = redact.Bytes(data) // every file the program writes passes the scrubber
	o := writeOptions{perm: 0o600}
	for _, opt := range opts {
		opt(&o)
	}
	if o.stream {
		info, err := os.Stat(path)
		switch {
		case err == nil && info.Mode()&(fs.ModeNamedPipe|fs.ModeCharDevice) != 0:
			return writeStream(path, data)
		case err == nil && info.Mode().IsRegular():
			// A link to a file: the file it points at is the one meant, and keeps its mode.
			if real, err := filepath.EvalSymlinks(path); err == nil {
				path = real
			}
		}
	}
	return writeAtomic(path, data, o)
}

func writeAtomic(path string, data []byte, o writeOptions) error {
	perm, keep := o.perm, false
	if info, err := os.Lstat(path); err == nil {
		switch {
		case info.IsDir():
			return fmt.Errorf("cannot write %s: it is a folder", path)
		case info.Mode().IsRegular() && o.keep:
			perm, keep = info.Mode().Perm(), true
		}
	}
	dir := filepath.Dir(path)
	tmp, err := createTemp(dir, perm)
	if err != nil {
		return fmt.Errorf("cannot write in %s: %w", dir, Reason(err))
	}
	done := false
	defer func() {
		if !done {
			tmp.Close()
			os.Remove(tmp.Name())
		}
	}()
	if keep {
		// The file's own mode exactly, whatever the umask would make of it.
		if err := tmp.Chmod(perm); err != nil {
			return fmt.Errorf("cannot write %s: %w", path, Reason(err))
		}
	}
	if _, err := tmp.Write(data); err != nil {
		return fmt.Errorf("cannot write %s: %w", path, Reason(err))
	}
	if err := tmp.Sync(); err != nil {
		return fmt.Errorf("cannot write %s: %w", path, Reason(err))
	}
	if err := tmp.Close(); err != nil {
		return fmt.Errorf("cannot write %s: %w", path, Reason(err))
	}
	if err := os.Rename(tmp.Name(), path); err != nil {
		os.Remove(tmp.Name())
		done = true
		return fmt.Errorf("cannot write %s: %w", path, unwrapLink(err))
	}
	done = true
	return nil
}

// createTemp makes a new file beside the target with perm less the umask (os.CreateTemp would
// always make it 0600).
func createTemp(dir string, perm fs.FileMode) (*os.File, error) {
	for range 100 {
		name := filepath.Join(dir, ".unstuck-"+strconv.FormatUint(rand.Uint64(), 36)+".tmp")
		f, err := os.OpenFile(name, os.O_RDWR|os.O_CREATE|os.O_EXCL, perm)
		if errors.Is(err, fs.ErrExist) {
			continue
		}
		return f, err
	}
	return nil, errors.New("no free name for a temporary file")
}

// writeStream writes to a named pipe or a terminal without ever waiting for good: the open does not
// block (a pipe with no reader fails at once), and the writes give up when nothing is taken for
// streamWait.
func writeStream(path string, data []byte) error {
	fail := func(reason string) error { return fmt.Errorf("cannot write %s: %s", path, reason) }
	f, err := os.OpenFile(path, os.O_WRONLY|syscall.O_NONBLOCK|syscall.O_NOCTTY, 0)
	if errors.Is(err, syscall.ENXIO) {
		return fail("nothing is reading from this pipe")
	}
	if err != nil {
		return fail(Reason(err).Error())
	}
	defer f.Close()
	// What was opened, not what the path said a moment before.
	if info, err := f.Stat(); err != nil || info.Mode()&(fs.ModeNamedPipe|fs.ModeCharDevice) == 0 {
		return fail("it changed while it was opened")
	}
	for len(data) > 0 {
		// A deadline is refused where the descriptor cannot wait (/dev/null): writes there do not wait.
		f.SetWriteDeadline(time.Now().Add(streamWait))
		n, err := f.Write(data[:min(len(data), 64<<10)])
		data = data[n:]
		switch {
		case errors.Is(err, os.ErrDeadlineExceeded) || errors.Is(err, syscall.EAGAIN):
			return fail(fmt.Sprintf("nothing was taken from the pipe for %s", streamWait))
		case errors.Is(err, syscall.EPIPE):
			return fail("what read the pipe went away")
		case err != nil:
			return fail(Reason(err).Error())
		}
	}
	return f.Close()
}

// Reason is what went wrong with a path, without the path (the message names it already).
func Reason(err error) error {
	var pe *fs.PathError
	if errors.As(err, &pe) {
		return pe.Err
	}
	return err
}

func unwrapLink(err error) error {
	var le *os.LinkError
	if errors.As(err, &le) {
		return le.Err
	}
	return err
}

// OpenLockFile opens a session's lock file with flag (openQuietly is added: a lock file that is a
// named pipe or a link never blocks or leads elsewhere), creating it readable only by its owner. A
// lock is held on the open file, so it cannot be written by the rename WriteFileAtomic does; what
// goes into it is only the process id of the run that holds it.
func OpenLockFile(path string, flag int) (*os.File, error) {
	return os.OpenFile(path, flag|openQuietly, 0o600)
}
