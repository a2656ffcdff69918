package main

import (
	"flag"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"strconv"
	"sync"
	"testing"
)

// The end-to-end tests run the real binary; it is built once per test process and shared (each test
// used to build its own), in a folder removed when the tests end (removeBuilt, from TestMain).
var built struct {
	mu   sync.Mutex
	dir  string
	bins map[string]string
}

// buildShared builds pkg as name once per test process and returns its path.
func buildShared(t testing.TB, pkg, name string) string {
	t.Helper()
	built.mu.Lock()
	defer built.mu.Unlock()
	if bin, ok := built.bins[pkg+" "+name]; ok {
		return bin
	}
	if built.dir == "" {
		dir, err := os.MkdirTemp("", "unstuck-test-bin-")
		if err != nil {
			t.Fatal(err)
		}
		built.dir, built.bins = dir, map[string]string{}
	}
	bin := filepath.Join(built.dir, name)
	if out, err := exec.Command("go", "build", "-o", bin, pkg).CombinedOutput(); err != nil {
		t.Fatalf("go build: %v\n%s", err, out)
	}
	built.bins[pkg+" "+name] = bin
	return bin
}

// removeBuilt runs the tests, then removes what buildShared built.
type removeBuilt struct{ m *testing.M }

func (r removeBuilt) Run() int {
	widenParallel()
	code := r.m.Run()
	if built.dir != "" {
		os.RemoveAll(built.dir)
	}
	return code
}

// waitingTests is how many tests run side by side by default, per core. Most of this package's tests
// wait rather than compute: for a tmux pane to show a frame, for the built binary to end, for a
// signal's grace to pass. Go's default, one per core, would keep a core idle while two of them wait.
const waitingTests = 4

// widenParallel sets -test.parallel to waitingTests per core unless the command line set it. It runs
// only as the test binary (testscript.Main calls Run), never as the unstuck command of a script,
// whose arguments are not the test flags.
func widenParallel() {
	if !flag.Parsed() {
		flag.Parse()
	}
	set := false
	flag.Visit(func(f *flag.Flag) { set = set || f.Name == "test.parallel" })
	if !set {
		flag.Set("test.parallel", strconv.Itoa(waitingTests*runtime.GOMAXPROCS(0)))
	}
}
