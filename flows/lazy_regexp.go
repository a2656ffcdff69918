package flows

import (
	"regexp"
	"sync"
)

// lazyRegexp is a regular expression compiled when it is first used, not at start-up: every run
// compiled every pattern of the package before main, those it never uses too (a file name's,
// a YAML error's), which was a visible part of a short run's time (issue 15).
type lazyRegexp struct{ re func() *regexp.Regexp }

func lazyRegexpOf(expr string) *lazyRegexp {
	return &lazyRegexp{sync.OnceValue(func() *regexp.Regexp { return regexp.MustCompile(expr) })}
}

func (l *lazyRegexp) FindStringSubmatch(s string) []string { return l.re().FindStringSubmatch(s) }

func (l *lazyRegexp) ReplaceAllStringFunc(src string, repl func(string) string) string {
	return l.re().ReplaceAllStringFunc(src, repl)
}
