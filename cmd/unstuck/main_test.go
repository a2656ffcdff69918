package main

import (
	"os"
	"path/filepath"
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
	t.Parallel() // each script in a work folder of its own
	testscript.Run(t, testscript.Params{Dir: "testdata/script", Setup: func(env *testscript.Env) error {
		// No system-wide library folder of this machine reaches a script (HOME is already not ours).
		env.Setenv("XDG_DATA_DIRS", filepath.Join(env.WorkDir, ".no-system-flows"))
		return nil
	}})
}
