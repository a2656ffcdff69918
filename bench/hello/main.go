// Command hello is the floor for `unstuck list` in bench/startup: a Go program that prints a line.
package main

import "os"

func main() { os.Stdout.WriteString("hello, world\n") }
