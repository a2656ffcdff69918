package flows

import (
	"fmt"
	"io/fs"
	"maps"
	"path"
	"path/filepath"
	"reflect"
	"slices"
	"sort"
	"strconv"
	"strings"
	"sync"
)

// Shared parts: parts written once for a whole library. A parts file, NAME.parts.yaml, holds only
// `parts:` (and optionally `version:` and `language:`), each part as a flow's parts: are written. Any
// flow of the same library may run one with `kind: call` and `part: NAME`: the flow's own parts are
// looked in first, then the library's parts files. The built-in library's parts files are
// flows/library/*.parts.yaml; in a library folder they are its *.parts.yaml files (subfolders
// included), and a part of a folder named later (or of a team's folder over the built-in one)
// replaces one of the same name, as a flow does. A single flow file named on its own sees the
// built-in parts and the parts files beside it.
//
// A shared part is copied into the calling flow exactly as a flow's own part is (parts.go): its steps
// become call-id.step. Its texts are translated beside it, in NAME.parts.LANG.yaml, under the same
// keys a flow's own parts have (parts.PART.nodes.STEP.text), so a part is translated once for every
// flow that calls it. What a part says on its own (its steps, its ways on, its inputs, checks and
// conditions) is checked in its file; what depends on the caller (the caller's answers it names)
// is checked in each calling flow, at the call step.

// PartsFile is a file of shared parts.
type PartsFile struct {
	Schema   string  `yaml:"$schema" desc:"Optional link to the JSON Schema, for editors."`
	Version  int     `yaml:"version" desc:"The flow format version. Only 1 exists; leave it out or write 1."`
	Language string  `yaml:"language" desc:"The language the parts are written in, as a tag like en or sv-SE. Default en."`
	Parts    []*Part `yaml:"parts,required,keyed" desc:"Named groups of steps that any flow of the library can run with kind: call and part: name, each under its name."`

	Path string `yaml:"-"` // the file it was read from, as diagnostics show it
	Name string `yaml:"-"` // the file's name without .parts.yaml: what its translations name

	source []byte
	pos    *positions

	mu        sync.Mutex
	trs       map[string]*Translation // by language tag
	pending   map[string]lazyFile     // translations not read yet, by language tag (the built-in parts')
	localized map[string]*PartsFile
}

// IsPartsFile reports whether a file is a parts file (NAME.parts.yaml) or one of its translations
// (NAME.parts.LANG.yaml): neither is a flow.
func IsPartsFile(path string) bool { _, _, ok := PartsFileName(path); return ok }

// PartsFileName splits a parts file's name into its name and, for a translation, the language.
func PartsFileName(path string) (name, lang string, ok bool) {
	return splitPartsName(filepath.Base(path)) // NAME.parts[.LANG].yaml (filenames.go)
}

// IsPartsTranslationFile reports whether a file is a parts file's translation (NAME.parts.LANG.yaml).
func IsPartsTranslationFile(path string) bool {
	_, lang, ok := PartsFileName(path)
	return ok && lang != ""
}

// DecodeParts reads a parts file strictly and checks each part's own shape (its steps' ids, its start,
// that its ways on stay inside it). Check, given the library's shared parts, checks the rest.
func DecodeParts(path string, data []byte) (pf *PartsFile, diags Diagnostics) {
	defer func() {
		if r := recover(); r != nil {
			pf = nil
			diags = append(diags, Diagnostic{Path: path, Pos: Pos{1, 1}, Severity: SeverityError, Code: CodeSyntax,
				Message: "the file could not be read as a parts file (the YAML reader gave up on it)"})
		}
	}()
	return decodeParts(path, data, nil)
}

func decodeParts(path string, data []byte, tr *Translation) (*PartsFile, Diagnostics) {
	doc, diags := readYAML(path, data)
	if diags != nil {
		return nil, diags
	}
	name, _, _ := PartsFileName(path)
	if name == "" {
		name = strings.TrimSuffix(filepath.Base(path), filepath.Ext(path))
	}
	d := &decoder{path: path, pos: newPositions()}
	pf := &PartsFile{Path: path, Name: name, source: data, pos: d.pos}
	d.decode(doc, reflect.ValueOf(pf).Elem(), "the parts file")
	diags = append(d.diags, controlTexts(path, doc)...)
	if pf.Language == "" {
		pf.Language = "en"
	}
	if pf.Version == 0 {
		pf.Version = 1
	}
	if pf.Version != 1 {
		diags = append(diags, Diagnostic{Path: path, Pos: d.pos.key(pf, "version"), Severity: SeverityError, Code: CodeBadValue,
			Message: "this program reads flow format version 1, not " + strconv.Itoa(pf.Version), Hint: "write `version: 1`"})
	}
	x := &expander{f: pf.view(), pos: pf.pos, byName: map[string]*Part{}}
	for _, p := range pf.Parts {
		if p != nil {
			x.checkPart(p) // normalizes its steps, before a translation's keys are read
			x.byName[p.ID] = p
		}
	}
	if tr != nil {
		pf.view().translate(tr)
	}
	return pf, append(diags, x.diags...).Sort()
}

// view is the parts file as a flow with parts and no steps: what translations read and write.
func (pf *PartsFile) view() *Flow {
	return &Flow{ID: pf.Name, Version: 1, Language: pf.Language, Parts: pf.Parts, Path: pf.Path}
}

// AsFlow is the parts file as a flow with parts and no steps, for unstuck translate: its texts are
// the parts' texts, under the keys its translations use.
func (pf *PartsFile) AsFlow() *Flow { return pf.view() }

// Check checks each part of the file as a flow that runs it would: its steps' kinds, inputs, checks,
// conditions and ways to an end, and the parts it calls (its file's, then shared's), refusing a
// part that runs itself, across files too. Names of answers the part does not ask itself are the
// caller's, checked in each flow that calls it.
func (pf *PartsFile) Check(shared *SharedParts) Diagnostics {
	own := map[string]*Part{}
	for _, p := range pf.Parts {
		if p != nil {
			own[p.ID] = p
		}
	}
	var diags Diagnostics
	for _, p := range pf.Parts {
		if p == nil || p.Start == "" {
			continue
		}
		call := &Node{ID: "call", Kind: KindCall, Part: p.ID, Next: "back"}
		back := &Node{ID: "back", Kind: KindEnd, Text: "back"}
		g := &Flow{Path: pf.Path, Version: 1, Language: pf.Language, Start: "call"}
		x := &expander{f: g, pos: pf.pos, byName: own, shared: shared, lang: pf.Language}
		g.Nodes = append(x.call([]*Node{call}, call, nil, map[string]bool{}), back)
		for _, d := range append(x.diags, validate(g, pf.pos)...) {
			if d.Pos != (Pos{}) && d.Code != CodeUnknownAnswer {
				diags = append(diags, d)
			}
		}
	}
	return once(diags, true).Sort()
}

// AddTranslation attaches a translation of the parts file (NAME.parts.LANG.yaml).
func (pf *PartsFile) AddTranslation(tr *Translation) {
	pf.mu.Lock()
	defer pf.mu.Unlock()
	if pf.trs == nil {
		pf.trs = map[string]*Translation{}
	}
	pf.trs[NormalizeLang(tr.Language)] = tr
}

// Translations are the parts file's translations, by language.
func (pf *PartsFile) Translations() map[string]*Translation {
	pf.mu.Lock()
	defer pf.mu.Unlock()
	for lang := range pf.pending {
		pf.translationLocked(lang)
	}
	out := make(map[string]*Translation, len(pf.trs))
	for k, v := range pf.trs {
		out[k] = v
	}
	return out
}

// LoadPartsTranslation parses a translation of a parts file, attaches it, and returns its problems
// and those of the translation against the parts (missing, stale and unknown texts).
func LoadPartsTranslation(pf *PartsFile, shown string, data []byte) Diagnostics {
	tr, diags := ParseTranslation(shown, data)
	if tr == nil {
		return diags
	}
	pf.AddTranslation(tr)
	return append(diags, CheckTranslation(pf.view(), tr)...)
}

// in is the parts file in a language (the fallback chain of Localize), made once per language.
func (pf *PartsFile) in(lang string) *PartsFile {
	if pf == nil || lang == "" {
		return pf
	}
	pf.mu.Lock()
	defer pf.mu.Unlock()
	var tr *Translation
	for _, l := range LangChain(lang, pf.Language) {
		if strings.EqualFold(l, NormalizeLang(pf.Language)) {
			return pf
		}
		if t := pf.translationLocked(NormalizeLang(l)); t != nil {
			tr = t
			break
		}
	}
	if tr == nil {
		return pf
	}
	key := NormalizeLang(tr.Language)
	if c := pf.localized[key]; c != nil {
		return c
	}
	c, diags := decodeParts(pf.Path, pf.source, tr)
	if c == nil || diags.HasErrors() {
		return pf
	}
	if pf.localized == nil {
		pf.localized = map[string]*PartsFile{}
	}
	pf.localized[key] = c
	return c
}

// translationLocked is the translation for a language tag, read on first use when it waits to be
// (as a flow's translation is: a file that does not read or decode is skipped, and lint says why).
// pf.mu is held.
func (pf *PartsFile) translationLocked(lang string) *Translation {
	return readPending(&pf.trs, pf.pending, lang)
}

// SharedParts are the parts a library's parts files hold, by name: what call steps run when their
// flow has no part of that name. A nil *SharedParts holds none.
type SharedParts struct {
	byName map[string]*PartsFile
	// broken are the parts files that did not load, each with its first error, as path:line:col:
	// message: a call of a part no file has may be a call of one of theirs.
	broken []string
}

// NewSharedParts is base (nil: none) with the parts of files added, a later file's part replacing an
// earlier one (or base's) of the same name.
func NewSharedParts(base *SharedParts, files ...*PartsFile) *SharedParts {
	s := &SharedParts{byName: map[string]*PartsFile{}}
	if base != nil {
		for k, v := range base.byName {
			s.byName[k] = v
		}
		s.broken = slices.Clone(base.broken)
	}
	for _, pf := range files {
		if pf == nil {
			continue
		}
		for _, p := range pf.Parts {
			if p != nil {
				s.byName[p.ID] = pf
			}
		}
	}
	return s
}

// NoteBroken records the parts files among diags that did not load, by their first error, so that a
// call of an unknown part can say they may hold it (the loaders call it with what they found).
func (s *SharedParts) NoteBroken(diags Diagnostics) {
	if s == nil {
		return
	}
	seen := map[string]bool{}
	for _, d := range diags {
		if d.Severity != SeverityError || seen[d.Path] || !IsPartsFile(d.Path) || IsPartsTranslationFile(d.Path) {
			continue
		}
		seen[d.Path] = true
		s.broken = append(s.broken, fmt.Sprintf("%s:%d:%d: %s", d.Path, d.Pos.Line, d.Pos.Col, d.Message))
	}
}

// Names are the shared parts' names, sorted.
func (s *SharedParts) Names() []string {
	if s == nil {
		return nil
	}
	return slices.Sorted(maps.Keys(s.byName))
}

// File is the parts file the shared part name comes from, or nil.
func (s *SharedParts) File(name string) *PartsFile {
	if s == nil {
		return nil
	}
	return s.byName[name]
}

// Files are the parts files whose parts are shared, in name order, each once.
func (s *SharedParts) Files() []*PartsFile {
	if s == nil {
		return nil
	}
	seen := map[*PartsFile]bool{}
	var out []*PartsFile
	for _, name := range s.Names() {
		if pf := s.byName[name]; !seen[pf] {
			seen[pf] = true
			out = append(out, pf)
		}
	}
	sort.SliceStable(out, func(i, j int) bool { return out[i].Path < out[j].Path })
	return out
}

// lookup is the shared part name in lang, or nil.
func (s *SharedParts) lookup(name, lang string) *Part {
	pf := s.File(name)
	if pf == nil {
		return nil
	}
	for _, p := range pf.in(lang).Parts {
		if p != nil && p.ID == name {
			return p
		}
	}
	return nil
}

// partOf finds the shared part a step was copied from, in any language it was handed out in.
func (s *SharedParts) partOf(from *Node) (part, id string) {
	if s == nil {
		return "", ""
	}
	for _, pf := range s.Files() {
		pf.mu.Lock()
		all := []*PartsFile{pf}
		for _, c := range pf.localized {
			all = append(all, c)
		}
		pf.mu.Unlock()
		for _, f := range all {
			for _, p := range f.Parts {
				for _, pn := range p.Nodes {
					if pn == from {
						return p.ID, pn.ID
					}
				}
			}
		}
	}
	return "", ""
}

// BuiltinParts are the built-in library's shared parts (flows/library/*.parts.yaml), read once,
// each translation read when its language is first asked for. They are tested to load without
// problems (BuiltinPartsProblems), so a run does not check them again, nor read the translations
// of languages it does not speak.
func BuiltinParts() *SharedParts { return loadBuiltinParts() }

// BuiltinPartsProblems are the problems of the built-in parts files and their translations, every
// one read and checked as PartsFS does (lint, tests).
func BuiltinPartsProblems() Diagnostics {
	_, d := PartsFS(libraryFS, "library", "flows/library", nil)
	return d
}

var loadBuiltinParts = sync.OnceValue(func() *SharedParts { return NewSharedParts(nil, builtinPartsFiles()...) })

// builtinPartsFiles reads the built-in parts files, their translations waiting to be read.
func builtinPartsFiles() []*PartsFile {
	var files []*PartsFile
	for _, n := range libraryNames() {
		name, lang, ok := PartsFileName(n)
		if !ok || lang != "" {
			continue
		}
		data, err := fs.ReadFile(libraryFS, n)
		if err != nil {
			continue
		}
		pf, diags := DecodeParts(path.Join("flows/library", path.Base(n)), data)
		if pf == nil || diags.HasErrors() {
			continue
		}
		for _, t := range libraryNames() {
			if tn, lang, ok := PartsFileName(t); ok && lang != "" && tn == name {
				if pf.pending == nil {
					pf.pending = map[string]lazyFile{}
				}
				pf.pending[NormalizeLang(lang)] = lazyFile{path.Join("flows/library", path.Base(t)), func() ([]byte, error) { return fs.ReadFile(libraryFS, t) }}
			}
		}
		files = append(files, pf)
	}
	return files
}

// PartsFS reads the parts files of dir in fsys (not its subfolders) with their translations, over
// base; shownDir is the folder diagnostics name.
func PartsFS(fsys fs.FS, dir, shownDir string, base *SharedParts) (*SharedParts, Diagnostics) {
	names, _ := fs.Glob(fsys, path.Join(dir, "*.y*ml"))
	sort.Strings(names)
	var files []*PartsFile
	var diags Diagnostics
	for _, n := range names {
		if !IsPartsFile(n) || IsPartsTranslationFile(n) {
			continue
		}
		data, err := fs.ReadFile(fsys, n)
		shown := path.Join(shownDir, path.Base(n))
		if err != nil {
			diags = append(diags, Diagnostic{Path: shown, Pos: Pos{1, 1}, Severity: SeverityError, Code: CodeSyntax, Message: "cannot read the file: " + plainErr(err)})
			continue
		}
		pf, d := DecodeParts(shown, data)
		diags = append(diags, d...)
		if pf == nil || d.HasErrors() {
			continue
		}
		name, _, _ := PartsFileName(n)
		for _, t := range names {
			if tn, lang, ok := PartsFileName(t); ok && lang != "" && tn == name {
				if data, err := fs.ReadFile(fsys, t); err == nil {
					diags = append(diags, LoadPartsTranslation(pf, path.Join(shownDir, path.Base(t)), data)...)
				}
			}
		}
		files = append(files, pf)
	}
	shared := NewSharedParts(base, files...)
	shared.NoteBroken(diags)
	for _, pf := range files {
		diags = append(diags, pf.Check(shared)...)
	}
	return shared, diags.Sort()
}
