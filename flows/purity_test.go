package flows_test

import (
	"go/ast"
	"go/parser"
	"go/token"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
)

// The engine and the format are pure: no network in what flows pulls in, and no file reading or
// clock in its own code. Files are read by flows/files, the clock is read by the front ends.

func TestFlowsPullsInNoNetwork(t *testing.T) {
	out, err := exec.Command("go", "list", "-deps", ".").Output()
	if err != nil {
		t.Fatalf("go list -deps: %v", err)
	}
	deps := strings.Fields(string(out))
	if len(deps) < 10 {
		t.Fatalf("go list -deps found only %v; the test is out of date", deps)
	}
	for _, dep := range deps {
		switch dep {
		case "net", "net/http", "crypto/tls", "os/exec":
			t.Errorf("flows depends on %s: the engine must not reach the network or run programs", dep)
		}
	}
}

// impure are what flows' own code must not use: reading files, the clock, the system.
var impure = map[string][]string{
	"os":            {"Open", "OpenFile", "ReadFile", "ReadDir", "Stat", "Lstat", "Create", "WriteFile"},
	"syscall":       {"Open"},
	"time":          {"Now", "Since", "Until"},
	"path/filepath": {"Glob", "Walk", "WalkDir"},
}

func TestFlowsReadsNoFilesAndNoClock(t *testing.T) {
	names, _ := filepath.Glob("*.go")
	fset := token.NewFileSet()
	read := 0
	for _, name := range names {
		if strings.HasSuffix(name, "_test.go") {
			continue
		}
		f, err := parser.ParseFile(fset, name, nil, 0)
		if err != nil {
			t.Fatal(err)
		}
		read++
		local := map[string]string{} // the name a file uses for an import -> its path
		for _, im := range f.Imports {
			p, _ := strconv.Unquote(im.Path.Value)
			if strings.HasSuffix(p, "/flows/saferead") {
				t.Errorf("%s imports %s: reading files belongs in flows/files", name, p)
			}
			n := filepath.Base(p)
			if im.Name != nil {
				n = im.Name.Name
			}
			local[n] = p
		}
		ast.Inspect(f, func(n ast.Node) bool {
			sel, ok := n.(*ast.SelectorExpr)
			if !ok {
				return true
			}
			id, ok := sel.X.(*ast.Ident)
			if !ok {
				return true
			}
			for _, member := range impure[local[id.Name]] {
				if sel.Sel.Name == member {
					t.Errorf("%s: %s.%s: flows is pure (files are read by flows/files, the time comes from the caller)",
						fset.Position(sel.Pos()), id.Name, member)
				}
			}
			return true
		})
	}
	if read < 20 {
		t.Fatalf("read only %d files; the test is out of date", read)
	}
}
