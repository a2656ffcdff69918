package flows

import (
	"fmt"
	"path/filepath"
	"slices"
	"sort"
	"strconv"
	"strings"
	"sync"

	"go.yaml.in/yaml/v3"

	"github.com/unstuck-dev/unstuck/flows/words"
)

// Translations: one flow, many languages. A translation is a file beside the flow, NAME.LANG.yaml
// (payment-fails.sv.yaml), that gives each text of the flow under a stable key, with the source text
// it was translated from. The flow itself is never copied: a translation that lacks a text falls
// back to the flow's own, and one whose source differs from the flow's current text is stale.
// Lint reports both. `unstuck translate` writes and updates these files.

// Translation is one language's texts for a flow.
type Translation struct {
	Flow     string                     `yaml:"translation,required" desc:"The id of the flow this translates."`
	Language string                     `yaml:"language,required" desc:"The language, as a tag like sv or sv-SE."`
	Texts    map[string]*TranslatedText `yaml:"texts,required" desc:"The texts, by key: what unstuck translate writes."`
	Pos      Pos                        `yaml:"-"`
	Keys     map[string]Pos             `yaml:"-"`
	Path     string                     `yaml:"-"`
}

// TranslatedText is one text of a translation.
type TranslatedText struct {
	Source string         `yaml:"source" desc:"The flow's text this was translated from; when the flow's text changes, the translation is stale."`
	Text   string         `yaml:"text" desc:"The translated text. Empty: not translated yet (the flow's own text is shown)."`
	Pos    Pos            `yaml:"-"`
	Keys   map[string]Pos `yaml:"-"`
}

// IsTranslationFile reports whether a file is a flow's translation (NAME.LANG.yaml).
func IsTranslationFile(path string) bool {
	_, lang, ok := splitTranslationName(filepath.Base(path)) // NAME.LANG.yaml (filenames.go)
	return ok && !strings.EqualFold(lang, "test")
}

// NormalizeLang turns a locale such as sv_SE.UTF-8 into a tag such as sv-SE; C and POSIX give "".
func NormalizeLang(locale string) string { return words.Tag(locale) }

// Languages lists the languages unstuck can speak: those of its own catalogs and of the built-in
// flows' translations (from their compiled headings: no file is read), English first. The list is
// made once: every run asks for it (to match the environment's language), some more than once.
func Languages() []string { return slices.Clone(languages()) }

var languages = sync.OnceValue(func() []string {
	out := slices.Clone(words.Languages())
	for _, h := range BuiltinHeadings() {
		for _, t := range h.Texts[1:] {
			if l := NormalizeLang(t.Lang); !slices.Contains(out, l) {
				out = append(out, l)
			}
		}
	}
	return out
})

// MatchLanguage picks the language to speak for a list of preferences (most wanted first), by
// CLDR matching over Languages(): de-AT gives de, pt gives English. ok is false when none matched.
func MatchLanguage(prefs ...string) (lang string, ok bool) {
	return words.Match(Languages(), prefs...)
}

// EnvLanguage is the language the environment asks for (LANGUAGE, LC_ALL, LC_MESSAGES, LANG, the
// way GNU gettext reads them), matched to one unstuck speaks; English when none matches.
func EnvLanguage(getenv func(string) string) string {
	lang, _ := MatchLanguage(words.Preferences(getenv)...)
	return lang
}

// LangChain is the order in which languages are tried: sv-SE, then sv, then the base language.
func LangChain(lang, base string) []string {
	lang = NormalizeLang(lang)
	var out []string
	add := func(l string) {
		for _, x := range out {
			if strings.EqualFold(x, l) {
				return
			}
		}
		if l != "" {
			out = append(out, l)
		}
	}
	add(lang)
	if b, _, ok := strings.Cut(lang, "-"); ok {
		add(b)
	}
	add(NormalizeLang(base))
	return out
}

// ParseTranslation decodes a translation file strictly.
func ParseTranslation(path string, data []byte) (*Translation, Diagnostics) {
	tr := &Translation{Path: path}
	diags := decodeFile(path, data, tr, "the translation", false, nil)
	if diags.HasErrors() {
		return nil, diags
	}
	return tr, diags
}

// textRef is one translatable text of a flow: its stable key and where it lives.
type textRef struct {
	key string
	ptr *string
}

// texts lists every translatable text of the flow, by a key that stays put when other texts change:
// node ids, option values and line numbers within a list.
func (f *Flow) texts() []textRef {
	var out []textRef
	add := func(key string, p *string) {
		if *p != "" {
			out = append(out, textRef{key, p})
		}
	}
	add("title", &f.Title)
	add("description", &f.Description)
	add("problem", &f.Problem)
	for i := range f.Keywords {
		add("keywords."+strconv.Itoa(i+1), &f.Keywords[i])
	}
	add("provider.name", &f.Provider.Name)
	add("provider.help_url", &f.Provider.HelpURL)
	add("provider.hold_time", &f.Provider.HoldTime)
	add("provider.refund_time", &f.Provider.RefundTime)
	add("provider.return_registration_time", &f.Provider.ReturnRegistrationTime)
	add("provider.dispute_time", &f.Provider.DisputeTime)
	add("provider.support_hours", &f.Provider.SupportHours)
	list := func(prefix string, lines []string) {
		for i := range lines {
			add(prefix+"."+strconv.Itoa(i+1), &lines[i])
		}
	}
	for _, w := range f.nodesAsWritten() {
		n, p := w.node, w.key
		for _, fld := range []struct {
			key string
			ptr *string
		}{{"title", &n.Title}, {"text", &n.Text}, {"help", &n.Help}, {"label", &n.Label}, {"staff_note", &n.StaffNote}, {"question", &n.Question}, {"result", &n.Result}} {
			add(p+fld.key, fld.ptr)
		}
		list(p+"advice", n.Advice)
		list(p+"summary", n.Summary)
		list(p+"tried", n.Tried)
		if n.Input != nil {
			add(p+"input.placeholder", &n.Input.Placeholder)
			add(p+"input.message", &n.Input.Message)
		}
		for _, o := range n.Options {
			op := p + "options." + optionValue(o) + "."
			add(op+"label", &o.Label)
			add(op+"answer", &o.Answer)
			list(op+"summary", o.Summary)
			list(op+"tried", o.Tried)
		}
	}
	return out
}

// translate puts a translation's texts into the flow.
func (f *Flow) translate(tr *Translation) {
	for _, t := range f.texts() {
		if tt := tr.Texts[t.key]; tt != nil && strings.TrimSpace(tt.Text) != "" {
			*t.ptr = tt.Text
		}
	}
}

// TextKeys lists the flow's translatable texts: key and text, in source order.
func (f *Flow) TextKeys() [][2]string {
	var out [][2]string
	for _, t := range f.texts() {
		out = append(out, [2]string{t.key, *t.ptr})
	}
	return out
}

// lazyFile is a translation file known but not read yet: reading every translation of every flow at
// start-up would cost more than the rest of start-up together, and a run needs at most one language.
type lazyFile struct {
	shown string
	read  func() ([]byte, error)
}

// Languages lists the languages the flow can be shown in: its own, then its translations', sorted.
func (f *Flow) Languages() []string {
	var more []string
	if m := f.meta; m != nil {
		m.trMu.Lock()
		defer m.trMu.Unlock()
		for l := range m.translations {
			more = append(more, l)
		}
		for l := range m.pending {
			more = append(more, l)
		}
	}
	sort.Strings(more)
	return append([]string{f.Language}, more...)
}

// loadedMeta returns what is kept beside the flow, building it for a flow not made by the loader
// (while it is set up, before it is shared).
func (f *Flow) loadedMeta() *loaded {
	if f.meta == nil {
		f.meta = index(f, nil, nil)
	}
	return f.meta
}

// AddTranslation attaches a translation to the flow (the loader does this for files beside it).
func (f *Flow) AddTranslation(tr *Translation) {
	m := f.loadedMeta()
	m.trMu.Lock()
	defer m.trMu.Unlock()
	if m.translations == nil {
		m.translations = map[string]*Translation{}
	}
	m.translations[NormalizeLang(tr.Language)] = tr
}

// addLazyTranslation registers a translation file to read when its language is first asked for.
func (f *Flow) addLazyTranslation(lang, shown string, read func() ([]byte, error)) {
	m := f.loadedMeta()
	m.trMu.Lock()
	defer m.trMu.Unlock()
	if m.pending == nil {
		m.pending = map[string]lazyFile{}
	}
	m.pending[NormalizeLang(lang)] = lazyFile{shown, read}
}

// translation returns the translation for a language, reading its file on first use. A file that
// does not read or decode is skipped (the flow's own texts are shown); lint reports why.
func (f *Flow) translation(lang string) *Translation {
	m := f.meta
	if m == nil {
		return nil
	}
	lang = NormalizeLang(lang)
	m.trMu.Lock()
	defer m.trMu.Unlock()
	return readPending(&m.translations, m.pending, lang)
}

// readPending is the translation for lang in read, or else the one waiting in pending, read now and
// moved into read; nil when there is none or it does not read or decode (the flow's own texts are
// shown; lint says why). The caller holds the lock that guards both maps.
func readPending(read *map[string]*Translation, pending map[string]lazyFile, lang string) *Translation {
	if tr := (*read)[lang]; tr != nil {
		return tr
	}
	lf, ok := pending[lang]
	if !ok {
		return nil
	}
	delete(pending, lang)
	data, err := lf.read()
	if err != nil {
		return nil
	}
	tr, _ := ParseTranslation(lf.shown, data)
	if tr == nil {
		return nil
	}
	if *read == nil {
		*read = map[string]*Translation{}
	}
	(*read)[lang] = tr
	return tr
}

// Translations reads and returns every translation of the flow, by language, with the problems of
// any that could not be read (for lint).
func (f *Flow) Translations() map[string]*Translation {
	for _, l := range f.Languages()[1:] {
		f.translation(l)
	}
	m := f.meta
	if m == nil {
		return nil
	}
	m.trMu.Lock()
	defer m.trMu.Unlock()
	return m.translations
}

// Localize returns the flow in a language, following the fallback chain (sv-SE, sv, the flow's own
// language); texts a translation lacks stay as the flow has them. The flow itself is not changed: a
// copy is made from its source, once per language. A flow placed in a library stays placed.
func (f *Flow) Localize(lang string) *Flow { return f.keep(f.localize(lang)) }

func (f *Flow) localize(lang string) *Flow {
	m := f.meta
	if m == nil {
		return f
	}
	if m.origin != nil {
		return m.origin.Localize(lang) // a copy: start again from the flow as written
	}
	var tr *Translation
	for _, l := range LangChain(lang, f.Language) {
		if strings.EqualFold(l, NormalizeLang(f.Language)) {
			return f
		}
		if t := f.translation(l); t != nil {
			tr = t
			break
		}
	}
	if tr == nil || m.source == nil {
		return f
	}
	key := NormalizeLang(tr.Language)
	if cached, ok := m.localized.Load(key); ok {
		return cached.(*Flow)
	}
	copyOf, diags := parseFlow(f.Path, m.source, tr, m.shared, m.trusted)
	if diags.HasErrors() {
		return f
	}
	copyOf.Language = tr.Language
	copyOf.meta.translations = map[string]*Translation{key: tr}
	copyOf.meta.origin = f
	actual, _ := m.localized.LoadOrStore(key, copyOf)
	return actual.(*Flow)
}

// CheckTranslation compares a translation with the flow: texts the flow has that the translation
// lacks (missing), texts whose source changed since they were translated (stale), and keys the flow
// does not have (unknown). All are warnings: the flow still runs, in part in its own language.
func CheckTranslation(f *Flow, tr *Translation) Diagnostics {
	var diags Diagnostics
	warn := func(pos Pos, code, hint, format string, args ...any) {
		diags = append(diags, Diagnostic{Path: tr.Path, Pos: pos, Severity: SeverityWarning, Code: code, Message: fmt.Sprintf(format, args...), Hint: hint})
	}
	if tr.Flow != f.ID {
		warn(keyPos(tr.Keys, "translation", tr.Pos), CodeBadValue, fmt.Sprintf("write `translation: %s`", f.ID), "this translates %q, but the flow beside it is %q", clip(tr.Flow), f.ID)
	}
	known := map[string]bool{}
	missing, absent, total := 0, 0, 0
	var last Pos // where the last missing text is, for the line that counts those not listed
	fresh := untranslated(f, tr)
	for _, t := range f.texts() {
		known[t.key] = true
		total++
		tt := tr.Texts[t.key]
		switch {
		case fresh:
			missing++
		case tt == nil || strings.TrimSpace(tt.Text) == "":
			missing++
			// A key the file lacks is added by unstuck translate; a key it has waits to be filled in.
			pos, hint := keyPos(tr.Keys, "texts", tr.Pos), "run unstuck translate to add the missing keys"
			if tt != nil {
				pos, hint = keyPos(tt.Keys, "text", tt.Pos), "fill in its text:"
			} else {
				absent++
			}
			if pos.Line > last.Line || pos.Line == last.Line && pos.Col > last.Col {
				last = pos
			}
			if missing <= 20 {
				warn(pos, CodeMissingTranslation, hint,
					"%s has no %s text for %q (the flow's own text is shown instead)", tr.Language, clip(t.key), clip(*t.ptr))
			}
		case tt.Source != *t.ptr:
			warn(tt.Pos, CodeStaleTranslation, "check the translation against the new text, then copy the new text into source:",
				"the text of %s changed after it was translated", t.key)
		}
		if tt != nil && HasControl(tt.Text) {
			diags = append(diags, Diagnostic{Path: tr.Path, Pos: tt.Pos, Severity: SeverityError, Code: CodeControlChars, Message: "the text contains control or escape characters", Hint: "remove it"})
		}
		if tt != nil {
			diags = append(diags, translatedTooLong(tr, t.key, tt)...)
		}
	}
	switch {
	case fresh && total > 0:
		// Just written by unstuck translate: one line says what is left to do, not one per text.
		warn(keyPos(tr.Keys, "texts", tr.Pos), CodeMissingTranslation, "fill in each text:, leaving source: as it is",
			"none of the flow's %d texts is translated into %s yet (the flow's own texts are shown instead)", total, tr.Language)
	case missing > 20:
		// At the last missing text, so that it comes after the twenty it follows.
		hint := "fill in each text:"
		if absent > 0 {
			hint = "fill in each text:, and run unstuck translate to add the missing keys"
		}
		warn(last, CodeMissingTranslation, hint, "… and %d more texts have no %s translation", missing-20, tr.Language)
	}
	keys := make([]string, 0, len(tr.Texts))
	for k := range tr.Texts {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	for _, k := range keys {
		if !known[k] {
			warn(tr.Texts[k].Pos, CodeUnknownKey, "remove it, or rename it to a key the flow has", "the flow has no text %q (renamed or removed?)", clip(k))
		}
	}
	return diags.Sort()
}

// TranslationName splits a translation file's name (NAME.LANG.yaml) into the flow's name and the
// language; ok is false for any other name.
func TranslationName(path string) (flow, lang string, ok bool) {
	flow, lang, ok = splitTranslationName(filepath.Base(path))
	if !ok || strings.EqualFold(lang, "test") {
		return "", "", false
	}
	return flow, lang, true
}

// LoadTranslation parses a translation file's text, attaches it to f, and returns its problems and
// those of the translation against the flow (shown is the path the diagnostics name).
func LoadTranslation(f *Flow, shown string, data []byte) Diagnostics {
	tr, diags := ParseTranslation(shown, data)
	if tr == nil {
		return diags
	}
	f.AddTranslation(tr)
	return append(diags, CheckTranslation(f, tr)...)
}

// UpdateTranslation writes a translation file for the flow in lang: every text of the flow under its
// key, in source order, with the texts already translated in old (nil for a new file) kept. A text
// whose source changed keeps its old source, so it stays marked stale until a writer looks at it.
// It returns the file and counts of texts added and dropped (keys the flow no longer has).
func UpdateTranslation(f *Flow, lang string, old *Translation) (data []byte, added, dropped int, err error) {
	str := func(s string) *yaml.Node {
		n := &yaml.Node{Kind: yaml.ScalarNode, Tag: "!!str", Value: s}
		if strings.Contains(s, "\n") {
			n.Style = yaml.LiteralStyle
		} else {
			n.Style = yaml.DoubleQuotedStyle
		}
		return n
	}
	key := func(s string) *yaml.Node { return &yaml.Node{Kind: yaml.ScalarNode, Tag: "!!str", Value: s} }
	texts := &yaml.Node{Kind: yaml.MappingNode}
	seen := map[string]bool{}
	for _, t := range f.texts() {
		seen[t.key] = true
		source, text := *t.ptr, ""
		if old != nil {
			if tt := old.Texts[t.key]; tt != nil {
				source, text = tt.Source, tt.Text
				if strings.TrimSpace(tt.Source) == "" {
					source = *t.ptr
				}
			} else {
				added++
			}
		} else {
			added++
		}
		entry := &yaml.Node{Kind: yaml.MappingNode, Content: []*yaml.Node{key("source"), str(source), key("text"), str(text)}}
		texts.Content = append(texts.Content, key(t.key), entry)
	}
	if old != nil {
		for k := range old.Texts {
			if !seen[k] {
				dropped++
			}
		}
	}
	doc := &yaml.Node{Kind: yaml.MappingNode, Content: []*yaml.Node{
		key("translation"), key(f.ID), key("language"), key(NormalizeLang(lang)), key("texts"), texts,
	}}
	root := &yaml.Node{Kind: yaml.DocumentNode, Content: []*yaml.Node{doc},
		HeadComment: fmt.Sprintf("The %s texts of the flow %q. Fill in each text:, leaving source: as it is;\n"+
			"unstuck translate updates this file when the flow changes, and unstuck lint reports what is missing or stale.", NormalizeLang(lang), f.ID)}
	var b strings.Builder
	enc := yaml.NewEncoder(&b)
	enc.SetIndent(2)
	if err := enc.Encode(root); err != nil {
		return nil, 0, 0, err
	}
	enc.Close()
	return []byte(b.String()), added, dropped, nil
}

// untranslated reports whether a translation has every key of the flow and no text filled in: the
// file unstuck translate has just written.
func untranslated(f *Flow, tr *Translation) bool {
	for _, t := range f.texts() {
		tt := tr.Texts[t.key]
		if tt == nil || strings.TrimSpace(tt.Text) != "" {
			return false
		}
	}
	return true
}
