package session

import (
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/unstuck-dev/unstuck/flows/files"

	"github.com/unstuck-dev/unstuck/flows"
)

// A run's lock on its session is an advisory lock (flock) on a .lock file beside the session file,
// holding the run's process id. The kernel drops it when the process ends, even by SIGKILL, so a
// killed run never leaves its session locked.

// heldLock is a lock a run holds; releasing it twice is harmless.
type heldLock struct {
	mu sync.Mutex
	f  *os.File
}

// held reports whether the lock is still held.
func (l *heldLock) held() bool {
	if l == nil {
		return false
	}
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.f != nil
}

func (l *heldLock) release() {
	if l == nil {
		return
	}
	l.mu.Lock()
	defer l.mu.Unlock()
	if l.f != nil {
		l.f.Close()
		l.f = nil
	}
}

// takeLock locks f for this process and writes its id in it. Another unstuck listing sessions holds
// a lock for an instant to see whether it is free, so a lock that is taken is tried again for a
// moment before errLocked is returned.
func takeLock(f *os.File) (*heldLock, error) {
	if info, err := f.Stat(); err != nil {
		return nil, err
	} else if !info.Mode().IsRegular() {
		return nil, fmt.Errorf("%s is not a regular file", f.Name())
	}
	for i := 0; ; i++ {
		err := lockExclusive(f)
		if err == nil {
			break
		}
		if !errors.Is(err, errLocked) || i == 20 {
			return nil, err
		}
		time.Sleep(5 * time.Millisecond)
	}
	if err := f.Truncate(0); err == nil {
		f.WriteAt([]byte(strconv.Itoa(os.Getpid())+"\n"), 0)
	}
	return &heldLock{f: f}, nil
}

// sameFile reports whether f is still the file at path: a lock file removed (its run finished)
// and made again is another file, and a lock on the old one locks nothing.
func sameFile(f *os.File, path string) bool {
	a, err := f.Stat()
	if err != nil {
		return false
	}
	b, err := os.Stat(path)
	return err == nil && os.SameFile(a, b)
}

// lockHolder is the process id written in a lock file, or 0.
func lockHolder(path string) int {
	data, err := readSmall(path, 32)
	if err != nil {
		return 0
	}
	pid, _ := strconv.Atoi(strings.TrimSpace(string(data)))
	return max(pid, 0)
}

// holderOf says who has a session open, for the list: the process id, -1 when that run did not say,
// or 0 when nobody has.
func holderOf(lock string) int {
	f, err := files.OpenLockFile(lock, os.O_RDONLY)
	if err != nil {
		return 0
	}
	defer f.Close()
	if info, err := f.Stat(); err != nil || !info.Mode().IsRegular() || !isLocked(f) {
		return 0
	}
	if pid := lockHolder(lock); pid > 0 {
		return pid
	}
	return -1
}

// ErrSessionGone is returned by Claim for a session that was finished or removed since it was listed.
var ErrSessionGone = errors.New("this session was finished or removed since it was listed")

// claimReadLimit bounds the read of a session being claimed; a session is a few kilobytes.
const claimReadLimit = 4 << 20

// Claim locks the session for this run, or returns an *InUseError naming the run that has it. It
// reads the session again once locked, since the run that had it may have gone further. The lock
// is held until Release, or until the run that continues it (Store.Continue) ends.
func (sv *Saved) Claim() error {
	if sv.lock.held() {
		return nil
	}
	lp := lockPath(sv.Path)
	for range 3 {
		f, err := files.OpenLockFile(lp, os.O_RDWR|os.O_CREATE)
		if err != nil {
			return fmt.Errorf("cannot open the lock file %s: %w", lp, files.Reason(err))
		}
		l, err := takeLock(f)
		if errors.Is(err, errLocked) {
			f.Close()
			return &InUseError{Path: sv.Path, PID: lockHolder(lp)}
		}
		if err != nil {
			f.Close()
			return fmt.Errorf("cannot lock %s: %w", lp, err)
		}
		if !sameFile(f, lp) {
			l.release() // the run that had it ended and removed it meanwhile: look again
			continue
		}
		data, err := readSmall(sv.Path, claimReadLimit)
		if errors.Is(err, fs.ErrNotExist) {
			os.Remove(lp)
			l.release()
			return ErrSessionGone
		}
		var snap flows.Snapshot
		if err == nil {
			snap, err = flows.UnmarshalSnapshot(data)
		}
		if err != nil {
			l.release()
			return fmt.Errorf("the saved session %s cannot be read: %s", sv.Path, plainReason(err))
		}
		sv.Snap, sv.lock, sv.Holder = snap, l, 0
		return nil
	}
	return &InUseError{Path: sv.Path, PID: lockHolder(lp)}
}

// Release lets go of a claimed session without continuing it (or after the run ended).
func (sv *Saved) Release() {
	sv.lock.release()
}

// readSmall reads a regular file of at most limit bytes, without blocking on a pipe or following a
// symbolic link.
func readSmall(path string, limit int64) ([]byte, error) {
	f, err := files.OpenLockFile(path, os.O_RDONLY)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	if info, err := f.Stat(); err != nil {
		return nil, err
	} else if !info.Mode().IsRegular() {
		return nil, fmt.Errorf("%s is not a regular file", path)
	}
	data, err := io.ReadAll(io.LimitReader(f, limit+1))
	if err == nil && int64(len(data)) > limit {
		return nil, fmt.Errorf("%s is larger than %d bytes", path, limit)
	}
	return data, err
}
