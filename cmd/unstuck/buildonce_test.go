package main

import (
	"os"
	"os/exec"
	"path/filepath"
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
	code := r.m.Run()
	if built.dir != "" {
		os.RemoveAll(built.dir)
	}
	return code
}
