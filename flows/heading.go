package flows

import (
	"strings"
	"unicode"
)

// Heading is what the menu and `unstuck list` show of a flow, known without reading the flow whole:
// its id, its place in the menu, and its title, description and keywords in each language it is
// written or translated in. The built-in flows' headings are compiled in (builtin_headings.go,
// made from the flows themselves and held equal to them by a test), so the menu and the list parse
// no flow; a flow is read when it is opened.
type Heading struct {
	ID       string
	Path     string // the flow's file; flows/library/ID.yaml for a built-in flow
	Order    int    // as the flow says; 0 is the default place (menuOrder)
	Language string // the language the flow is written in
	Version  int    // the flow format version (1 when the flow leaves it out)
	Revision string // Flow.Revision
	// Texts are the flow's own texts first, then each translation's, by language (a compiled
	// heading); a read flow's heading holds its own texts and localizes on demand (HeadingOf).
	Texts []HeadingText
	flow  *Flow // the flow read, for a heading made from one: its translations are read when asked for
}

// HeadingText is a flow's title, description and keywords in one language.
type HeadingText struct {
	Lang        string // normalised (NormalizeLang)
	Title       string
	Description string
	Keywords    []string
}

// HeadingOf is the heading of a flow that is read: it says what a compiled heading of the flow
// would, and reads a translation only when its language is asked for (In), as the flow does.
func HeadingOf(f *Flow) Heading {
	version := f.Version
	if version == 0 {
		version = 1
	}
	return Heading{ID: f.ID, Path: f.Path, Order: f.Order, Language: f.Language, Version: version, Revision: f.Revision(),
		Texts: []HeadingText{textsOf(NormalizeLang(f.Language), f)}, flow: f}
}

// compiledHeadingOf is the heading of f with the texts of every language, as compiled into
// builtin_headings.go.
func compiledHeadingOf(f *Flow) Heading {
	h := HeadingOf(f)
	h.flow = nil
	for _, l := range f.Languages()[1:] {
		if f.translation(l) == nil {
			continue // a translation that does not read is passed over, as Localize passes it over
		}
		h.Texts = append(h.Texts, textsOf(l, f.Localize(l)))
	}
	return h
}

func textsOf(lang string, f *Flow) HeadingText {
	return HeadingText{Lang: lang, Title: f.Title, Description: f.Description, Keywords: f.Keywords}
}

// In is the heading in a language, following the same fallback chain as Flow.Localize: the
// language, its base (sv for sv-SE), then the flow's own.
func (h *Heading) In(lang string) HeadingText {
	if h.flow != nil {
		return textsOf(NormalizeLang(lang), h.flow.Localize(lang))
	}
	if len(h.Texts) == 0 {
		return HeadingText{}
	}
	own := NormalizeLang(h.Language)
	for _, l := range LangChain(lang, h.Language) {
		if strings.EqualFold(l, own) {
			break
		}
		for _, t := range h.Texts[1:] {
			if strings.EqualFold(t.Lang, l) {
				return t
			}
		}
	}
	return h.Texts[0]
}

// MenuOrder is where the flow stands in the menu: its order, 100 when it gives none.
func (h *Heading) MenuOrder() int { return menuOrderOf(h.Order) }

func menuOrderOf(order int) int {
	if order == 0 {
		return 100
	}
	return order
}

// Matches reports whether a shopper's search words all appear in the title, description or
// keywords (each word as the start of a word there, ignoring case and accents).
func (t HeadingText) Matches(query string) bool {
	words := searchWords(t.Title + " " + t.Description + " " + strings.Join(t.Keywords, " "))
	for _, q := range strings.Fields(Fold(query)) {
		found := false
		for _, w := range words {
			if strings.HasPrefix(w, q) {
				found = true
				break
			}
		}
		if !found {
			return false
		}
	}
	return true
}

// TitleMatches counts the search words that start a word of the title: the menu lists flows whose
// title says what the shopper typed before those that only mention it.
func (t HeadingText) TitleMatches(query string) int {
	title := searchWords(t.Title)
	n := 0
	for _, q := range strings.Fields(Fold(query)) {
		for _, w := range title {
			if strings.HasPrefix(w, q) {
				n++
				break
			}
		}
	}
	return n
}

// searchWords are the folded words of a text, as search compares them.
func searchWords(text string) []string {
	return strings.FieldsFunc(Fold(text), func(r rune) bool { return !unicode.IsLetter(r) && !unicode.IsDigit(r) })
}

//go:generate go test -run TestBuiltinHeadingsAreCurrent -update

// BuiltinHeadings are the built-in flows' headings, in menu order, compiled in: listing the
// built-in flows reads no file. The slice is shared: do not change it.
func BuiltinHeadings() []Heading { return builtinHeadings }
