package flows

import (
	"io/fs"
	"strings"
	"sync"
)

// libraryNames are the built-in library's file names (library/*.yaml, as fs.Glob gives them), listed
// once: a run sorts them into flows, translations and parts more than once, and a glob of the folder
// each time (a pattern match per name) was a visible part of a run's time.
var libraryNames = sync.OnceValue(func() []string {
	entries, _ := fs.ReadDir(libraryFS, "library")
	var out []string
	for _, e := range entries {
		if strings.HasSuffix(e.Name(), ".yaml") {
			out = append(out, "library/"+e.Name())
		}
	}
	return out
})
