// Package author holds the flow writer's tools: lint, the graph (Mermaid, Graphviz), flow tests and
// answers files (the same runner), and the explorer that finds a walk to every end. None needs a
// terminal; they read files through flows/files.
package author

import (
	"io/fs"
	"path/filepath"
	"strings"

	"github.com/unstuck-dev/unstuck/flows"
	"github.com/unstuck-dev/unstuck/flows/files"
)

// LintFile loads the flow at path and returns every diagnostic, warnings included, with the file's
// text for quoting source lines (nil when it could not be read).
func LintFile(path string) (flows.Diagnostics, []byte) {
	if flows.IsPartsFile(path) {
		return files.LintParts(path) // a parts file, or its translation: the parts file with its translations
	}
	if flows.IsTranslationFile(path) {
		// A translation is checked against its flow: lint the flow, which brings its translations.
		name, _, _ := flows.TranslationName(path)
		for _, ext := range []string{".yaml", ".yml"} {
			if flow := filepath.Join(filepath.Dir(path), name+ext); files.Exists(flow) {
				return LintFile(flow)
			}
		}
		return flows.Diagnostics{{Path: path, Pos: flows.Pos{Line: 1, Col: 1}, Severity: flows.SeverityError, Code: flows.CodeMissingField,
			Message: "this translation has no flow beside it (" + name + ".yaml)", Hint: "keep a translation in the same folder as its flow"}}, nil
	}
	data, diags := files.ReadFlowFile(path)
	if diags != nil {
		return diags, nil
	}
	f, diags := flows.ParseWith(path, data, files.PartsBeside(path))
	if f != nil {
		diags = append(diags, files.Translations(f, files.ReadTranslation, files.TranslationFiles(path), func(p string) string { return p })...).Sort()
	}
	return diags, data
}

// LintFS lints a flow in a file system (the built-in library) with the translations beside it.
// A built-in parts file (NAME.parts.yaml) is linted with its translations; its translations alone
// give nothing, being linted with it.
func LintFS(fsys fs.FS, name, shown string) (flows.Diagnostics, []byte) {
	data, err := fs.ReadFile(fsys, name)
	if err != nil {
		return flows.Diagnostics{{Path: shown, Pos: flows.Pos{Line: 1, Col: 1}, Severity: flows.SeverityError, Code: flows.CodeSyntax, Message: "cannot read the file: " + files.PlainError(err)}}, nil
	}
	if pname, lang, ok := flows.PartsFileName(name); ok {
		if lang != "" {
			return nil, data
		}
		_, all := flows.PartsFS(fsys, filepath.Dir(name), filepath.Dir(shown), nil)
		var out flows.Diagnostics
		for _, d := range all {
			if n, _, _ := flows.PartsFileName(d.Path); n == pname {
				out = append(out, d)
			}
		}
		return out, data
	}
	f, diags := flows.Parse(shown, data)
	if f == nil {
		return diags, data
	}
	base := strings.TrimSuffix(filepath.Base(name), filepath.Ext(name))
	siblings, _ := fs.Glob(fsys, filepath.Join(filepath.Dir(name), base+".*.y*ml"))
	var trs []string
	for _, s := range siblings {
		if name, _, ok := flows.TranslationName(s); ok && name == base {
			trs = append(trs, s)
		}
	}
	dir := filepath.Dir(shown)
	more := files.Translations(f, func(n string) ([]byte, error) { return fs.ReadFile(fsys, n) }, trs,
		func(n string) string { return filepath.Join(dir, filepath.Base(n)) })
	return append(diags, more...).Sort(), data
}
