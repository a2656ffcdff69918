// Package words holds unstuck's own words (the UI's, the summary's, the engine's and the checks'
// plain lines) in every language it speaks, as data: one catalog file per language, embedded.
//
// The English text of a message is its key in every catalog (the gotext convention of
// golang.org/x/text/message). A message whose words depend on a number gives its forms by CLDR
// plural category (one, few, many, other...). Numbers in messages and amounts are written by CLDR
// rules (1,234.50 in English, 1 234,50 in Swedish and Polish, 1.234,50 in German). A catalog is read
// the first time its language is asked for, never at start-up. Adding a language is adding a file
// to catalog/: the list of languages is read from the files, not written in Go.
package words

import (
	"embed"
	"fmt"
	"io/fs"
	"path"
	"slices"
	"sort"
	"strings"
	"sync"

	"go.yaml.in/yaml/v3"
	"golang.org/x/text/feature/plural"
	"golang.org/x/text/language"
	"golang.org/x/text/message"
	xcatalog "golang.org/x/text/message/catalog"
	"golang.org/x/text/number"
)

//go:embed catalog/*.yaml
var files embed.FS

// Source is the language of the keys: every message's English text.
const Source = "en"

// Catalog is one language's words, as read from its file.
type Catalog struct {
	Language string
	// Same lists the messages that are the same as English in this language on purpose ("OK").
	Same []string
	// Messages are the texts by English key; Plurals the forms of messages that depend on a number,
	// by CLDR category (a message is in one of the two).
	Messages map[string]string
	Plurals  map[string]map[string]string
}

// file is a catalog file as written.
type file struct {
	Language string               `yaml:"language"`
	Same     []string             `yaml:"same_as_english"`
	Messages map[string]yaml.Node `yaml:"messages"`
}

// pluralOrder is the order in which plural forms are tried: exact values first, other last.
var pluralOrder = []string{"zero", "one", "two", "few", "many", "other"}

// Languages lists the languages that have a catalog, English first, then sorted. Only the file
// names are read.
func Languages() []string {
	return languages()
}

var languages = sync.OnceValue(func() []string {
	entries, _ := fs.ReadDir(files, "catalog")
	var out []string
	for _, e := range entries {
		if l, ok := strings.CutSuffix(e.Name(), ".yaml"); ok && l != Source {
			out = append(out, l)
		}
	}
	sort.Strings(out)
	return append([]string{Source}, out...)
})

// Parse reads a catalog file; name is shown in errors.
func Parse(name string, data []byte) (*Catalog, error) {
	var f file
	if err := yaml.Unmarshal(data, &f); err != nil {
		return nil, fmt.Errorf("%s: %w", name, err)
	}
	c := &Catalog{Language: f.Language, Same: f.Same, Messages: map[string]string{}, Plurals: map[string]map[string]string{}}
	for key, n := range f.Messages {
		switch n.Kind {
		case yaml.ScalarNode:
			c.Messages[key] = n.Value
		case yaml.MappingNode:
			forms := map[string]string{}
			if err := n.Decode(&forms); err != nil {
				return nil, fmt.Errorf("%s:%d: the forms of %q: %w", name, n.Line, key, err)
			}
			for form := range forms {
				if !slices.Contains(pluralOrder, form) && !strings.HasPrefix(form, "=") {
					return nil, fmt.Errorf("%s:%d: %q has a form %q; the forms are zero, one, two, few, many, other or =N", name, n.Line, key, form)
				}
			}
			if forms["other"] == "" {
				return nil, fmt.Errorf("%s:%d: %q has plural forms but no other:", name, n.Line, key)
			}
			c.Plurals[key] = forms
		default:
			return nil, fmt.Errorf("%s:%d: %q must be a text or a map of plural forms", name, n.Line, key)
		}
	}
	return c, nil
}

// Keys lists the catalog's messages (plain and plural), sorted.
func (c *Catalog) Keys() []string {
	var out []string
	for k := range c.Messages {
		out = append(out, k)
	}
	for k := range c.Plurals {
		out = append(out, k)
	}
	sort.Strings(out)
	return out
}

// text is a message's text: for a plural message, its other form.
func (c *Catalog) text(key string) (string, bool) {
	if t, ok := c.Messages[key]; ok && t != "" {
		return t, true
	}
	if f, ok := c.Plurals[key]; ok {
		return f["other"], true
	}
	return "", false
}

// Has reports whether the catalog translates key (or lists it as the same as English).
func (c *Catalog) Has(key string) bool {
	_, ok := c.text(key)
	return ok || slices.Contains(c.Same, key)
}

var (
	loadMu  sync.Mutex
	loaded  = map[string]*Catalog{}
	builder = xcatalog.NewBuilder(xcatalog.Fallback(language.English))
)

// Load returns the catalog for a language (a tag such as sv or sv-SE; the file name's case does
// not matter), reading it on first use; nil when there is none. A broken embedded file is a bug
// that the tests catch, so it reads as no catalog here.
func Load(lang string) *Catalog {
	c, _ := load(lang)
	return c
}

func load(lang string) (*Catalog, error) {
	lang = strings.ToLower(strings.ReplaceAll(lang, "_", "-"))
	if lang == "" || strings.ContainsAny(lang, "/.") {
		return nil, nil
	}
	loadMu.Lock()
	defer loadMu.Unlock()
	return loadLocked(lang)
}

func loadLocked(lang string) (*Catalog, error) {
	if c, ok := loaded[lang]; ok {
		return c, nil
	}
	var name string
	for _, l := range Languages() {
		if strings.EqualFold(l, lang) {
			name = l
		}
	}
	if name == "" {
		loaded[lang] = nil
		return nil, nil
	}
	shown := path.Join("catalog", name+".yaml")
	data, err := files.ReadFile(shown)
	if err != nil {
		return nil, err
	}
	c, err := Parse("flows/words/"+shown, data)
	if err != nil {
		loaded[lang] = nil
		return nil, err
	}
	tag := language.Make(name)
	set := func(from *Catalog, k string) {
		if forms, ok := from.Plurals[k]; ok {
			_ = builder.Set(tag, k, selectf(k, forms))
		} else if v := from.Messages[k]; v != "" {
			_ = builder.SetString(tag, k, v)
		}
	}
	for _, k := range c.Keys() {
		set(c, k)
	}
	// A message the language lacks is said in English, with English plural forms (x/text looks
	// only along a tag's parents, so the English is copied in under the language's tag).
	if name != Source {
		if en, _ := loadLocked(Source); en != nil {
			for _, k := range en.Keys() {
				if !c.Has(k) || slices.Contains(c.Same, k) {
					set(en, k)
				}
			}
		}
	}
	loaded[lang] = c
	return c, nil
}

// CheckFiles reads every catalog file and reports the first problem, for tests.
func CheckFiles() error {
	for _, l := range Languages() {
		data, err := files.ReadFile(path.Join("catalog", l+".yaml"))
		if err != nil {
			return err
		}
		c, err := Parse("flows/words/catalog/"+l+".yaml", data)
		if err != nil {
			return err
		}
		if !strings.EqualFold(c.Language, l) {
			return fmt.Errorf("flows/words/catalog/%s.yaml: language: is %q, but the file is named for %q", l, c.Language, l)
		}
	}
	return nil
}

// selectf makes a plural message: the form is chosen by the message's first %d argument.
func selectf(key string, forms map[string]string) xcatalog.Message {
	var cases []any
	var exact []string
	for f := range forms {
		if strings.HasPrefix(f, "=") {
			exact = append(exact, f)
		}
	}
	sort.Strings(exact)
	for _, f := range append(exact, pluralOrder...) {
		if t, ok := forms[f]; ok {
			cases = append(cases, f, t)
		}
	}
	return plural.Selectf(countArg(key), "%d", cases...)
}

// countArg is the position (from 1) of the first %d in a format: the number a plural depends on.
func countArg(format string) int {
	arg := 0
	for i := 0; i < len(format)-1; i++ {
		if format[i] != '%' {
			continue
		}
		i++
		if format[i] == '%' {
			continue
		}
		for i < len(format) && strings.IndexByte("+-# 0123456789.", format[i]) >= 0 {
			i++
		}
		arg++
		if i < len(format) && format[i] == 'd' {
			return arg
		}
	}
	return 1
}

// Chain is the order in which catalogs are tried for lang: sv-SE, then sv, then English.
func Chain(lang string) []string {
	lang = strings.ReplaceAll(lang, "_", "-")
	var out []string
	add := func(l string) {
		if l != "" && !slices.ContainsFunc(out, func(x string) bool { return strings.EqualFold(x, l) }) {
			out = append(out, l)
		}
	}
	add(lang)
	if b, _, ok := strings.Cut(lang, "-"); ok {
		add(b)
	}
	add(Source)
	return out
}

// Text translates a message into lang by its English text, falling back along the chain (sv-SE,
// sv, English); a message no catalog has is its own English. It does no formatting: for a message
// with a number in it, use Sprintf.
func Text(lang, english string) string {
	for _, l := range Chain(lang) {
		if strings.EqualFold(l, Source) {
			// English says each message as its key (a plural's other form is its key too:
			// TestEnglishSaysEveryMessageAsItsKey), so its catalog need not be read to say one: an
			// English run reads no catalog until a number's plural form is asked for (Sprintf).
			return english
		}
		if c := Load(l); c != nil {
			if t, ok := c.text(english); ok {
				return t
			}
		}
	}
	return english
}

var printers sync.Map // lang → *message.Printer

// printer is the x/text printer for lang, with the catalogs of its chain loaded.
func printer(lang string) *message.Printer {
	if p, ok := printers.Load(lang); ok {
		return p.(*message.Printer)
	}
	// The first language of the chain that has a catalog says the words and writes the numbers:
	// sv-SE is said as sv, and a language with no catalog is English.
	tag := language.English
	for _, l := range Chain(lang) {
		if c := Load(l); c != nil {
			tag = language.Make(c.Language)
			break
		}
	}
	p, _ := printers.LoadOrStore(lang, message.NewPrinter(tag, message.Catalog(builder)))
	return p.(*message.Printer)
}

// Sprintf translates a format by its English text and fills it in: the plural form is the one the
// first %d's number asks for in lang, and numbers are written the language's way (1 234 in
// Swedish). An id or a year must not be grouped: pass it as a string (%s), or use Text and fmt.
func Sprintf(lang, english string, args ...any) string {
	return printer(lang).Sprintf(english, args...)
}

var numberPrinters sync.Map // lang → *message.Printer

// Amount writes an amount in cents the language's way: 1,234.50 in English, 1 234,50 in Swedish
// and Polish, 1.234,50 in German and Spanish (CLDR), also for a language with no catalog (French).
func Amount(lang string, cents int64) string {
	p, ok := numberPrinters.Load(lang)
	if !ok {
		// Digits stay 0-9 in every language (the scrubber and the shopper read them everywhere);
		// the separators are the language's.
		tag, err := language.Parse(lang + "-u-nu-latn")
		if err != nil {
			tag = language.English
		}
		p, _ = numberPrinters.LoadOrStore(lang, message.NewPrinter(tag))
	}
	return amount(p.(*message.Printer), cents)
}

// amount is exact at any size: the whole part is written as an integer, and the cents follow the
// language's decimal separator, which the printer gives for a known fraction.
func amount(p *message.Printer, cents int64) string {
	whole, frac := cents/100, cents%100
	if frac < 0 {
		frac = -frac
	}
	sep := strings.Trim(p.Sprint(number.Decimal(1.5, number.Scale(1))), "15")
	s := p.Sprint(number.Decimal(whole))
	if cents < 0 && whole == 0 {
		s = "-" + s
	}
	return fmt.Sprintf("%s%s%02d", s, sep, frac)
}
