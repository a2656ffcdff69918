package flows

import (
	"bytes"
	"io/fs"
	"path"
	"slices"
	"sort"
	"strings"

	"go.yaml.in/yaml/v3"
)

// Listing is a built-in flow as `unstuck list` shows it: its id and its title.
type Listing struct {
	ID, Title string
}

// flowHeader is what the top of a flow file says, before its nodes.
type flowHeader struct {
	Flow     string `yaml:"flow"`
	Title    string `yaml:"title"`
	Language string `yaml:"language"`
	Order    int    `yaml:"order"`
}

// LibraryListing lists the built-in flows, in menu order, with their titles in lang. Listing needs
// no flow's nodes, so it reads only the top of each file (what comes before `nodes:`), a fiftieth of
// the work of loading it; a flow to be shown in another language than its own is loaded whole and
// translated. When a file's top cannot be read so, the whole library is loaded, and its errors said.
func LibraryListing(lang string) ([]Listing, error) {
	names, _ := fs.Glob(libraryFS, "library/*.yaml")
	type entry struct {
		header flowHeader
		title  string
	}
	var entries []entry
	for _, name := range names {
		if IsFlowTestFile(name) || IsTranslationFile(name) {
			continue
		}
		data, err := fs.ReadFile(libraryFS, name)
		if err != nil {
			return libraryListingWhole(lang)
		}
		if i := bytes.Index(data, []byte("\nnodes:")); i >= 0 {
			data = data[:i+1]
		}
		var h flowHeader
		if yaml.Unmarshal(data, &h) != nil || h.Flow == "" || h.Title == "" {
			return libraryListingWhole(lang)
		}
		title := h.Title
		if translated(name, names, lang, h.Language) {
			f := Builtin(h.Flow)
			if f == nil {
				return libraryListingWhole(lang)
			}
			title = f.Localize(lang).Title
		}
		entries = append(entries, entry{h, title})
	}
	sort.SliceStable(entries, func(i, j int) bool {
		oi, oj := menuOrderOf(entries[i].header.Order), menuOrderOf(entries[j].header.Order)
		if oi != oj {
			return oi < oj
		}
		return entries[i].header.Title < entries[j].header.Title
	})
	out := make([]Listing, len(entries))
	for i, e := range entries {
		out[i] = Listing{ID: e.header.Flow, Title: Sanitize(e.title)}
	}
	return out, nil
}

// translated reports whether Localize would show the flow in file name, written in language base,
// from a translation for lang: a translation file comes before the flow's own language in lang's
// chain.
func translated(name string, names []string, lang, base string) bool {
	stem := strings.TrimSuffix(path.Base(name), ".yaml")
	for _, l := range LangChain(lang, base) {
		if strings.EqualFold(l, NormalizeLang(base)) {
			return false
		}
		if slices.ContainsFunc(names, func(n string) bool {
			m := translationName.FindStringSubmatch(path.Base(n))
			return m != nil && m[1] == stem && strings.EqualFold(NormalizeLang(m[2]), l)
		}) {
			return true
		}
	}
	return false
}

func menuOrderOf(order int) int { return (&Flow{Order: order}).menuOrder() }

// libraryListingWhole is LibraryListing from the library loaded whole.
func libraryListingWhole(lang string) ([]Listing, error) {
	lib, err := Library()
	if err != nil {
		return nil, err
	}
	out := make([]Listing, len(lib))
	for i, f := range lib {
		out[i] = Listing{ID: f.ID, Title: Sanitize(f.Localize(lang).Title)}
	}
	return out, nil
}
