package main

import (
	"os"
	"testing"

	"github.com/rogpeppe/go-internal/testscript"
)

// The scripts in testdata/script run the real run() in-process, as the command "unstuck".
func TestMain(m *testing.M) {
	testscript.Main(removeBuilt{m}, map[string]func(){
		"unstuck": func() { os.Exit(run(os.Args[1:], systemStreams())) },
	})
}

func TestScripts(t *testing.T) {
	testscript.Run(t, testscript.Params{Dir: "testdata/script"})
}
