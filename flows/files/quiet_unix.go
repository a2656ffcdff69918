//go:build unix

package files

import "syscall"

// openQuietly is added to every open of a lock file: a named pipe does not block the open and a
// symbolic link is not followed.
const openQuietly = syscall.O_NONBLOCK | syscall.O_NOFOLLOW
