// Command unstuck walks a shopper through a failing online payment and writes a summary for support.
package main

import (
	"os"

	// The connection check registers itself in the checks registry when imported; flows name it as
	// "connectivity". check.go imports it too, but the program must not lose it if that file changes.
	_ "github.com/unstuck-dev/unstuck/checks/connectivity"
)

func main() {
	os.Exit(run(os.Args[1:], systemStreams()))
}
