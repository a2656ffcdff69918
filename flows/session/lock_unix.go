//go:build unix

package session

import (
	"errors"
	"os"
	"syscall"
)

// permissionsApply: the state folder's mode says who else can open it.
const permissionsApply = true

// errLocked is what flock says when another open file holds the lock.
var errLocked = syscall.EWOULDBLOCK

func flock(f *os.File, how int) error {
	for {
		err := syscall.Flock(int(f.Fd()), how|syscall.LOCK_NB)
		if !errors.Is(err, syscall.EINTR) {
			return err
		}
	}
}

func lockExclusive(f *os.File) error { return flock(f, syscall.LOCK_EX) }

// isLocked reports whether another open file holds a lock on f, taking a shared lock for an instant.
func isLocked(f *os.File) bool {
	err := flock(f, syscall.LOCK_SH)
	if err == nil {
		syscall.Flock(int(f.Fd()), syscall.LOCK_UN)
		return false
	}
	return errors.Is(err, errLocked)
}

func fileOwner(info os.FileInfo) (int, bool) {
	st, ok := info.Sys().(*syscall.Stat_t)
	if !ok {
		return 0, false
	}
	return int(st.Uid), true
}
