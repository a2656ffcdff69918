package main

import (
	"regexp"
	"runtime/debug"
	"strings"
	"sync"
)

// versionString is what --version says: the module's version and the commit it was built from,
// and whether the tree had changes not committed, like "v0.3.0 (abc1234, modified)". A release
// build may set the version with -ldflags "-X main.version=v0.3.0"; the commit still comes from the
// build info. A build without either (go run) says "dev".
func versionString(set string, info *debug.BuildInfo, ok bool) string {
	v := set
	var revision string
	modified := false
	if ok && info != nil {
		if v == "" {
			v = info.Main.Version
		}
		for _, s := range info.Settings {
			switch s.Key {
			case "vcs.revision":
				revision = s.Value
			case "vcs.modified":
				modified = s.Value == "true"
			}
		}
	}
	// A pseudo-version of a modified tree ends in +dirty; "modified" below says that in words.
	v = strings.TrimSuffix(v, "+dirty")
	// A pseudo-version (v0.0.0-20261203115521-de1200e15e10) is shown as its base and -dev: the
	// commit follows anyway, and its time's fourteen digits can look like a card number to the
	// scrubber every output passes, which would print it as one.
	if m := pseudoVersionOf(v); m != nil {
		v = strings.TrimRight(strings.TrimSuffix(m[1], "0."), ".-")
		if strings.Contains(v, "-") {
			v += ".dev" // after a pre-release: v0.3.1-rc.1.dev
		} else {
			v += "-dev"
		}
	}
	if v == "" || v == "(devel)" {
		v = "dev"
	}
	var about []string
	if revision != "" {
		about = append(about, revision[:min(7, len(revision))])
	}
	if modified {
		about = append(about, "modified")
	}
	if len(about) > 0 {
		v += " (" + strings.Join(about, ", ") + ")"
	}
	return v
}

// pseudoVersion matches a Go pseudo-version: its base (up to the dash or dot before the time), the
// commit's time and its hash. It is compiled on first use: every run works out its version, and a
// build that is not a pseudo-version (a release, a local build) never needs it.
var pseudoVersion = sync.OnceValue(func() *regexp.Regexp {
	return regexp.MustCompile(`^(v\d+\.\d+\.\d+-(?:[0-9A-Za-z.-]*\.)?)\d{14}-[0-9a-f]{12}$`)
})

// buildVersion is the version of this binary, from its build info.
func buildVersion() string {
	info, ok := debug.ReadBuildInfo()
	return versionString(version, info, ok)
}

// pseudoVersionOf is pseudoVersion's submatches in v, or nil; a v that cannot be one (no v, no
// dash) is not matched.
func pseudoVersionOf(v string) []string {
	if !strings.HasPrefix(v, "v") || !strings.Contains(v, "-") {
		return nil
	}
	return pseudoVersion().FindStringSubmatch(v)
}
