package flows

import (
	"reflect"
	"testing"
)

// A run reads the built-in parts without checking them again and reads a translation only for the
// language it speaks; that holds only while the parts and every translation load without problems.
func TestTheBuiltInPartsHaveNoProblems(t *testing.T) {
	if diags := BuiltinPartsProblems(); len(diags) > 0 {
		t.Errorf("the built-in parts files have problems:\n%s", diags.Error())
	}
}

func TestTheBuiltInPartsAreReadAsPartsFSReadsThem(t *testing.T) {
	eager, _ := PartsFS(libraryFS, "library", "flows/library", nil)
	lazy := NewSharedParts(nil, builtinPartsFiles()...) // anew, not the copy BuiltinParts keeps
	if got, want := lazy.Names(), eager.Names(); !reflect.DeepEqual(got, want) {
		t.Fatalf("parts %v, want %v", got, want)
	}
	t.Run("a run in the parts' own language reads none of their translations", func(t *testing.T) {
		for _, name := range lazy.Names() {
			if p := lazy.lookup(name, "en"); p == nil {
				t.Fatalf("no part %s", name)
			}
		}
		for _, pf := range lazy.Files() {
			if len(pf.trs) > 0 || len(pf.pending) == 0 {
				t.Errorf("%s: %d translations read, %d waiting; want none read, all waiting", pf.Path, len(pf.trs), len(pf.pending))
			}
		}
	})
	for _, lang := range append(Languages(), "sv-SE", "xx") {
		t.Run("in "+lang+" each part says what it says when every translation is read first", func(t *testing.T) {
			translated := false
			for _, name := range eager.Names() {
				want, got := eager.lookup(name, lang), lazy.lookup(name, lang)
				if fingerprint(reflect.ValueOf(got)) != fingerprint(reflect.ValueOf(want)) {
					t.Errorf("part %s in %s differs from the one PartsFS reads", name, lang)
				}
				translated = translated || fingerprint(reflect.ValueOf(got)) != fingerprint(reflect.ValueOf(eager.lookup(name, "en")))
			}
			if speaks := lang != "en" && lang != "xx"; translated != speaks {
				t.Errorf("translated: %v, want %v", translated, speaks)
			}
		})
	}
	t.Run("Translations reads those still waiting", func(t *testing.T) {
		for _, pf := range lazy.Files() {
			if got, want := len(pf.Translations()), len(eager.File(pf.Parts[0].ID).Translations()); got != want || len(pf.pending) > 0 {
				t.Errorf("%s: %d translations, want %d", pf.Path, got, want)
			}
		}
	})
}
