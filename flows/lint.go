package flows

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"strings"

	"github.com/unstuck-dev/unstuck/flows/saferead"
)

// LintFile loads the flow at path and returns every diagnostic, warnings included, with the file's
// text for quoting source lines (nil when it could not be read).
func LintFile(path string) (Diagnostics, []byte) {
	if IsTranslationFile(path) {
		// A translation is checked against its flow: lint the flow, which brings its translations.
		m := translationName.FindStringSubmatch(filepath.Base(path))
		for _, ext := range []string{".yaml", ".yml"} {
			if flow := filepath.Join(filepath.Dir(path), m[1]+ext); fileExists(flow) {
				return LintFile(flow)
			}
		}
		return Diagnostics{{Path: path, Pos: Pos{1, 1}, Severity: SeverityError, Code: CodeMissingField,
			Message: "this translation has no flow beside it (" + m[1] + ".yaml)", Hint: "keep a translation in the same folder as its flow"}}, nil
	}
	data, diags := readFlowFile(path)
	if diags != nil {
		return diags, nil
	}
	f, diags := Parse(path, data)
	if f != nil {
		diags = append(diags, loadTranslations(f, readTranslation, TranslationFiles(path), func(p string) string { return p })...).Sort()
	}
	return diags, data
}

// LintFS lints a flow in a file system (the built-in library) with the translations beside it.
func LintFS(fsys fs.FS, name, shown string) (Diagnostics, []byte) {
	data, err := fs.ReadFile(fsys, name)
	if err != nil {
		return Diagnostics{{Path: shown, Pos: Pos{1, 1}, Severity: SeverityError, Code: CodeSyntax, Message: "cannot read the file: " + plainErr(err)}}, nil
	}
	f, diags := Parse(shown, data)
	if f == nil {
		return diags, data
	}
	base := strings.TrimSuffix(filepath.Base(name), filepath.Ext(name))
	siblings, _ := fs.Glob(fsys, filepath.Join(filepath.Dir(name), base+".*.y*ml"))
	var trs []string
	for _, s := range siblings {
		if m := translationName.FindStringSubmatch(filepath.Base(s)); m != nil && IsTranslationFile(s) && m[1] == base {
			trs = append(trs, s)
		}
	}
	dir := filepath.Dir(shown)
	more := loadTranslations(f, func(n string) ([]byte, error) { return fs.ReadFile(fsys, n) }, trs,
		func(n string) string { return filepath.Join(dir, filepath.Base(n)) })
	return append(diags, more...).Sort(), data
}

func fileExists(path string) bool {
	info, err := os.Stat(path)
	return err == nil && !info.IsDir()
}

// readFlowFile reads a flow file with the loader's limits, turning every way it can fail into a
// diagnostic rather than an error. Nothing it opens can block it: a named pipe or a device is refused
// without being read, a file over the limit without being read at all.
func readFlowFile(path string) ([]byte, Diagnostics) {
	data, err := saferead.ReadRegular(path, MaxFileSize)
	if err != nil {
		return nil, readDiagnostic(path, err)
	}
	return data, nil
}

// ReadFlowFile is how a command reads a flow, flow test or translation file itself: with the
// loader's limits, and every way it can fail a diagnostic.
func ReadFlowFile(path string) ([]byte, Diagnostics) { return readFlowFile(path) }

// readDiagnostic says why a file could not be read, as the one diagnostic of that file.
func readDiagnostic(path string, err error) Diagnostics {
	diag := func(code, msg, hint string) Diagnostics {
		return Diagnostics{{Path: path, Pos: Pos{1, 1}, Severity: SeverityError, Code: code, Message: msg, Hint: hint}}
	}
	var notRegular *saferead.NotRegularError
	var tooLarge *saferead.TooLargeError
	switch {
	case errors.Is(err, fs.ErrNotExist):
		return diag(CodeSyntax, "no such file", "check the path")
	case errors.As(err, &notRegular) && notRegular.IsFolder():
		return diag(CodeSyntax, "this is a folder, not a flow file", "")
	case errors.As(err, &notRegular):
		return diag(CodeSyntax, "this is "+notRegular.Error(), "")
	case errors.As(err, &tooLarge) && tooLarge.Size > 0:
		return diag(CodeTooLarge, fmt.Sprintf("the file is %d MB; a flow file may be at most %d MB", tooLarge.Size>>20, MaxFileSize>>20), "split it into several flows")
	case errors.As(err, &tooLarge):
		return diag(CodeTooLarge, fmt.Sprintf("the file is larger than %d MB", MaxFileSize>>20), "split it into several flows")
	case errors.Is(err, fs.ErrPermission):
		return diag(CodeSyntax, "cannot read the file: "+plainErr(err), "check its permissions")
	}
	return diag(CodeSyntax, "cannot read the file: "+plainErr(err), "")
}

// readTranslation reads a translation file beside a flow, with the loader's limits.
func readTranslation(path string) ([]byte, error) { return saferead.ReadRegular(path, MaxFileSize) }

// IsFlowTestFile reports whether a file holds flow tests rather than a flow (name.test.yaml).
func IsFlowTestFile(path string) bool {
	base := strings.ToLower(filepath.Base(path))
	return strings.HasSuffix(base, ".test.yaml") || strings.HasSuffix(base, ".test.yml")
}

// FlowFiles expands paths into the flow files they name: files as given, folders searched for
// .yaml and .yml files (flow tests and translations left out), in a stable order. A path that does
// not exist is returned as is, so that reading it reports the problem; a folder with no flow in it,
// or one that cannot be read, is a diagnostic.
func FlowFiles(paths []string) ([]string, Diagnostics) {
	return FindFiles(paths, func(path string) bool {
		ext := strings.ToLower(filepath.Ext(path))
		return (ext == ".yaml" || ext == ".yml") && !IsFlowTestFile(path) && !IsTranslationFile(path)
	}, "this folder has no flow files (.yaml or .yml; not NAME.test.yaml or NAME.LANG.yaml)")
}

// FindFiles expands paths: files as given, folders searched (hidden folders skipped) for the files
// keep accepts, sorted. none is said of a folder where keep accepts nothing.
func FindFiles(paths []string, keep func(path string) bool, none string) ([]string, Diagnostics) {
	var out []string
	var diags Diagnostics
	for _, p := range paths {
		info, err := os.Stat(p)
		if err != nil || !info.IsDir() {
			out = append(out, p)
			continue
		}
		var found []string
		filepath.WalkDir(p, func(path string, d fs.DirEntry, err error) error {
			if err != nil {
				diags = append(diags, Diagnostic{Path: path, Pos: Pos{1, 1}, Severity: SeverityError, Code: CodeSyntax,
					Message: "cannot read this folder: " + plainErr(err), Hint: "check its permissions"})
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
			diags = append(diags, Diagnostic{Path: p, Pos: Pos{1, 1}, Severity: SeverityError, Code: CodeSyntax,
				Message: none, Hint: "name the folder that holds them"})
		}
		sort.Strings(found)
		out = append(out, found...)
	}
	return out, diags
}
