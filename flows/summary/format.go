package summary

import (
	"fmt"
	"strings"
)

// An output format is one entry in Formats: adding a format is adding a file that appends its entry
// from init (format_NAME.go), with no switch to edit; the command line's help and its error name every
// format from this list.

// OutputFormat is one way to render a summary.
type OutputFormat struct {
	Name    string   // what --format takes
	Aliases []string // other names it takes
	For     string   // who it is for, for the help: "for chat boxes"
	Render  func(Summary) string
}

// Formats are the summary's formats, the default first.
var Formats = []OutputFormat{
	{Name: "text", Aliases: []string{""}, For: "for chat boxes", Render: Summary.Text},
	{Name: "markdown", Aliases: []string{"md"}, For: "tickets, e-mail", Render: Summary.Markdown},
	{Name: "json", For: "tools", Render: Summary.JSON},
}

// Format renders the summary in the named format.
func (sm Summary) Format(name string) (string, error) {
	for _, f := range Formats {
		if f.Name == name || contains(f.Aliases, name) {
			return f.Render(sm), nil
		}
	}
	return "", fmt.Errorf("the summary format is %s, not %q", FormatNames(false), name)
}

// Names are the formats' names, the default first: what tests walk to cover every format.
func Names() []string {
	var out []string
	for _, f := range Formats {
		out = append(out, f.Name)
	}
	return out
}

// FormatNames lists the formats ("text, markdown or json"), each with who it is for when asked.
func FormatNames(withFor bool) string {
	var names []string
	for _, f := range Formats {
		n := f.Name
		if withFor && f.For != "" {
			n += " (" + f.For + ")"
		}
		names = append(names, n)
	}
	if len(names) < 2 {
		return strings.Join(names, "")
	}
	return strings.Join(names[:len(names)-1], ", ") + " or " + names[len(names)-1]
}

func contains(list []string, v string) bool {
	for _, x := range list {
		if x == v {
			return true
		}
	}
	return false
}
