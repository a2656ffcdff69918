package summary

import (
	"strings"

	"github.com/unstuck-dev/unstuck/flows"
)

// BuiltIn is the library of the flows compiled into unstuck.
const BuiltIn = "built-in"

// libraryOf says where a flow came from: the library it was found in, built-in for a built-in flow
// run by its id, or "file" for a flow file run on its own.
func libraryOf(f *flows.Flow) string {
	if l := f.Library(); l != "" {
		return flows.Sanitize(l)
	}
	if strings.HasPrefix(f.Path, "flows/library/") {
		return BuiltIn
	}
	return "file"
}

// flowLine names the flow exactly: its id, its revision and its library.
func (sm Summary) flowLine() string {
	return sm.FlowID + " " + sm.FlowRevision + " (" + sm.Library + ")"
}
