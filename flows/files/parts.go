package files

import (
	"os"
	"path/filepath"
	"sort"

	"github.com/unstuck-dev/unstuck/flows"
)

// PartsFiles lists the parts files in a folder (NAME.parts.yaml, not their translations), sorted.
func PartsFiles(dir string) []string {
	entries, err := os.ReadDir(dir)
	if err != nil {
		return nil
	}
	var out []string
	for _, e := range entries {
		if !e.IsDir() && flows.IsPartsFile(e.Name()) && !flows.IsPartsTranslationFile(e.Name()) {
			out = append(out, filepath.Join(dir, e.Name()))
		}
	}
	sort.Strings(out)
	return out
}

// LoadParts reads parts files, each with the translations beside it (NAME.parts.LANG.yaml), and
// returns base with their parts over it (a later file's part replacing an earlier one of the same
// name), and every problem of the files. A file that does not load adds no part.
func LoadParts(base *flows.SharedParts, paths []string) (*flows.SharedParts, flows.Diagnostics) {
	var all flows.Diagnostics
	var loaded []*flows.PartsFile
	for _, p := range paths {
		data, diags := readFlowFile(p)
		if diags != nil {
			all = append(all, diags...)
			continue
		}
		pf, diags := flows.DecodeParts(p, data)
		all = append(all, diags...)
		if pf == nil || diags.HasErrors() {
			continue
		}
		for _, t := range partsTranslations(p) {
			data, err := ReadTranslation(t)
			if err != nil {
				all = append(all, ReadDiagnostic(t, err)...)
				continue
			}
			all = append(all, flows.LoadPartsTranslation(pf, t, data)...)
		}
		loaded = append(loaded, pf)
	}
	shared := flows.NewSharedParts(base, loaded...)
	shared.NoteBroken(all)
	for _, pf := range loaded {
		all = append(all, pf.Check(shared)...)
	}
	return shared, all.Sort()
}

// partsTranslations finds the translations beside a parts file: NAME.parts.LANG.yaml.
func partsTranslations(partsPath string) []string {
	name, _, _ := flows.PartsFileName(partsPath)
	matches, _ := filepath.Glob(filepath.Join(filepath.Dir(partsPath), name+".parts.*.y*ml"))
	var out []string
	for _, m := range matches {
		if n, lang, ok := flows.PartsFileName(m); ok && lang != "" && n == name {
			out = append(out, m)
		}
	}
	sort.Strings(out)
	return out
}

// PartsBeside are the shared parts a flow file runs when read on its own: the built-in ones, with
// the parts files in its folder over them.
func PartsBeside(flowPath string) *flows.SharedParts {
	paths := PartsFiles(filepath.Dir(flowPath))
	if len(paths) == 0 {
		return flows.BuiltinParts()
	}
	shared, _ := LoadParts(flows.BuiltinParts(), paths)
	return shared
}

// LintParts loads the parts file at path (or, for a translation, the parts file it translates) with
// the parts files beside it and the built-in ones, and returns the problems of that file and its
// translations, with the file's text.
func LintParts(path string) (flows.Diagnostics, []byte) {
	name, lang, _ := flows.PartsFileName(path)
	if lang != "" {
		for _, ext := range []string{".yaml", ".yml"} {
			if p := filepath.Join(filepath.Dir(path), name+".parts"+ext); Exists(p) {
				return LintParts(p)
			}
		}
		return flows.Diagnostics{{Path: path, Pos: flows.Pos{Line: 1, Col: 1}, Severity: flows.SeverityError, Code: flows.CodeMissingField,
			Message: "this translation has no parts file beside it (" + name + ".parts.yaml)", Hint: "keep a translation in the same folder as its parts file"}}, nil
	}
	data, diags := readFlowFile(path)
	if diags != nil {
		return diags, nil
	}
	others := PartsFiles(filepath.Dir(path))
	ordered := make([]string, 0, len(others)+1)
	for _, o := range others {
		if filepath.Clean(o) != filepath.Clean(path) {
			ordered = append(ordered, o)
		}
	}
	ordered = append(ordered, path) // this file's parts win over its neighbours', as they are linted
	_, all := LoadParts(flows.BuiltinParts(), ordered)
	mine := map[string]bool{filepath.Clean(path): true}
	for _, t := range partsTranslations(path) {
		mine[filepath.Clean(t)] = true
	}
	var out flows.Diagnostics
	for _, d := range all {
		if mine[filepath.Clean(d.Path)] {
			out = append(out, d)
		}
	}
	return out, data
}

// Companions are the files a flow file reads besides itself, in its folder: its translations, and
// the parts files with their translations (what --watch looks at besides the flow).
func Companions(flowPath string) []string {
	dir := filepath.Dir(flowPath)
	out := TranslationFiles(flowPath)
	for _, p := range PartsFiles(dir) {
		out = append(out, p)
		out = append(out, partsTranslations(p)...)
	}
	return out
}
