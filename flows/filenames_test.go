package flows

import (
	"io/fs"
	"path"
	"regexp"
	"slices"
	"strings"
	"testing"
)

func TestFileNamesAreMatchedAsThePatternsMatchThem(t *testing.T) {
	names := []string{
		"", ".", "..", ".yaml", "a.yaml", "a.sv.yaml", "a.sv.yml", "a.sv.yam", "a.sv.yaml.bak", "a.SV.YAML",
		"a.sv-SE.yaml", "a.sv_se.yaml", "a.sv-.yaml", "a.sv-s.yaml", "a.sv-123456789.yaml", "a.sv-12345678.yaml",
		"a.s.yaml", "a.swed.yaml", "a.deu.yaml", "a.d1.yaml", "a.test.yaml", "a.TEST.yaml", "a..yaml", ".sv.yaml",
		"a.b.sv.yaml", "a b.sv.yaml", "å.sv.yaml", "a.sé.yaml", "a\n.sv.yaml", "a.sv.yaml\n", "\xff.sv.yaml",
		"card.parts.yaml", "card.parts.yml", "card.parts.sv.yaml", "card.parts.sv-SE.yml", "card.parts.test.yaml",
		"card.parts.x.yaml", "card.parts..yaml", "card.part.yaml", "card.PARTS.yaml", ".parts.yaml",
		"card.parts.sv.yaml.yaml", "card.parts", "card.parts.yaml.sv", "a.b.parts.yaml", "parts.yaml",
		"a.parts.parts.yaml", "a.sv-se-x.yaml", "a.sv--se.yaml", "a.sv_12.yaml",
	}
	lib, _ := fs.Glob(libraryFS, "library/*")
	for _, n := range lib {
		names = append(names, path.Base(n))
	}
	// Every name with one character changed, dropped or doubled, to go near the edges.
	for _, n := range slices.Clone(names) {
		for i := range len(n) {
			names = append(names, n[:i]+n[i+1:], n[:i]+n[i:i+1]+n[i:], n[:i]+"."+n[i+1:], n[:i]+"-"+n[i+1:], n[:i]+"7"+n[i+1:])
		}
	}
	for _, n := range names {
		want, got := translationName.FindStringSubmatch(n), []string(nil)
		if name, lang, ok := splitTranslationName(n); ok {
			got = []string{n, name, lang}
		}
		if !slices.Equal(got, want) {
			t.Errorf("splitTranslationName(%q) = %q, the pattern %q", n, got, want)
		}
		want = partsFileName.FindStringSubmatch(n)
		got = nil
		if name, lang, ok := splitPartsName(n); ok {
			got = []string{n, name, lang}
		}
		if !slices.Equal(got, want) {
			t.Errorf("splitPartsName(%q) = %q, the pattern %q", n, got, want)
		}
	}
	if len(names) < 1000 || !slices.ContainsFunc(names, func(n string) bool { return strings.HasSuffix(n, ".parts.sv.yaml") }) {
		t.Errorf("only %d names", len(names))
	}
}

// translationName is the pattern of a flow translation's name (NAME.LANG.yaml), which
// splitTranslationName matches by hand.
var translationName = regexp.MustCompile(`^([^.]+)\.([a-zA-Z]{2,3}(?:[-_][a-zA-Z0-9]{2,8})?)\.ya?ml$`)

// partsFileName is the pattern of a parts file's name (NAME.parts.yaml) or its translation's
// (NAME.parts.LANG.yaml), which splitPartsName matches by hand.
var partsFileName = regexp.MustCompile(`^([^.]+)\.parts(?:\.([a-zA-Z]{2,3}(?:[-_][a-zA-Z0-9]{2,8})?))?\.ya?ml$`)
