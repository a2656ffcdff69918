// Package files reads flows, flow tests and translations from disk with the loader's limits, and
// holds the program's one file writer. It is the I/O that flows itself never does.
package files

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"sort"
	"strings"

	"github.com/unstuck-dev/unstuck/flows"
	"github.com/unstuck-dev/unstuck/flows/saferead"
)

// Find returns the built-in flow with the given id, or else loads name as a file path.
func Find(name string) (*flows.Flow, flows.Diagnostics) {
	if f := flows.Builtin(name); f != nil {
		return f, nil
	}
	if _, err := os.Stat(name); err != nil && !strings.ContainsAny(name, `/\`) && path.Ext(name) == "" {
		return nil, flows.NoSuchFlow(name)
	}
	return LoadFile(name)
}

// LoadFile reads and parses the flow at path, with the translations beside it (NAME.LANG.yaml); its
// call steps may run the built-in shared parts and those of the parts files beside it (PartsBeside).
func LoadFile(path string) (*flows.Flow, flows.Diagnostics) {
	if flows.IsPartsFile(path) {
		return nil, flows.Diagnostics{{Path: path, Pos: flows.Pos{Line: 1, Col: 1}, Severity: flows.SeverityError, Code: flows.CodeSyntax,
			Message: "this is a parts file (NAME.parts.yaml), not a flow", Hint: "run a flow that calls its parts"}}
	}
	return LoadFileWith(path, PartsBeside(path))
}

// LoadFileWith is LoadFile for a flow of a library whose shared parts are shared.
func LoadFileWith(path string, shared *flows.SharedParts) (*flows.Flow, flows.Diagnostics) {
	data, diags := readFlowFile(path)
	if diags != nil {
		return nil, diags
	}
	f, diags := flows.ParseWith(path, data, shared)
	if f != nil {
		more := Translations(f, ReadTranslation, TranslationFiles(path), func(p string) string { return p })
		diags = append(diags, more...).Sort()
		if diags.HasErrors() {
			return nil, diags
		}
	}
	return f, diags
}

// TranslationFiles finds the translation files beside a flow file: NAME.LANG.yaml.
func TranslationFiles(flowPath string) []string {
	base := strings.TrimSuffix(filepath.Base(flowPath), filepath.Ext(flowPath))
	matches, _ := filepath.Glob(filepath.Join(filepath.Dir(flowPath), base+".*.y*ml"))
	var out []string
	for _, m := range matches {
		if name, _, ok := flows.TranslationName(m); ok && name == base {
			out = append(out, m)
		}
	}
	sort.Strings(out)
	return out
}

// Translations attaches the translation files beside a flow file, and returns their problems.
func Translations(f *flows.Flow, read func(string) ([]byte, error), paths []string, shown func(string) string) flows.Diagnostics {
	var all flows.Diagnostics
	for _, p := range paths {
		data, err := read(p)
		if err != nil {
			code := flows.CodeSyntax
			if errors.Is(err, saferead.ErrTooLarge) {
				code = flows.CodeTooLarge
			}
			all = append(all, flows.Diagnostic{Path: shown(p), Pos: flows.Pos{Line: 1, Col: 1}, Severity: flows.SeverityError, Code: code, Message: "cannot read the file: " + PlainError(err)})
			continue
		}
		all = append(all, flows.LoadTranslation(f, shown(p), data)...)
	}
	return all
}

// Exists reports whether path is a file (not a folder).
func Exists(path string) bool {
	info, err := os.Stat(path)
	return err == nil && !info.IsDir()
}

// readFlowFile reads a flow file with the loader's limits, turning every way it can fail into a
// diagnostic rather than an error. Nothing it opens can block it: a named pipe or a device is refused
// without being read, a file over the limit without being read at all.
func readFlowFile(path string) ([]byte, flows.Diagnostics) {
	data, err := saferead.ReadRegular(path, flows.MaxFileSize)
	if err != nil {
		return nil, ReadDiagnostic(path, err)
	}
	return data, nil
}

// ReadFlowFile is how a command reads a flow, flow test or translation file itself: with the
// loader's limits, and every way it can fail a diagnostic.
func ReadFlowFile(path string) ([]byte, flows.Diagnostics) { return readFlowFile(path) }

// ReadDiagnostic says why a file could not be read, as the one diagnostic of that file.
func ReadDiagnostic(path string, err error) flows.Diagnostics {
	diag := func(code, msg, hint string) flows.Diagnostics {
		return flows.Diagnostics{{Path: path, Pos: flows.Pos{Line: 1, Col: 1}, Severity: flows.SeverityError, Code: code, Message: msg, Hint: hint}}
	}
	var notRegular *saferead.NotRegularError
	var tooLarge *saferead.TooLargeError
	switch {
	case errors.Is(err, fs.ErrNotExist):
		return diag(flows.CodeSyntax, "no such file", "check the path")
	case errors.As(err, &notRegular) && notRegular.IsFolder():
		return diag(flows.CodeSyntax, "this is a folder, not a flow file", "")
	case errors.As(err, &notRegular):
		return diag(flows.CodeSyntax, "this is "+notRegular.Error(), "")
	case errors.As(err, &tooLarge) && tooLarge.Size > 0:
		return diag(flows.CodeTooLarge, fmt.Sprintf("the file is %d MB; a flow file may be at most %d MB", tooLarge.Size>>20, flows.MaxFileSize>>20), "split it into several flows")
	case errors.As(err, &tooLarge):
		return diag(flows.CodeTooLarge, fmt.Sprintf("the file is larger than %d MB", flows.MaxFileSize>>20), "split it into several flows")
	case errors.Is(err, fs.ErrPermission):
		return diag(flows.CodeSyntax, "cannot read the file: "+PlainError(err), "check its permissions")
	}
	return diag(flows.CodeSyntax, "cannot read the file: "+PlainError(err), "")
}

// ReadTranslation reads a translation file beside a flow, with the loader's limits.
func ReadTranslation(path string) ([]byte, error) {
	return saferead.ReadRegular(path, flows.MaxFileSize)
}

// FlowFiles expands paths into the flow files they name: files as given, folders searched for
// .yaml and .yml files (flow tests and translations left out), in a stable order. A path that does
// not exist is returned as is, so that reading it reports the problem; a folder with no flow in it,
// or one that cannot be read, is a diagnostic.
func FlowFiles(paths []string) ([]string, flows.Diagnostics) {
	return FindFiles(paths, func(path string) bool {
		ext := strings.ToLower(filepath.Ext(path))
		return (ext == ".yaml" || ext == ".yml") && !flows.IsFlowTestFile(path) && !flows.IsTranslationFile(path) && !flows.IsPartsTranslationFile(path)
	}, "this folder has no flow files (.yaml or .yml; not NAME.test.yaml or NAME.LANG.yaml)")
}

// FindFiles expands paths: files as given, folders searched (hidden folders skipped) for the files
// keep accepts, sorted. none is said of a folder where keep accepts nothing.
func FindFiles(paths []string, keep func(path string) bool, none string) ([]string, flows.Diagnostics) {
	var out []string
	var diags flows.Diagnostics
	for _, p := range paths {
		info, err := os.Stat(p)
		if err != nil || !info.IsDir() {
			out = append(out, p)
			continue
		}
		var found []string
		filepath.WalkDir(p, func(path string, d fs.DirEntry, err error) error {
			if err != nil {
				diags = append(diags, flows.Diagnostic{Path: path, Pos: flows.Pos{Line: 1, Col: 1}, Severity: flows.SeverityError, Code: flows.CodeSyntax,
					Message: "cannot read this folder: " + PlainError(err), Hint: "check its permissions"})
				if d != nil && d.IsDir() {
					return filepath.SkipDir
				}
				return nil
			}
			if d.IsDir() {
				if path != p && strings.HasPrefix(d.Name(), ".") {
					return filepath.SkipDir
				}
				return nil
			}
			if keep(path) {
				found = append(found, path)
			}
			return nil
		})
		if len(found) == 0 {
			diags = append(diags, flows.Diagnostic{Path: p, Pos: flows.Pos{Line: 1, Col: 1}, Severity: flows.SeverityError, Code: flows.CodeSyntax,
				Message: none, Hint: "name the folder that holds them"})
		}
		sort.Strings(found)
		out = append(out, found...)
	}
	return out, diags
}

// PlainError drops the path Go puts in file errors, which the diagnostic already shows.
func PlainError(err error) string {
	var pe *fs.PathError
	if errors.As(err, &pe) {
		return pe.Err.Error()
	}
	return err.Error()
}
