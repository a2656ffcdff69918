package summary

import (
	"strings"

	"github.com/unstuck-dev/unstuck/flows"
)

// The library of the flows compiled into unstuck, and of a flow file run on its own.
const (
	BuiltIn = "built-in"
	File    = "file"
)

// libraryOf says where a flow came from: the library it was found in, built-in for a built-in flow
// run by its id, or "file" for a flow file run on its own.
func libraryOf(f *flows.Flow) string {
	if l := f.Library(); l != "" {
		return flows.Sanitize(l)
	}
	if strings.HasPrefix(f.Path, "flows/library/") {
		return BuiltIn
	}
	return File
}

// fromLibrary reports whether the flow came from a library folder: the text summaries then name it,
// since the same id may mean another flow in another team's library.
func (sm Summary) fromLibrary() bool {
	return sm.Library != "" && sm.Library != BuiltIn && sm.Library != File
}

// flowLine names the flow exactly: its id, its revision and its library.
func (sm Summary) flowLine() string {
	return sm.FlowID + " " + sm.FlowRevision + " (" + sm.Library + ")"
}
