package flows

import (
	"fmt"
	"sort"
	"strings"
)

// Severity says whether a diagnostic stops a flow from loading.
type Severity string

const (
	SeverityError   Severity = "error"
	SeverityWarning Severity = "warning"
)

// Pos is a place in a flow file. Line and Col start at 1; zero means unknown.
type Pos struct {
	Line int `json:"line"`
	Col  int `json:"col"`
}

// Diagnostic is one problem found in a flow file.
type Diagnostic struct {
	Path     string   `json:"path"`
	Pos      Pos      `json:"pos"`
	Severity Severity `json:"severity"`
	Code     string   `json:"code"`
	Message  string   `json:"message"`
	Hint     string   `json:"hint,omitempty"`
}

// String formats the diagnostic as path:line:col: severity code: message.
func (d Diagnostic) String() string {
	// A file's name is data too: a name with escape sequences must not reach the terminal whole.
	return fmt.Sprintf("%s:%d:%d: %s %s: %s", Sanitize(d.Path), d.Pos.Line, d.Pos.Col, d.Severity, d.Code, d.Message)
}

// Diagnostics is a sorted list of problems; as an error it prints them all, one a line.
type Diagnostics []Diagnostic

func (ds Diagnostics) Error() string {
	lines := make([]string, 0, len(ds))
	for _, d := range ds {
		line := d.String()
		if d.Hint != "" {
			line += " (" + d.Hint + ")"
		}
		lines = append(lines, line)
	}
	return strings.Join(lines, "\n")
}

// HasErrors reports whether any diagnostic is an error rather than a warning.
func (ds Diagnostics) HasErrors() bool {
	for _, d := range ds {
		if d.Severity == SeverityError {
			return true
		}
	}
	return false
}

// Sort orders diagnostics by file, line, column, then code, and drops exact repeats.
func (ds Diagnostics) Sort() Diagnostics {
	sort.SliceStable(ds, func(i, j int) bool {
		a, b := ds[i], ds[j]
		if a.Path != b.Path {
			return a.Path < b.Path
		}
		if a.Pos.Line != b.Pos.Line {
			return a.Pos.Line < b.Pos.Line
		}
		if a.Pos.Col != b.Pos.Col {
			return a.Pos.Col < b.Pos.Col
		}
		return a.Code < b.Code
	})
	out := ds[:0]
	for i, d := range ds {
		if i > 0 && d == ds[i-1] {
			continue
		}
		out = append(out, d)
	}
	return out
}

// Diagnostic codes. They are stable: docs/diagnostics.md explains each, and tools may match on them.
const (
	CodeSyntax             = "syntax"              // the file is not valid YAML, or not text
	CodeUnknownKey         = "unknown-key"         // a key the format does not have
	CodeWrongType          = "wrong-type"          // a value of the wrong kind (a list where text was meant, ...)
	CodeMissingField       = "missing-field"       // a required field is absent
	CodeBadValue           = "bad-value"           // a value outside what the field allows
	CodeDuplicateID        = "duplicate-id"        // two nodes with one id
	CodeUnknownTarget      = "unknown-target"      // goto/next/start names a node that does not exist
	CodeUnreachable        = "unreachable"         // no path from start reaches the node
	CodeDeadEnd            = "dead-end"            // a node that is not an end and has no way out
	CodeNoFallback         = "no-fallback"         // branches whose last entry has a condition
	CodeNoExit             = "no-exit"             // a node from which no end can be reached (a loop with no way out)
	CodeUnknownCheck       = "unknown-check"       // a check the program does not have
	CodeCheckParam         = "check-param"         // a missing or unknown check parameter
	CodeUnknownAnswer      = "unknown-answer"      // a condition or {{reference}} to an answer never asked
	CodeUnknownValue       = "unknown-value"       // a condition on a value that is not among the options or outcomes
	CodeSensitive          = "sensitive"           // a sensitive answer used where it would be shown
	CodeControlChars       = "control-chars"       // text with control or escape sequences
	CodeTooLarge           = "too-large"           // the file or its nesting is beyond what a flow needs
	CodeYesNo              = "yes-no"              // an unquoted yes/no/on/off where text was meant
	CodeMissingTranslation = "missing-translation" // a text of the flow that a translation lacks
	CodeStaleTranslation   = "stale-translation"   // a translation of a text that has changed since
	CodeNotAsked           = "not-asked"           // an answer shown on a path where it was never asked
	CodeTooLong            = "too-long"            // a text field longer than its limit
)
