//go:build unix

package main

import "golang.org/x/sys/unix"

// inBackground reports whether the terminal at fd belongs to another process group than this
// program's: a job continued with SIGCONT but not brought back with fg. Such a job that touches the
// terminal is stopped again (SIGTTOU), so on a stop signal it must end without touching it.
func inBackground(fd uintptr) bool {
	fg, err := unix.IoctlGetInt(int(fd), unix.TIOCGPGRP)
	return err == nil && fg != unix.Getpgrp()
}
