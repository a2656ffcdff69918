// Package catalog is the library of flows unstuck offers, merged from every place flows are found:
// the built-in ones, system-wide and user data folders, UNSTUCK_FLOWS and --flows, later places
// overriding earlier ones by flow id, each flow with the team's settings (flows/config) applied.
package catalog

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"sync"

	"github.com/unstuck-dev/unstuck/flows"
	"github.com/unstuck-dev/unstuck/flows/config"
	"github.com/unstuck-dev/unstuck/flows/files"
)

// Options say where to look beyond the environment.
type Options struct {
	Getenv    func(string) string // the environment; nil is os.Getenv
	Folders   []string            // --flows, in the order given
	NoBuiltin bool                // --no-builtin: leave the built-in flows out
}

// How a library folder was given, in the order they are looked in.
const (
	ViaBuiltin     = "built-in"
	ViaDataDirs    = "XDG_DATA_DIRS"
	ViaDataHome    = "XDG_DATA_HOME"
	ViaEnv         = "UNSTUCK_FLOWS"
	ViaFlag        = "--flows"
	defaultDataDir = "/usr/local/share:/usr/share"
)

// Source is one place flows are found: the built-in library, or a folder and how it was given.
type Source struct {
	Dir string `json:"dir,omitempty"` // empty for the built-in library
	Via string `json:"via"`
}

// String is how a source is shown: built-in, or the folder and how it was given.
func (s Source) String() string {
	if s.Via == ViaBuiltin {
		return ViaBuiltin
	}
	return s.Dir + " (" + s.Via + ")"
}

// Entry is one flow of the library. A built-in flow is known by its heading alone until it is
// needed (Flow, File): the menu and the list show headings, so they parse no built-in flow.
type Entry struct {
	Heading  flows.Heading // id, order, title, description and keywords by language, revision
	Source   Source
	Path     string   // its file; flows/library/NAME.yaml for a built-in flow
	Replaces []Source // the places whose flow of the same id this one overrides
	flow     *lazyFlow
}

// lazyFlow is an entry's flow, read on first use.
type lazyFlow struct {
	once       sync.Once
	read       func() (placed, file *flows.Flow)
	placed, fl *flows.Flow
}

func loaded(placed, file *flows.Flow) *lazyFlow {
	l := &lazyFlow{placed: placed, fl: file}
	l.once.Do(func() {})
	return l
}

func (l *lazyFlow) get() (placed, file *flows.Flow) {
	l.once.Do(func() { l.placed, l.fl = l.read() })
	return l.placed, l.fl
}

// Flow is the entry's flow as it runs: placed in its library, with the team's provider settings;
// read now if it was not yet. Nil only if a built-in flow did not load, which a test rules out.
func (e *Entry) Flow() *flows.Flow {
	f, _ := e.flow.get()
	return f
}

// File is the entry's flow as its file says, for flow tests.
func (e *Entry) File() *flows.Flow {
	_, f := e.flow.get()
	return f
}

// LoadProblem is a flow file of a library folder that does not load, or a folder that cannot be read.
type LoadProblem struct {
	Path   string            `json:"path"`
	ID     string            `json:"id"` // the file's name without .yaml: the flow id it most likely has
	Source Source            `json:"source"`
	Diags  flows.Diagnostics `json:"-"`
}

// First is the problem's first error, as one line: path:line:col: message.
func (p LoadProblem) First() string {
	for _, d := range p.Diags {
		if d.Severity == flows.SeverityError {
			return flows.ScrubCardNumbers(fmt.Sprintf("%s:%d:%d: %s", d.Path, d.Pos.Line, d.Pos.Col, d.Message))
		}
	}
	return p.Path + ": does not load"
}

// Library is the merged library.
type Library struct {
	Entries        []Entry            // in menu order
	Problems       []LoadProblem      // flow files that do not load, in the order found
	Sources        []Source           // every place looked in, in order, whether or not it exists
	Files          []string           // every flow file of the library folders, loaded or not, in order
	Tests          []string           // every flow test file (NAME.test.yaml) of the library folders, in order
	PartsFiles     []string           // every parts file (NAME.parts.yaml) of the library folders, in order
	parts          *flows.SharedParts // the folders' shared parts over the built-in ones; nil: the built-in ones alone
	ConfigFiles    []string           // the config files looked for, in order, whether or not they exist
	Settings       config.Settings
	ConfigProblems flows.Diagnostics // config files that do not load, or have warnings
}

// maxFiles bounds the files a library folder may hold, so --flows / cannot walk the whole disk.
const maxFiles = 5000

// OpenSettings reads only the team's settings (the config files Open reads), without loading a
// flow: for what needs the settings alone, such as the language to speak.
func OpenSettings(opts Options) (config.Settings, flows.Diagnostics) {
	getenv := opts.Getenv
	if getenv == nil {
		getenv = os.Getenv
	}
	return config.Load(configFiles(getenv, opts))
}

// configFiles are the config files, in the order they are read: the user's, then each library
// folder's unstuck.yaml (a later one wins, setting by setting).
func configFiles(getenv func(string) string, opts Options) []string {
	files := []string{config.UserFile(getenv)}
	for _, src := range Folders(getenv, opts.Folders) {
		if src.Dir != "" {
			files = append(files, filepath.Join(src.Dir, config.FileName))
		}
	}
	return files
}

// Open finds every flow, merging them by id, later places winning; the problems are also in the
// library's Problems. The library folders' flows are read now (a broken one is a problem to show);
// the built-in ones, tested to load, are read when first needed (Entry.Flow). It never fails as a
// whole: a folder that is missing is passed over (one named by --flows or UNSTUCK_FLOWS is a
// problem), a flow that does not load is a problem.
func Open(opts Options) (*Library, []LoadProblem) {
	getenv := opts.Getenv
	if getenv == nil {
		getenv = os.Getenv
	}
	lib := &Library{}
	if !opts.NoBuiltin {
		lib.Sources = append(lib.Sources, Source{Via: ViaBuiltin})
	}
	lib.Sources = append(lib.Sources, Folders(getenv, opts.Folders)...)

	// The settings first: every flow is placed with them.
	cfgFiles := configFiles(getenv, opts)
	lib.ConfigFiles = cfgFiles
	lib.Settings, lib.ConfigProblems = config.Load(cfgFiles)
	team := lib.Settings.Provider

	byID := map[string]int{}
	add := func(e Entry) {
		id, path, src := e.Heading.ID, e.Path, e.Source
		if i, ok := byID[id]; ok {
			if lib.Entries[i].Source == src {
				lib.Problems = append(lib.Problems, LoadProblem{Path: path, ID: id, Source: src, Diags: flows.Diagnostics{{Path: path, Pos: flows.Pos{Line: 1, Col: 1},
					Severity: flows.SeverityError, Code: flows.CodeDuplicateID, Message: fmt.Sprintf("the flow id %q is also the id of %s in the same library", id, lib.Entries[i].Path),
					Hint: "give one of them another id"}}})
				return
			}
			e.Replaces = append(append(e.Replaces, lib.Entries[i].Replaces...), lib.Entries[i].Source)
			lib.Entries[i] = e
			return
		}
		byID[id] = len(lib.Entries)
		lib.Entries = append(lib.Entries, e)
	}
	read := func(f *flows.Flow, src Source, path string) Entry {
		return Entry{Heading: flows.HeadingOf(f), Source: src, Path: path, flow: loaded(f.Placed(src.String(), team), f)}
	}
	// The shared parts first: a flow of any folder may run them, and a folder's replace the built-in
	// ones of the same name, for the built-in flows too.
	var folders []folder
	for _, src := range lib.Sources {
		if src.Via != ViaBuiltin {
			paths, tests, parts, problems := folderFiles(src)
			folders = append(folders, folder{src, paths, tests, parts, problems})
		}
	}
	replacesBuiltin := lib.loadParts(folders)
	next := 0
	for _, src := range lib.Sources {
		if src.Via == ViaBuiltin {
			if !replacesBuiltin {
				// Known by their compiled headings; each is read when first needed.
				for _, h := range flows.BuiltinHeadings() {
					add(Entry{Heading: h, Source: src, Path: h.Path, flow: &lazyFlow{read: func() (*flows.Flow, *flows.Flow) {
						f := flows.Builtin(h.ID)
						if f == nil {
							return nil, nil
						}
						return f.Placed(src.String(), team), f
					}}})
				}
				continue
			}
			// A team's part replaces a built-in one: the built-in flows are read anew with it.
			builtin, err := flows.LibraryWith(lib.Parts())
			var diags flows.Diagnostics
			if errors.As(err, &diags) {
				// Tested never to happen; said rather than a flow left out without a word.
				for _, d := range diags {
					lib.Problems = append(lib.Problems, LoadProblem{Path: d.Path, ID: idOf(d.Path), Source: src, Diags: flows.Diagnostics{d}})
				}
			}
			for _, f := range builtin {
				add(read(f, src, f.Path))
			}
			continue
		}
		fo := folders[next]
		next++
		paths, tests, problems := fo.paths, fo.tests, fo.problems
		lib.Tests = append(lib.Tests, tests...)
		lib.Problems = append(lib.Problems, problems...)
		lib.Files = append(lib.Files, paths...)
		for _, p := range paths {
			f, diags := files.LoadFileWith(p, lib.Parts())
			if f == nil || diags.HasErrors() {
				lib.Problems = append(lib.Problems, LoadProblem{Path: p, ID: idOf(p), Source: src, Diags: diags})
				continue
			}
			add(read(f, src, p))
		}
	}
	sort.SliceStable(lib.Entries, func(i, j int) bool {
		hi, hj := &lib.Entries[i].Heading, &lib.Entries[j].Heading
		if oi, oj := hi.MenuOrder(), hj.MenuOrder(); oi != oj {
			return oi < oj
		}
		return hi.In(hi.Language).Title < hj.In(hj.Language).Title
	})
	return lib, lib.Problems
}

// folder is what a library folder holds.
type folder struct {
	src                 Source
	paths, tests, parts []string
	problems            []LoadProblem
}

// loadParts reads the parts files of the folders over the built-in ones into lib.Parts, and reports
// whether any replaces a built-in part (then the built-in flows are loaded with them).
func (lib *Library) loadParts(folders []folder) (replacesBuiltin bool) {
	for _, fo := range folders {
		if len(fo.parts) == 0 {
			continue
		}
		var diags flows.Diagnostics
		lib.parts, diags = files.LoadParts(lib.Parts(), fo.parts)
		lib.PartsFiles = append(lib.PartsFiles, fo.parts...)
		for _, p := range fo.parts {
			if mine := diagsOf(diags, p); mine.HasErrors() {
				lib.Problems = append(lib.Problems, LoadProblem{Path: p, ID: idOf(p), Source: fo.src, Diags: mine})
			}
		}
	}
	if lib.parts == nil {
		return false // no folder has parts: the built-in ones are read when a flow first needs them
	}
	for _, name := range lib.parts.Names() {
		if lib.parts.File(name) != flows.BuiltinParts().File(name) && flows.BuiltinParts().File(name) != nil {
			replacesBuiltin = true
		}
	}
	return replacesBuiltin
}

// Parts are the shared parts a flow of the library may run: the built-in ones, each folder's over
// them (shared_parts.go).
func (lib *Library) Parts() *flows.SharedParts {
	if lib.parts == nil {
		return flows.BuiltinParts()
	}
	return lib.parts
}

// Folders are the library folders, in the order they are looked in: $XDG_DATA_DIRS/unstuck/flows
// (the last one named first, so the first one named wins, as the XDG spec asks),
// $XDG_DATA_HOME/unstuck/flows, the folders in UNSTUCK_FLOWS, then flagged (--flows).
func Folders(getenv func(string) string, flagged []string) []Source {
	var out []Source
	dataDirs := getenv("XDG_DATA_DIRS")
	if dataDirs == "" {
		dataDirs = defaultDataDir
	}
	list := filepath.SplitList(dataDirs)
	for i := len(list) - 1; i >= 0; i-- {
		if filepath.IsAbs(list[i]) {
			out = append(out, Source{Dir: filepath.Join(list[i], "unstuck", "flows"), Via: ViaDataDirs})
		}
	}
	if home := getenv("XDG_DATA_HOME"); home != "" && filepath.IsAbs(home) {
		out = append(out, Source{Dir: filepath.Join(home, "unstuck", "flows"), Via: ViaDataHome})
	} else if h := getenv("HOME"); h != "" {
		out = append(out, Source{Dir: filepath.Join(h, ".local", "share", "unstuck", "flows"), Via: ViaDataHome})
	}
	for _, d := range filepath.SplitList(getenv("UNSTUCK_FLOWS")) {
		if d != "" {
			out = append(out, Source{Dir: absolute(d), Via: ViaEnv})
		}
	}
	for _, d := range flagged {
		out = append(out, Source{Dir: absolute(d), Via: ViaFlag})
	}
	return out
}

func absolute(dir string) string {
	if a, err := filepath.Abs(dir); err == nil {
		return a
	}
	return dir
}

// folderFiles lists the flow files of a library folder and its subfolders (hidden ones skipped):
// .yaml and .yml files that are not flow tests, translations or the folder's config file. A folder
// that does not exist is passed over, unless it was named on purpose (UNSTUCK_FLOWS, --flows).
func folderFiles(src Source) (flowFiles, tests, parts []string, problems []LoadProblem) {
	problem := func(path, msg, hint string) LoadProblem {
		return LoadProblem{Path: path, Source: src, Diags: flows.Diagnostics{{Path: path, Pos: flows.Pos{Line: 1, Col: 1}, Severity: flows.SeverityError, Code: flows.CodeSyntax, Message: msg, Hint: hint}}}
	}
	info, err := os.Stat(src.Dir)
	switch {
	case errors.Is(err, fs.ErrNotExist) && (src.Via == ViaDataDirs || src.Via == ViaDataHome):
		return nil, nil, nil, nil
	case err != nil:
		return nil, nil, nil, []LoadProblem{problem(src.Dir, "cannot read this library folder: "+reason(err), "check "+src.Via)}
	case !info.IsDir():
		return nil, nil, nil, []LoadProblem{problem(src.Dir, "this library is not a folder", "name the folder that holds the flow files")}
	}
	seen := 0
	filepath.WalkDir(src.Dir, func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			problems = append(problems, problem(path, "cannot read this folder: "+reason(err), "check its permissions"))
			if d != nil && d.IsDir() {
				return filepath.SkipDir
			}
			return nil
		}
		if seen++; seen > maxFiles {
			problems = append(problems, problem(src.Dir, fmt.Sprintf("this library folder holds more than %d files; the rest are left out", maxFiles), "name the folder of the flows, not one above it"))
			return filepath.SkipAll
		}
		if d.IsDir() {
			if path != src.Dir && strings.HasPrefix(d.Name(), ".") {
				return filepath.SkipDir
			}
			return nil
		}
		ext := strings.ToLower(filepath.Ext(path))
		if ext != ".yaml" && ext != ".yml" {
			return nil
		}
		if flows.IsFlowTestFile(path) {
			tests = append(tests, path)
			return nil
		}
		if flows.IsTranslationFile(path) || flows.IsPartsTranslationFile(path) {
			return nil
		}
		if flows.IsPartsFile(path) {
			parts = append(parts, path)
			return nil
		}
		if filepath.Dir(path) == src.Dir && d.Name() == config.FileName {
			return nil
		}
		flowFiles = append(flowFiles, path)
		return nil
	})
	sort.Strings(flowFiles)
	sort.Strings(tests)
	sort.Strings(parts)
	return flowFiles, tests, parts, problems
}

// diagsOf are the diagnostics of one file (a parts file) and its translations beside it.
func diagsOf(all flows.Diagnostics, path string) flows.Diagnostics {
	name, _, _ := flows.PartsFileName(path)
	var out flows.Diagnostics
	for _, d := range all {
		if n, _, ok := flows.PartsFileName(d.Path); ok && n == name && filepath.Dir(d.Path) == filepath.Dir(path) {
			out = append(out, d)
		}
	}
	return out
}

func reason(err error) string {
	if errors.Is(err, fs.ErrNotExist) {
		return "no such folder"
	}
	return files.PlainError(err)
}

func idOf(path string) string {
	return strings.TrimSuffix(filepath.Base(path), filepath.Ext(path))
}

// Flows are the library's flows as they run, in menu order, every one read.
func (l *Library) Flows() []*flows.Flow {
	for i := range l.Entries {
		if l.Entries[i].flow.read != nil {
			flows.Library() // the built-in ones side by side (two cores), before they are taken one by one
			break
		}
	}
	var out []*flows.Flow
	for i := range l.Entries {
		if f := l.Entries[i].Flow(); f != nil {
			out = append(out, f)
		}
	}
	return out
}

// IDs are the library's flow ids, in menu order: what completions offer.
func (l *Library) IDs() []string {
	out := make([]string, len(l.Entries))
	for i, e := range l.Entries {
		out[i] = e.Heading.ID
	}
	return out
}

// Find is the entry of the flow with the given id, or nil. Its flow is read when first asked for.
func (l *Library) Find(id string) *Entry {
	for i := range l.Entries {
		if l.Entries[i].Heading.ID == id && l.Entries[i].Flow() != nil {
			return &l.Entries[i]
		}
	}
	return nil
}

// Place gives a flow read on its own (a file named on the command line) the team's settings.
func (l *Library) Place(f *flows.Flow) *flows.Flow {
	if f == nil {
		return nil
	}
	return f.Placed("file", l.Settings.Provider)
}

// Get finds a flow by id in the library, or else loads name as a file, placed with the team's settings.
func (l *Library) Get(name string) (*flows.Flow, flows.Diagnostics) {
	if e := l.Find(name); e != nil {
		return e.Flow(), nil
	}
	if _, err := os.Stat(name); err != nil && !strings.ContainsAny(name, `/\`) && filepath.Ext(name) == "" {
		return nil, l.NoSuchFlow(name)
	}
	f, diags := files.LoadFile(name)
	if diags.HasErrors() {
		return nil, diags
	}
	return l.Place(f), diags
}

// NoSuchFlow is the diagnostic for a name that is neither a flow of the library nor a file, with the
// nearest id as a hint.
func (l *Library) NoSuchFlow(name string) flows.Diagnostics {
	hint := flows.Suggest(name, l.IDs())
	if hint == "" {
		hint = "run `unstuck list` to see the flows"
	}
	for _, p := range l.Problems {
		if p.ID == name {
			return flows.Diagnostics{{Path: name, Severity: flows.SeverityError, Code: flows.CodeSyntax,
				Message: fmt.Sprintf("the flow %q does not load: %s", flows.Clip(name), p.First()), Hint: "unstuck lint " + p.Path + " says all that is wrong"}}
		}
	}
	return flows.Diagnostics{{Path: name, Severity: flows.SeverityError, Code: flows.CodeSyntax,
		Message: fmt.Sprintf("there is no flow called %q and no such file", flows.Clip(name)), Hint: hint}}
}
