package main

import (
	"runtime/debug"
	"strings"
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

// buildVersion is the version of this binary, from its build info.
func buildVersion() string {
	info, ok := debug.ReadBuildInfo()
	return versionString(version, info, ok)
}
