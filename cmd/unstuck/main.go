// Command unstuck walks a shopper through a failing online payment and writes a summary for support.
package main

import "os"

func main() {
	os.Exit(run(os.Args[1:], systemStreams()))
}
