package flows

import "strings"

// The names of translation and parts files are matched by hand rather than with the patterns
// translationName and partsFileName (filenames_test.go): every run sorts the built-in library's
// hundred-odd file names (which are flows, which translations, which parts), and a regular
// expression per name was a visible part of a run's time. TestFileNamesAreMatchedAsThePatternsMatchThem
// holds the two to the same answers.

// splitTranslationName is translationName.FindStringSubmatch(base): NAME.LANG.yaml (or .yml) gives
// NAME and LANG.
func splitTranslationName(base string) (name, lang string, ok bool) {
	name, rest, _ := strings.Cut(base, ".")
	lang, ext, _ := strings.Cut(rest, ".")
	if name == "" || !isLangTag(lang) || ext != "yaml" && ext != "yml" {
		return "", "", false
	}
	return name, lang, true
}

// splitPartsName is partsFileName.FindStringSubmatch(base): NAME.parts.yaml gives NAME, and
// NAME.parts.LANG.yaml NAME and LANG.
func splitPartsName(base string) (name, lang string, ok bool) {
	name, rest, _ := strings.Cut(base, ".")
	parts, rest, _ := strings.Cut(rest, ".")
	if name == "" || parts != "parts" {
		return "", "", false
	}
	if rest == "yaml" || rest == "yml" {
		return name, "", true
	}
	lang, ext, _ := strings.Cut(rest, ".")
	if !isLangTag(lang) || ext != "yaml" && ext != "yml" {
		return "", "", false
	}
	return name, lang, true
}

// isLangTag matches [a-zA-Z]{2,3}(?:[-_][a-zA-Z0-9]{2,8})?, whole.
func isLangTag(s string) bool {
	i := 0
	for i < len(s) && i < 4 && isASCIILetter(s[i]) {
		i++
	}
	if i < 2 || i > 3 {
		return false
	}
	if i == len(s) {
		return true
	}
	if s[i] != '-' && s[i] != '_' {
		return false
	}
	sub := s[i+1:]
	if len(sub) < 2 || len(sub) > 8 {
		return false
	}
	for j := 0; j < len(sub); j++ {
		if !isASCIILetter(sub[j]) && (sub[j] < '0' || sub[j] > '9') {
			return false
		}
	}
	return true
}

func isASCIILetter(c byte) bool { return 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' }
