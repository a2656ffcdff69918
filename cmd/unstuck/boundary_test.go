package main

import (
	"fmt"
	"go/ast"
	"go/parser"
	"go/token"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"
)

// The one boundary: everything unstuck writes leaves through the scrubbing streams (streams.go), the
// one file writer (files.WriteFileAtomic in flows/files, which scrubs), the scrubbed clipboard call, or the screen,
// whose every frame App.View scrubs. These tests read the module's source and fail on any other way
// out, naming the file and line.

// boundaryRules say which code may do what; the paths are relative to the module's root.
var boundaryRules = struct {
	stdStreams  []string // os.Stdout, os.Stderr
	fileWriters []string // os.WriteFile, os.Create, os.CreateTemp, os.OpenFile for writing
	teaOutput   []string // tea.WithOutput: a program that draws on a raw writer
	rawScreen   []string // streams.unscrubbedScreen
	readOnlyFDs []string // os.NewFile over a descriptor opened read-only
	terminal    []string // os.OpenFile(ttyPath, ...): the terminal, drawn on only as unscrubbedScreen
}{
	stdStreams:  []string{"cmd/unstuck/streams.go", "cmd/teafloor/", "bench/"}, // bench/: measuring tools, not unstuck
	fileWriters: []string{"flows/files/write.go", "bench/"},
	teaOutput:   []string{"tui/run.go", "cmd/teafloor/"},
	rawScreen:   []string{"cmd/unstuck/streams.go", "cmd/unstuck/run.go"},
	readOnlyFDs: []string{"flows/saferead/saferead.go"}, // syscall.Open(…, O_RDONLY|O_NONBLOCK…): a reader
	terminal:    []string{"cmd/unstuck/streams.go"},     // the screen when stderr is redirected (unstuck 2>log)
}

func allowed(file string, places []string) bool {
	for _, p := range places {
		if file == p || strings.HasSuffix(p, "/") && strings.HasPrefix(file, p) {
			return true
		}
	}
	return false
}

// importNames maps import paths to the names a file uses for them.
func importNames(f *ast.File) map[string]string {
	names := map[string]string{}
	for _, im := range f.Imports {
		p, _ := strconv.Unquote(im.Path.Value)
		name := path.Base(p)
		if len(name) >= 2 && name[0] == 'v' && strings.Trim(name[1:], "0123456789") == "" {
			name = path.Base(path.Dir(p)) // charm.land/bubbletea/v2
		}
		if im.Name != nil {
			name = im.Name.Name
		}
		names[p] = name
	}
	return names
}

// writeFlags are the os.OpenFile flags that make it a writer.
var writeFlags = []string{"O_WRONLY", "O_RDWR", "O_APPEND", "O_CREATE", "O_TRUNC"}

// boundaryOffences lists every way out of the boundary in one file's source.
func boundaryOffences(fset *token.FileSet, name string, f *ast.File) []string {
	var out []string
	imp := importNames(f)
	pkg := func(e ast.Expr, importPath, member string) bool {
		sel, ok := e.(*ast.SelectorExpr)
		if !ok {
			return false
		}
		id, ok := sel.X.(*ast.Ident)
		return ok && imp[importPath] != "" && id.Name == imp[importPath] && (member == "" || sel.Sel.Name == member)
	}
	member := func(e ast.Expr) string { return e.(*ast.SelectorExpr).Sel.Name }
	say := func(n ast.Node, format string, args ...any) {
		out = append(out, fmt.Sprintf("%s:%d: %s", name, fset.Position(n.Pos()).Line, fmt.Sprintf(format, args...)))
	}
	ast.Inspect(f, func(n ast.Node) bool {
		switch n := n.(type) {
		case *ast.SelectorExpr:
			if pkg(n, "os", "") && (n.Sel.Name == "Stdout" || n.Sel.Name == "Stderr") && !allowed(name, boundaryRules.stdStreams) {
				say(n, "os.%s is written around the scrubbing streams; use the streams' Out or ErrOut", n.Sel.Name)
			}
			if n.Sel.Name == "unscrubbedScreen" && !allowed(name, boundaryRules.rawScreen) {
				say(n, "the raw screen is only for the full-screen UI, which scrubs its frames")
			}
		case *ast.CallExpr:
			fun := n.Fun
			if id, ok := fun.(*ast.Ident); ok && (id.Name == "print" || id.Name == "println") && id.Obj == nil {
				say(n, "the builtin %s writes to stderr around the scrubbing streams", id.Name)
			}
			switch {
			case pkg(fun, "fmt", "") && strings.HasPrefix(member(fun), "Print"):
				say(n, "fmt.%s writes to stdout around the scrubbing streams; use fmt.Fprint to the streams' Out", member(fun))
			case pkg(fun, "log", "") && (strings.HasPrefix(member(fun), "Print") || strings.HasPrefix(member(fun), "Fatal") || strings.HasPrefix(member(fun), "Panic")):
				say(n, "log.%s writes to stderr around the scrubbing streams", member(fun))
			case pkg(fun, "os", "NewFile") && !allowed(name, boundaryRules.readOnlyFDs) || pkg(fun, "syscall", "Write") || pkg(fun, "golang.org/x/sys/unix", "Write"):
				say(n, "%s writes around the scrubbing streams", member(fun))
			case (pkg(fun, "os", "WriteFile") || pkg(fun, "os", "Create") || pkg(fun, "os", "CreateTemp")) && !allowed(name, boundaryRules.fileWriters):
				say(n, "os.%s writes a file around the one file writer; use files.WriteFileAtomic, which scrubs", member(fun))
			case pkg(fun, "os", "OpenFile") && !allowed(name, boundaryRules.fileWriters) && !(allowed(name, boundaryRules.terminal) && isIdent(n.Args[0], "ttyPath")):
				if len(n.Args) < 2 || opensForWriting(n.Args[1], imp["os"]) {
					say(n, "os.OpenFile opens a file for writing around the one file writer; use files.WriteFileAtomic, which scrubs")
				}
			case pkg(fun, "charm.land/bubbletea/v2", "WithOutput") && !allowed(name, boundaryRules.teaOutput):
				say(n, "tea.WithOutput draws on a raw writer; only tui.Run may, with the frames App.View scrubs")
			case pkg(fun, "charm.land/bubbletea/v2", "SetClipboard"):
				if len(n.Args) != 1 || !isCall(n.Args[0], "github.com/unstuck-dev/unstuck/checks/redact", "String", pkg) {
					say(n, "tea.SetClipboard must be given redact.String(...): the clipboard leaves the program too")
				}
			}
		}
		return true
	})
	return out
}

// opensForWriting reports whether OpenFile's flags may write: any write flag named, or flags it
// cannot read (a variable), to be safe.
func opensForWriting(flags ast.Expr, osName string) bool {
	writes, unknown := false, false
	ast.Inspect(flags, func(n ast.Node) bool {
		switch n := n.(type) {
		case *ast.SelectorExpr:
			if id, ok := n.X.(*ast.Ident); ok && id.Name == osName {
				if slices.Contains(writeFlags, n.Sel.Name) {
					writes = true
				}
				return false
			}
			unknown = true
		case *ast.Ident:
			unknown = true
		}
		return true
	})
	return writes || unknown
}

func isCall(e ast.Expr, importPath, member string, pkg func(ast.Expr, string, string) bool) bool {
	call, ok := e.(*ast.CallExpr)
	return ok && pkg(call.Fun, importPath, member)
}

// moduleRoot is the folder of go.mod, above this package.
func moduleRoot(t *testing.T) string {
	t.Helper()
	dir, err := os.Getwd()
	if err != nil {
		t.Fatal(err)
	}
	for {
		if _, err := os.Stat(filepath.Join(dir, "go.mod")); err == nil {
			return dir
		}
		parent := filepath.Dir(dir)
		if parent == dir {
			t.Fatal("no go.mod above the test")
		}
		dir = parent
	}
}

func TestNothingWritesAroundTheScrubbingBoundary(t *testing.T) {
	root := moduleRoot(t)
	fset := token.NewFileSet()
	var offences []string
	files := 0
	err := filepath.WalkDir(root, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.IsDir() {
			if n := d.Name(); p != root && (n == "testdata" || n == "vendor" || strings.HasPrefix(n, ".")) {
				return filepath.SkipDir
			}
			return nil
		}
		if !strings.HasSuffix(p, ".go") || strings.HasSuffix(p, "_test.go") {
			return nil
		}
		rel, _ := filepath.Rel(root, p)
		rel = filepath.ToSlash(rel)
		f, err := parser.ParseFile(fset, p, nil, 0)
		if err != nil {
			return err
		}
		files++
		offences = append(offences, boundaryOffences(fset, rel, f)...)
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if files < 20 {
		t.Fatalf("only %d Go files found under %s: the walk is wrong", files, root)
	}
	for _, o := range offences {
		t.Error(o)
	}
}

func TestTheBoundaryCheckFindsEveryWayOut(t *testing.T) {
	src := `package x

import (
	"fmt"
	"log"
	"os"

	tea "charm.land/bubbletea/v2"
	"github.com/unstuck-dev/unstuck/checks/redact"
)

func f(text string, flags int) {
	fmt.Println(text)
	fmt.Fprintln(os.Stderr, text)
	println(text)
	log.Printf("%s", text)
	os.WriteFile("x", []byte(text), 0o600)
	os.Create("x")
	os.CreateTemp("", "x")
	os.OpenFile("x", os.O_WRONLY|os.O_CREATE, 0o600)
	os.OpenFile("x", flags, 0)
	os.OpenFile("x", os.O_RDONLY, 0)
	tea.SetClipboard(text)
	tea.SetClipboard(redact.String(text))
	tea.NewProgram(nil, tea.WithOutput(os.Stdout))
	fmt.Fprintln(s.unscrubbedScreen, text)
}
`
	fset := token.NewFileSet()
	f, err := parser.ParseFile(fset, "x/x.go", src, 0)
	if err != nil {
		t.Fatal(err)
	}
	var lines []string
	for _, o := range boundaryOffences(fset, "x/x.go", f) {
		lines = append(lines, strings.SplitN(o, ": ", 2)[0])
	}
	want := []string{"x/x.go:13", "x/x.go:14", "x/x.go:15", "x/x.go:16", "x/x.go:17", "x/x.go:18", "x/x.go:19", "x/x.go:20", "x/x.go:21", "x/x.go:23", "x/x.go:25", "x/x.go:25", "x/x.go:26"}
	if !slices.Equal(lines, want) {
		t.Errorf("offences found at %q,\nwant %q", lines, want)
	}
}

// isIdent reports whether e is the identifier name.
func isIdent(e ast.Expr, name string) bool {
	id, ok := e.(*ast.Ident)
	return ok && id.Name == name
}
