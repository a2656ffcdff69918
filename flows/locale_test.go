package flows

import (
	"io/fs"
	"path"
	"slices"
	"testing"
	"time"

	"github.com/unstuck-dev/unstuck/checks"
	"github.com/unstuck-dev/unstuck/flows/words"
)

func TestFoldMakesLettersThatDoNotDecomposeSearchable(t *testing.T) {
	for _, tc := range []struct{ in, want string }{
		{"Płatność", "platnosc"}, {"Øre", "ore"}, {"Straße", "strasse"}, {"Æble", "aeble"}, {"Đakovo", "dakovo"}, {"Café", "cafe"},
	} {
		t.Run(tc.in+" folds to "+tc.want, func(t *testing.T) {
			if got := Fold(tc.in); got != tc.want {
				t.Errorf("Fold(%q) = %q, want %q", tc.in, got, tc.want)
			}
		})
	}
}

func TestAmountsAreShownTheLanguagesWay(t *testing.T) {
	spec := &InputSpec{Type: InputMoney}
	for _, tc := range []struct{ lang, want string }{
		{"en", "1,234.50"}, {"sv", "1\u00a0234,50"}, {"pl", "1\u00a0234,50"}, {"de", "1.234,50"}, {"es", "1.234,50"},
	} {
		t.Run("in "+tc.lang+" an amount reads "+tc.want, func(t *testing.T) {
			a, err := ParseAnswer(spec, "1234.50", time.Now(), tc.lang)
			if err != nil || a.Display != tc.want || a.Value != "1,234.50" {
				t.Errorf("got %q (value %q), %v; want %q, value 1,234.50", a.Display, a.Value, err, tc.want)
			}
		})
	}
	t.Run("a whole number is not grouped: it may be a year or an order number", func(t *testing.T) {
		a, err := ParseAnswer(&InputSpec{Type: InputNumber}, "2024", time.Now(), "sv")
		if err != nil || a.Display != "2024" {
			t.Errorf("got %q, %v; want 2024", a.Display, err)
		}
	})
}

func TestCheckWordsComeFromTheCheckDefinitions(t *testing.T) {
	r := checks.Result{Name: "card", Status: checks.StatusProblem, Outcome: "luhn_failed", Summary: "english", Next: "english next"}
	got := LocalizeResult(r, "pl")
	if got.Summary != "W numerze karty jest literówka: cyfry nie sumują się tak, jak w prawdziwej karcie." ||
		got.Next != "Porównaj numer z kartą po cztery cyfry i wpisz go jeszcze raz przy płatności." {
		t.Errorf("LocalizeResult in Polish = %q / %q", got.Summary, got.Next)
	}
	if got := LayerName("de", "dns"); got != Word("de", "Finding the site") || got == "Finding the site" {
		t.Errorf("LayerName(de, dns) = %q", got)
	}
	// The check's label in the summary: TestCheckLabelsComeFromTheCheckDefinitions in flows/summary.
}

func TestLanguagesAreReadFromTheFiles(t *testing.T) {
	langs := Languages()
	for _, l := range []string{"en", "sv", "de", "es", "pl"} {
		if !slices.Contains(langs, l) {
			t.Errorf("Languages() = %v lacks %s", langs, l)
		}
	}
	// From the compiled headings, the same as from the translation files' names.
	fromFiles := words.Languages()
	names, _ := fs.Glob(libraryFS, "library/*.yaml")
	for _, n := range names {
		if m := translationName.FindStringSubmatch(path.Base(n)); m != nil && IsTranslationFile(n) && !slices.Contains(fromFiles, NormalizeLang(m[2])) {
			fromFiles = append(fromFiles, NormalizeLang(m[2]))
		}
	}
	if !slices.Equal(langs, fromFiles) {
		t.Errorf("Languages() = %v; the files say %v", langs, fromFiles)
	}
	for _, tc := range []struct{ pref, want string }{{"de-AT", "de"}, {"sv_SE.UTF-8", "sv"}, {"pl-PL", "pl"}, {"pt", "en"}} {
		if got, _ := MatchLanguage(tc.pref); got != tc.want {
			t.Errorf("MatchLanguage(%q) = %q, want %q", tc.pref, got, tc.want)
		}
	}
}
