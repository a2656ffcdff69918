package flows

import (
	"embed"
	"fmt"
	"io/fs"
	"os"
	"path"
	"slices"
	"sort"
	"strings"
	"sync"
)

//go:embed library/*.yaml
var libraryFS embed.FS

// LibraryFS is the built-in flows, for tools that read them as files (lint, tests).
func LibraryFS() fs.FS { return libraryFS }

var loadLibrary = sync.OnceValues(func() ([]*Flow, error) {
	names, err := fs.Glob(libraryFS, "library/*.yaml")
	if err != nil {
		return nil, err
	}
	sort.Strings(names)
	var out []*Flow
	names = slices.DeleteFunc(names, IsFlowTestFile)
	var all Diagnostics
	for _, name := range names {
		f, diags := LoadFS(libraryFS, name, "flows/"+name)
		if diags.HasErrors() {
			all = append(all, diags...)
			continue
		}
		out = append(out, f)
	}
	if len(all) > 0 {
		return out, all
	}
	return out, nil
})

// Library returns the built-in flows, loaded once, in file order.
func Library() ([]*Flow, error) { return loadLibrary() }

// Find returns the built-in flow with the given id, or else loads name as a file path.
func Find(name string) (*Flow, Diagnostics) {
	lib, _ := Library()
	for _, f := range lib {
		if f.ID == name {
			return f, nil
		}
	}
	if _, err := os.Stat(name); err != nil && !strings.ContainsAny(name, `/\`) && path.Ext(name) == "" {
		ids := make([]string, len(lib))
		for i, f := range lib {
			ids[i] = f.ID
		}
		return nil, Diagnostics{{Path: name, Pos: Pos{}, Severity: SeverityError, Code: CodeSyntax,
			Message: fmt.Sprintf("there is no built-in flow called %q and no such file", clip(name)),
			Hint:    suggestOr(name, ids, "run `unstuck list` to see the built-in flows")}}
	}
	return LoadFile(name)
}

func suggestOr(got string, known []string, otherwise string) string {
	if s := suggest(got, known); s != "" {
		return s
	}
	return otherwise
}

// LibraryTests lists the built-in flow test files (library/*.test.yaml) in LibraryFS.
func LibraryTests() []string {
	names, _ := fs.Glob(libraryFS, "library/*.test.yaml")
	sort.Strings(names)
	return names
}
