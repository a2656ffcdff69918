//go:build !unix

package main

// inBackground is only known on Unix, where jobs are stopped and continued.
func inBackground(uintptr) bool { return false }
