package words

import (
	"regexp"
	"slices"
	"strings"
	"testing"
)

func TestCatalogFilesRead(t *testing.T) {
	if err := CheckFiles(); err != nil {
		t.Fatal(err)
	}
	if got := Languages(); len(got) < 5 || got[0] != "en" || !slices.Contains(got, "pl") {
		t.Errorf("Languages() = %v, want English first and every catalog file, Polish among them", got)
	}
}

func TestPluralFormsFollowEachLanguagesRules(t *testing.T) {
	const lines = "(%d less important lines were left out to keep this short.)"
	for _, tc := range []struct {
		name, lang, format string
		n                  int
		want               string
	}{
		{"Polish says one line for 1", "pl", lines, 1, "(Pominięto 1 mniej ważny wiersz, żeby podsumowanie było krótkie.)"},
		{"Polish says few lines for 2", "pl", lines, 2, "(Pominięto 2 mniej ważne wiersze, żeby podsumowanie było krótkie.)"},
		{"Polish says many lines for 5", "pl", lines, 5, "(Pominięto 5 mniej ważnych wierszy, żeby podsumowanie było krótkie.)"},
		{"Polish says few lines for 22", "pl", lines, 22, "(Pominięto 22 mniej ważne wiersze, żeby podsumowanie było krótkie.)"},
		{"Polish says many lines for 25", "pl", lines, 25, "(Pominięto 25 mniej ważnych wierszy, żeby podsumowanie było krótkie.)"},
		{"Polish says many minutes for 12", "pl", "%d min ago", 12, "12 minut temu"},
		{"Polish says one minute for 1", "pl", "%d min ago", 1, "1 minutę temu"},
		{"Polish says few minutes for 3", "pl", "%d min ago", 3, "3 minuty temu"},
		{"Polish says many characters for 5", "pl", "Please type at least %d characters.", 5, "Wpisz co najmniej 5 znaków."},
		{"English says one line for 1", "en", lines, 1, "(1 less important line was left out to keep this short.)"},
		{"English says lines for 2", "en", lines, 2, "(2 less important lines were left out to keep this short.)"},
		{"English says one character for 1", "en", "Please type at least %d characters.", 1, "Please type at least 1 character."},
		{"Swedish says one line for 1", "sv", lines, 1, "(1 mindre viktig rad togs bort för att hålla sammanfattningen kort.)"},
		{"Swedish says lines for 3", "sv", lines, 3, "(3 mindre viktiga rader togs bort för att hålla sammanfattningen kort.)"},
		{"a region falls back to its language's forms", "pl-PL", lines, 5, "(Pominięto 5 mniej ważnych wierszy, żeby podsumowanie było krótkie.)"},
		{"a language with no catalog gets English forms", "pt", lines, 1, "(1 less important line was left out to keep this short.)"},
		{"a count in the thousands is grouped the language's way", "sv", lines, 1234, "(1\u00a0234 mindre viktiga rader togs bort för att hålla sammanfattningen kort.)"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if got := Sprintf(tc.lang, tc.format, tc.n); got != tc.want {
				t.Errorf("Sprintf(%s, %d) = %q, want %q", tc.lang, tc.n, got, tc.want)
			}
		})
	}
}

func TestAmountsAreWrittenByCLDRRules(t *testing.T) {
	for _, tc := range []struct {
		lang  string
		cents int64
		want  string
	}{
		{"en", 123450, "1,234.50"},
		{"sv", 123450, "1\u00a0234,50"},
		{"pl", 123450, "1\u00a0234,50"},
		{"de", 123450, "1.234,50"},
		{"es", 123450, "1.234,50"},
		{"en", 5, "0.05"},
		{"de", 99999999999, "999.999.999,99"},
		{"sv-SE", 12000, "120,00"},
		{"ar", 123450, "1,234.50"},
		{"fr", 123450, "1\u00a0234,50"},
	} {
		t.Run(tc.lang+" writes "+tc.want, func(t *testing.T) {
			if got := Amount(tc.lang, tc.cents); got != tc.want {
				t.Errorf("Amount(%s, %d) = %q, want %q", tc.lang, tc.cents, got, tc.want)
			}
		})
	}
}

func TestTheEnvironmentsLanguageIsMatched(t *testing.T) {
	supported := []string{"en", "de", "es", "pl", "sv"}
	for _, tc := range []struct {
		name string
		env  map[string]string
		want string
	}{
		{"LANG with a region and a charset", map[string]string{"LANG": "sv_SE.UTF-8"}, "sv"},
		{"a region of a language there is", map[string]string{"LANG": "de_AT.UTF-8"}, "de"},
		{"a language there is not", map[string]string{"LANG": "pt_BR.UTF-8"}, "en"},
		{"LC_ALL before LANG", map[string]string{"LC_ALL": "pl_PL.UTF-8", "LANG": "de_DE.UTF-8"}, "pl"},
		{"LC_MESSAGES before LANG", map[string]string{"LC_MESSAGES": "es_ES", "LANG": "de_DE.UTF-8"}, "es"},
		{"LANGUAGE before the locale", map[string]string{"LANGUAGE": "pl:sv", "LANG": "de_DE.UTF-8"}, "pl"},
		{"LANGUAGE's first language there is", map[string]string{"LANGUAGE": "pt:fr:sv", "LANG": "de_DE.UTF-8"}, "sv"},
		{"LANGUAGE is ignored in the C locale", map[string]string{"LANGUAGE": "pl", "LANG": "C"}, "en"},
		{"LANGUAGE is ignored with no locale", map[string]string{"LANGUAGE": "pl"}, "en"},
		{"POSIX is English", map[string]string{"LC_ALL": "POSIX", "LANG": "sv_SE.UTF-8"}, "en"},
		{"nothing set is English", map[string]string{}, "en"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			got, _ := Match(supported, Preferences(func(k string) string { return tc.env[k] })...)
			if got != tc.want {
				t.Errorf("%v gives %q, want %q", tc.env, got, tc.want)
			}
		})
	}
}

// Polish is data only: its catalog is found by its file, and it has every message English has.
func TestEveryCatalogHasEveryMessage(t *testing.T) {
	en := Load(Source)
	verbs := regexp.MustCompile(`%[-+# 0-9.]*[a-z]`)
	for _, l := range Languages()[1:] {
		t.Run(l+" has every message, with the same placeholders", func(t *testing.T) {
			c := Load(l)
			if c == nil {
				t.Fatalf("no catalog for %s", l)
			}
			for _, k := range en.Keys() {
				if !c.Has(k) {
					t.Errorf("%s lacks %q", l, k)
					continue
				}
				texts := []string{Text(l, k)}
				for _, f := range c.Plurals[k] {
					texts = append(texts, f)
				}
				for _, got := range texts {
					if got == k && !slices.Contains(c.Same, k) {
						t.Errorf("%s: %q is the English text; translate it or list it under same_as_english", l, k)
					}
					if a, b := verbs.FindAllString(k, -1), verbs.FindAllString(got, -1); !slices.Equal(a, b) {
						t.Errorf("%s: %q has placeholders %v, its translation %q has %v", l, k, a, got, b)
					}
				}
			}
			for _, k := range c.Keys() {
				if strings.TrimSpace(Text(l, k)) == "" {
					t.Errorf("%s: %q is empty", l, k)
				}
			}
		})
	}
}
