// Package saferead reads files and streams with a bound: opening never blocks (a named pipe with no
// writer, a terminal), what is not a regular file is refused before reading, and no read grows past
// the caller's limit. Every file unstuck reads from a path goes through it.
package saferead

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"syscall"
	"time"
)

// The kinds of refusal, for errors.Is: a refused file's error wraps one of these, or the system's
// own error (fs.ErrNotExist, fs.ErrPermission, ...).
var (
	ErrNotRegular     = errors.New("not a regular file")
	ErrTooLarge       = errors.New("too large")
	ErrNothingArrived = errors.New("nothing arrived on the pipe")
)

// NotRegularError refuses a path that is a folder, a named pipe, a device or a socket.
type NotRegularError struct {
	What        string // "a folder", "a named pipe", "a device", "a socket"
	PipeAllowed bool   // the caller would have taken a pipe
}

func (e *NotRegularError) Error() string {
	if e.PipeAllowed {
		return "not a regular file or a pipe: it is " + e.What
	}
	return "not a regular file: it is " + e.What
}

func (e *NotRegularError) Is(target error) bool { return target == ErrNotRegular }

// IsFolder reports whether the path refused was a folder.
func (e *NotRegularError) IsFolder() bool { return e.What == folder }

// TooLargeError refuses a file or stream larger than the caller's limit. Size is the file's size
// when it was known before reading, else 0 (a stream, or a file that grew while it was read).
type TooLargeError struct {
	Size, Max int64
}

func (e *TooLargeError) Error() string {
	if e.Size > 0 {
		return fmt.Sprintf("too large: %s, over the limit of %s", Size(e.Size), Size(e.Max))
	}
	return "too large: over the limit of " + Size(e.Max)
}

func (e *TooLargeError) Is(target error) bool { return target == ErrTooLarge }

// Size says a number of bytes the way a person would: 512 bytes, 40 KB, 32 MB, 1.5 GB.
func Size(n int64) string {
	switch {
	case n < 1<<10:
		if n == 1 {
			return "1 byte"
		}
		return fmt.Sprintf("%d bytes", n)
	case n < 1<<20:
		return fmt.Sprintf("%d KB", n>>10)
	case n < 1<<30:
		return fmt.Sprintf("%d MB", n>>20)
	case n%(1<<30) == 0:
		return fmt.Sprintf("%d GB", n>>30)
	}
	return fmt.Sprintf("%.1f GB", float64(n)/(1<<30))
}

// ReadRegular reads the regular file at path, at most max bytes. The open cannot block (a named
// pipe with no writer, a terminal), and the file is checked through the descriptor opened, not the
// path, so a file swapped in between cannot slip through. A folder, pipe, device or socket is
// refused with a *NotRegularError, a file larger than max with a *TooLargeError before anything is
// read; a file that grows past max while it is read is refused too. Errors are *fs.PathError values
// that read as "cannot read PATH: REASON".
func ReadRegular(path string, max int64) ([]byte, error) {
	return read(context.Background(), path, max, false, 0)
}

// ReadFileOrPipe is ReadRegular that also takes a pipe: a named pipe, or one reached through
// /dev/fd (a shell's process substitution, <(…)), read up to max bytes. A pipe that sends nothing
// for wait, or whose writer never comes, is given up with ErrNothingArrived; ctx ends the wait
// sooner. Devices (/dev/zero, a terminal) and sockets are still refused.
func ReadFileOrPipe(ctx context.Context, path string, max int64, wait time.Duration) ([]byte, error) {
	return read(ctx, path, max, true, wait)
}

// ReadStream reads r to its end, at most max bytes; more is a *TooLargeError, and reading stops
// there, so an endless stream (/dev/zero as standard input) ends at once.
func ReadStream(r io.Reader, max int64) ([]byte, error) {
	data, err := io.ReadAll(io.LimitReader(r, max+1))
	if err != nil {
		return nil, err
	}
	if int64(len(data)) > max {
		return nil, &TooLargeError{Max: max}
	}
	return data, nil
}

// ReadLine reads r up to the first line break, at most max bytes, and returns the line without it.
// A stream that holds more than max bytes before a line break is a *TooLargeError. A stream that
// ends without a line break gives what it held; one that ends with nothing gives io.EOF.
func ReadLine(r io.Reader, max int) (string, error) {
	var line []byte
	buf := make([]byte, 1)
	for len(line) <= max {
		// A byte at a time, so that nothing after the line is taken from a shared stream.
		n, err := r.Read(buf)
		if n == 1 {
			if buf[0] == '\n' {
				return string(line), nil
			}
			line = append(line, buf[0])
		}
		if errors.Is(err, io.EOF) {
			if len(line) == 0 {
				return "", io.EOF
			}
			return string(line), nil
		}
		if err != nil {
			return "", err
		}
	}
	return "", &TooLargeError{Max: int64(max)}
}

const folder = "a folder"

// what names a kind of file that is not regular, for a person.
func what(mode fs.FileMode) string {
	switch {
	case mode.IsDir():
		return folder
	case mode&fs.ModeNamedPipe != 0:
		return "a named pipe"
	case mode&fs.ModeSocket != 0:
		return "a socket"
	case mode&fs.ModeDevice != 0:
		return "a device"
	}
	return "not a file"
}

func read(ctx context.Context, path string, max int64, pipeOK bool, wait time.Duration) ([]byte, error) {
	fail := func(err error) error { return &fs.PathError{Op: "cannot read", Path: path, Err: err} }
	f, err := open(path)
	if err != nil {
		if errors.Is(err, syscall.ENXIO) {
			// A socket, or a device with nothing behind it: say which, from the path.
			if info, serr := os.Stat(path); serr == nil && !info.Mode().IsRegular() {
				return nil, fail(&NotRegularError{What: what(info.Mode()), PipeAllowed: pipeOK})
			}
		}
		return nil, fail(err)
	}
	defer f.Close()
	info, err := f.Stat()
	if err != nil {
		return nil, fail(unwrap(err))
	}
	mode := info.Mode()
	switch {
	case pipeOK && mode&fs.ModeNamedPipe != 0:
		data, err := readPipe(ctx, f, max, wait)
		if err != nil {
			return nil, fail(err)
		}
		return data, nil
	case !mode.IsRegular():
		return nil, fail(&NotRegularError{What: what(mode), PipeAllowed: pipeOK})
	case info.Size() > max:
		return nil, fail(&TooLargeError{Size: info.Size(), Max: max})
	}
	var b bytes.Buffer
	b.Grow(int(min(info.Size(), max) + 1))
	if _, err := b.ReadFrom(io.LimitReader(f, max+1)); err != nil {
		return nil, fail(unwrap(err))
	}
	if int64(b.Len()) > max {
		return nil, fail(&TooLargeError{Max: max})
	}
	return b.Bytes(), nil
}

// open opens path for reading without blocking: a named pipe opens at once whether or not anything
// writes to it, and a terminal does not become the program's controlling terminal.
func open(path string) (*os.File, error) {
	for {
		fd, err := syscall.Open(path, syscall.O_RDONLY|syscall.O_NONBLOCK|syscall.O_NOCTTY|syscall.O_CLOEXEC, 0)
		if err == syscall.EINTR {
			continue
		}
		if err != nil {
			return nil, err
		}
		return os.NewFile(uintptr(fd), path), nil
	}
}

// pipePoll is how often a pipe with no writer yet is looked at again.
const pipePoll = 20 * time.Millisecond

// readPipe reads a pipe opened without blocking, at most max bytes, giving up when nothing arrives
// for wait or ctx ends.
func readPipe(ctx context.Context, f *os.File, max int64, wait time.Duration) ([]byte, error) {
	// A deadline in the past wakes a read that waits, when ctx ends.
	stop := context.AfterFunc(ctx, func() { f.SetReadDeadline(time.Unix(1, 0)) })
	defer stop()
	var data []byte
	chunk := make([]byte, 32<<10)
	idle := time.Now().Add(wait)
	for {
		// Where the descriptor cannot wait (not pollable), the deadline is refused and the read
		// says EAGAIN instead: both are handled below.
		f.SetReadDeadline(idle)
		if err := ctx.Err(); err != nil {
			return nil, err
		}
		n, err := f.Read(chunk[:min(int64(len(chunk)), max+1-int64(len(data)))])
		data = append(data, chunk[:n]...)
		if int64(len(data)) > max {
			return nil, &TooLargeError{Max: max}
		}
		if n > 0 {
			idle = time.Now().Add(wait)
			continue
		}
		waiting := errors.Is(err, syscall.EAGAIN) ||
			// A named pipe that nobody opened for writing yet reads as ended: wait for a writer.
			(errors.Is(err, io.EOF) && len(data) == 0)
		switch {
		case errors.Is(err, io.EOF) && !waiting:
			return data, nil
		case waiting || errors.Is(err, os.ErrDeadlineExceeded):
			if err := ctx.Err(); err != nil {
				return nil, err
			}
			if !time.Now().Before(idle) {
				if len(data) == 0 {
					return nil, fmt.Errorf("%w in %s", ErrNothingArrived, wait)
				}
				return nil, fmt.Errorf("the pipe sent nothing more for %s and did not end", wait)
			}
			if waiting {
				select {
				case <-ctx.Done():
				case <-time.After(pipePoll):
				}
			}
		case err != nil:
			return nil, unwrap(err)
		}
	}
}

func unwrap(err error) error {
	var pe *fs.PathError
	if errors.As(err, &pe) {
		return pe.Err
	}
	return err
}
