package flows

import (
	"embed"
	"fmt"
	"io/fs"
	"maps"
	"path"
	"path/filepath"
	"slices"
	"sort"
	"strings"
	"sync"
	"unicode"

	"golang.org/x/text/unicode/norm"
)

//go:embed library/*.yaml
var libraryFS embed.FS

// LibraryFS is the built-in flows, for tools that read them as files (lint, tests).
func LibraryFS() fs.FS { return libraryFS }

var loadLibrary = sync.OnceValues(readLibrary)

// builtinFiles holds, for each built-in flow file, its loader, run once on first use: a run that
// names its flow (unstuck run payment-fails) reads that flow alone, and the menu, which reads them
// all, shares what was read.
var builtinFiles = sync.OnceValue(func() map[string]func() (*Flow, Diagnostics) {
	names := libraryNames()
	all := slices.Clone(names)
	out := map[string]func() (*Flow, Diagnostics){}
	for _, name := range names {
		// NAME.yaml, one dot, is a flow (a test, translation or parts file has more); only a name
		// with more is matched against their patterns.
		if strings.Count(path.Base(name), ".") == 1 || !IsFlowTestFile(name) && !IsTranslationFile(name) && !IsPartsFile(name) {
			out[name] = sync.OnceValues(func() (*Flow, Diagnostics) { return readBuiltin(name, all, BuiltinParts()) })
		}
	}
	return out
})

// readBuiltin loads one built-in flow, its translations to be read when first asked for; its call
// steps run shared's parts.
func readBuiltin(name string, all []string, shared *SharedParts) (*Flow, Diagnostics) {
	data, err := fs.ReadFile(libraryFS, name)
	if err != nil {
		return nil, Diagnostics{{Path: "flows/" + name, Pos: Pos{1, 1}, Severity: SeverityError, Code: CodeSyntax, Message: "cannot read the file: " + plainErr(err)}}
	}
	f, diags := parseFlow("flows/"+name, data, nil, shared, shared == BuiltinParts()) // builtin_trusted_test.go
	if diags.HasErrors() {
		return nil, diags
	}
	base := strings.TrimSuffix(path.Base(name), ".yaml")
	for _, n := range all {
		if !strings.HasPrefix(path.Base(n), base+".") {
			continue // not NAME.LANG.yaml for this flow: no need to match it
		}
		if flow, lang, ok := TranslationName(n); ok && flow == base {
			f.addLazyTranslation(lang, "flows/"+n, func() ([]byte, error) { return fs.ReadFile(libraryFS, n) })
		}
	}
	return f, diags
}

// readLibrary loads every built-in flow with its translations.
func readLibrary() ([]*Flow, error) {
	files := builtinFiles()
	names := slices.Sorted(maps.Keys(files))
	// The files are read side by side (the menu waits for all of them), then gathered in order.
	var wg sync.WaitGroup
	for _, name := range names {
		wg.Go(func() { files[name]() })
	}
	wg.Wait()
	var out []*Flow
	var problems Diagnostics
	for _, name := range names {
		f, diags := files[name]()
		if diags.HasErrors() {
			problems = append(problems, diags...)
			continue
		}
		out = append(out, f)
	}
	sort.SliceStable(out, func(i, j int) bool {
		oi, oj := out[i].menuOrder(), out[j].menuOrder()
		if oi != oj {
			return oi < oj
		}
		return out[i].Title < out[j].Title
	})
	if len(problems) > 0 {
		return out, problems
	}
	return out, nil
}

// LibraryWith loads the built-in flows anew, their call steps running shared's parts (a team's
// parts files over the built-in ones), for a library whose parts files replace a built-in part.
func LibraryWith(shared *SharedParts) ([]*Flow, error) {
	all, _ := fs.Glob(libraryFS, "library/*.yaml")
	var out []*Flow
	var problems Diagnostics
	for _, name := range slices.Sorted(maps.Keys(builtinFiles())) {
		f, diags := readBuiltin(name, all, shared)
		if diags.HasErrors() {
			problems = append(problems, diags...)
			continue
		}
		out = append(out, f)
	}
	sortMenu(out)
	if len(problems) > 0 {
		return out, problems
	}
	return out, nil
}

// sortMenu puts flows in menu order: by order, then title.
func sortMenu(out []*Flow) {
	sort.SliceStable(out, func(i, j int) bool {
		oi, oj := out[i].menuOrder(), out[j].menuOrder()
		if oi != oj {
			return oi < oj
		}
		return out[i].Title < out[j].Title
	})
}

// Library returns the built-in flows, loaded once, in file order.
func Library() ([]*Flow, error) { return loadLibrary() }

// Builtin returns the built-in flow with the given id, or nil. Its compiled heading names its file,
// so only that file is read, and an id no built-in flow has reads none.
func Builtin(id string) *Flow {
	for _, h := range builtinHeadings {
		if h.ID != id {
			continue
		}
		if load := builtinFiles()[strings.TrimPrefix(h.Path, "flows/")]; load != nil {
			if f, _ := load(); f != nil && f.ID == id {
				return f
			}
		}
	}
	return nil
}

// NoSuchFlow is the diagnostic for a name that is neither a built-in flow nor a file, with the
// nearest built-in id as a hint.
func NoSuchFlow(name string) Diagnostics {
	ids := make([]string, len(builtinHeadings))
	for i, h := range builtinHeadings {
		ids[i] = h.ID
	}
	return Diagnostics{{Path: name, Pos: Pos{}, Severity: SeverityError, Code: CodeSyntax,
		Message: fmt.Sprintf("there is no built-in flow called %q and no such file", clip(name)),
		Hint:    suggestOr(name, ids, "run `unstuck list` to see the built-in flows")}}
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

// IsFlowTestFile reports whether a file holds flow tests rather than a flow (name.test.yaml).
func IsFlowTestFile(path string) bool {
	base := strings.ToLower(filepath.Base(path))
	return strings.HasSuffix(base, ".test.yaml") || strings.HasSuffix(base, ".test.yml")
}

func (f *Flow) menuOrder() int { return menuOrderOf(f.Order) }

// TitleMatches counts the search words that start a word of the title (HeadingText.TitleMatches).
func (f *Flow) TitleMatches(query string) int { return textsOf("", f).TitleMatches(query) }

// Matches reports whether a shopper's search words all appear in the flow's title, description or
// keywords (HeadingText.Matches).
func (f *Flow) Matches(query string) bool { return textsOf("", f).Matches(query) }

// Fold lower-cases text and drops accents, so that "devolucion" finds "devolución" and "si" is "sí".
func Fold(text string) string {
	var b strings.Builder
	for _, r := range norm.NFD.String(strings.ToLower(text)) {
		if f, ok := undecomposed[r]; ok {
			b.WriteString(f)
		} else if !unicode.Is(unicode.Mn, r) {
			b.WriteRune(r)
		}
	}
	return b.String()
}

// undecomposed are the letters that Unicode does not write as a base letter and a mark, folded the
// way a reader without the key would type them: ł (Polish) as l, ø as o, ß as ss.
var undecomposed = map[rune]string{
	'ł': "l", 'ø': "o", 'đ': "d", 'ð': "d", 'ħ': "h", 'ı': "i", 'ŀ': "l", 'ŧ': "t", 'ƀ': "b", 'ƶ': "z",
	'ß': "ss", 'æ': "ae", 'œ': "oe", 'þ': "th", 'ĳ': "ij",
}
