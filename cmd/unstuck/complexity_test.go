package main

import (
	"go/ast"
	"go/parser"
	"go/token"
	"io/fs"
	"path/filepath"
	"sort"
	"strings"
	"testing"
)

// maxComplexity is the most cyclomatic complexity a function outside tests may have, unless its doc
// comment says why it needs more (in a sentence that names its complexity).
const maxComplexity = 25

// cyclomatic counts a function's complexity as gocyclo does: one, plus one for each if, for, range,
// case (not default), select case (not default), && and ||. Function literals count toward the
// function they are written in.
func cyclomatic(fn *ast.FuncDecl) int {
	n := 1
	ast.Inspect(fn, func(node ast.Node) bool {
		switch x := node.(type) {
		case *ast.IfStmt, *ast.ForStmt, *ast.RangeStmt:
			n++
		case *ast.CaseClause:
			if x.List != nil {
				n++
			}
		case *ast.CommClause:
			if x.Comm != nil {
				n++
			}
		case *ast.BinaryExpr:
			if x.Op == token.LAND || x.Op == token.LOR {
				n++
			}
		}
		return true
	})
	return n
}

type complexFunc struct {
	name, place string
	score       int
	explained   bool
}

// complexFuncs lists the functions over maxComplexity in the Go files (tests left out) under root.
func complexFuncs(t *testing.T, root string) []complexFunc {
	t.Helper()
	var out []complexFunc
	fset := token.NewFileSet()
	err := filepath.WalkDir(root, func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.IsDir() && (d.Name() == "testdata" || strings.HasPrefix(d.Name(), ".")) && path != root {
			return filepath.SkipDir
		}
		if d.IsDir() || !strings.HasSuffix(path, ".go") || strings.HasSuffix(path, "_test.go") {
			return nil
		}
		f, err := parser.ParseFile(fset, path, nil, parser.ParseComments)
		if err != nil {
			return err
		}
		for _, decl := range f.Decls {
			fn, ok := decl.(*ast.FuncDecl)
			if !ok {
				continue
			}
			if score := cyclomatic(fn); score > maxComplexity {
				name := fn.Name.Name
				if fn.Recv != nil && len(fn.Recv.List) > 0 {
					name = recvName(fn.Recv.List[0].Type) + "." + name
				}
				out = append(out, complexFunc{name: name, place: fset.Position(fn.Pos()).String(), score: score,
					explained: fn.Doc != nil && strings.Contains(strings.ToLower(fn.Doc.Text()), "complexity")})
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	sort.Slice(out, func(i, j int) bool { return out[i].score > out[j].score })
	return out
}

func recvName(e ast.Expr) string {
	switch x := e.(type) {
	case *ast.StarExpr:
		return recvName(x.X)
	case *ast.IndexExpr:
		return recvName(x.X)
	case *ast.Ident:
		return x.Name
	}
	return "?"
}

// TestNoFunctionIsTooComplex holds every function outside tests to a cyclomatic complexity of at
// most 25, unless its doc comment says, in a sentence about its complexity, why it needs more.
func TestNoFunctionIsTooComplex(t *testing.T) {
	for _, f := range complexFuncs(t, filepath.Join("..", "..")) {
		t.Logf("%s: %s has a cyclomatic complexity of %d", f.place, f.name, f.score)
		if !f.explained {
			t.Errorf("%s: %s has a cyclomatic complexity of %d (at most %d): split it, or say why in its doc comment", f.place, f.name, f.score, maxComplexity)
		}
	}
}

// The counter itself: a test that cannot fail is a defect.
func TestCyclomaticCountsLikeGocyclo(t *testing.T) {
	for _, tc := range []struct {
		name, src string
		want      int
	}{
		{"a straight function is one", "func f() { x := 1; _ = x }", 1},
		{"an if and an else if are two more", "func f(a int) { if a > 1 {} else if a < 0 {} }", 3},
		{"each case but default counts", "func f(a int) { switch a { case 1: case 2, 3: default: } }", 3},
		{"and, or, for and range count", "func f(a []int) { for range a {}; for i := 0; i < 2 && a != nil || false; i++ {} }", 5},
		{"a closure counts toward its function", "func f() { g := func(b bool) { if b {} }; _ = g }", 2},
		{"a select case counts, its default not", "func f(c chan int) { select { case <-c: default: } }", 2},
	} {
		t.Run(tc.name, func(t *testing.T) {
			f, err := parser.ParseFile(token.NewFileSet(), "x.go", "package x\n"+tc.src, 0)
			if err != nil {
				t.Fatal(err)
			}
			if got := cyclomatic(f.Decls[0].(*ast.FuncDecl)); got != tc.want {
				t.Errorf("got %d, want %d", got, tc.want)
			}
		})
	}
}
