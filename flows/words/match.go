package words

import (
	"strings"

	"golang.org/x/text/language"
)

// Match picks, from the languages that exist (supported, in the order given, the first being the
// default), the best one for a list of preferences, by CLDR matching: de-AT gives de, sv_SE.UTF-8
// gives sv, pt gives the default when there is no Portuguese. ok is false when nothing matched.
func Match(supported []string, prefs ...string) (lang string, ok bool) {
	if len(supported) == 0 {
		return Source, false
	}
	tags := make([]language.Tag, 0, len(supported))
	for _, s := range supported {
		tags = append(tags, language.Make(s))
	}
	var want []language.Tag
	for _, p := range prefs {
		if t, err := language.Parse(Tag(p)); err == nil && Tag(p) != "" {
			want = append(want, t)
		}
	}
	if len(want) == 0 {
		return supported[0], false
	}
	_, i, conf := language.NewMatcher(tags).Match(want...)
	if conf == language.No {
		return supported[0], false
	}
	return supported[i], true
}

// Tag turns a locale such as sv_SE.UTF-8 or de_DE@euro into a tag such as sv-SE; C and POSIX
// (no language at all) give "".
func Tag(locale string) string {
	locale, _, _ = strings.Cut(locale, ".")
	locale, _, _ = strings.Cut(locale, "@")
	locale = strings.ReplaceAll(strings.TrimSpace(locale), "_", "-")
	if locale == "C" || locale == "POSIX" || locale == "" {
		return ""
	}
	base, region, hasRegion := strings.Cut(locale, "-")
	if hasRegion {
		return strings.ToLower(base) + "-" + strings.ToUpper(region)
	}
	return strings.ToLower(base)
}

// Preferences lists the languages the environment asks for, most wanted first, the way GNU
// gettext reads it: the locale is LC_ALL, else LC_MESSAGES, else LANG; when it names a language
// (not C or POSIX), LANGUAGE, a colon-separated list such as pl:sv:en, comes before it.
func Preferences(getenv func(string) string) []string {
	var locale string
	for _, k := range []string{"LC_ALL", "LC_MESSAGES", "LANG"} {
		if v := getenv(k); v != "" {
			locale = v
			break
		}
	}
	if Tag(locale) == "" {
		return nil
	}
	var out []string
	for _, l := range strings.Split(getenv("LANGUAGE"), ":") {
		if t := Tag(l); t != "" {
			out = append(out, t)
		}
	}
	return append(out, Tag(locale))
}
