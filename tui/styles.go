// Package tui holds unstuck's terminal front ends: the full-screen Bubble Tea app and the line runner.
// Both are adapters over the flows engine; neither decides where a flow goes.
//
// It is one package of a little over 3,000 lines on purpose: both front ends draw the same
// flows.Prompt with one env (language, styles, keys, store, check runner), and the full screen's
// screens (menu, flow, offer, overlays) share the root model; split apart, each half would export
// that env to the other. Each file is one screen or one concern.
package tui

import (
	"strings"

	"charm.land/bubbles/v2/spinner"
	"charm.land/lipgloss/v2"
)

// Styles is every look the UI uses, built for a dark or a light background.
type Styles struct {
	Header, Progress, Rule          lipgloss.Style
	Title, Text, Faint, Help        lipgloss.Style
	Cursor, Option, Selected, Field lipgloss.Style
	Error, OK, Warning, Problem     lipgloss.Style
	Skipped, Key, Box, Flash        lipgloss.Style
	Marks                           Marks
}

// Marks are the symbols the UI draws (beside results, rules, separators, where the page stands),
// with ASCII stand-ins for terminals that lack the glyphs (--ascii, a locale that is not UTF-8).
type Marks struct {
	OK, Problem, Warning, Skipped, Cursor, Bullet string
	Rule                                          string // repeated to draw a rule across the window
	Sep                                           string // between the keys of the help bar
	Ellipsis                                      string // where text was cut
	Above, Below, Both                            string // the page goes on above, below, or both ways
}

var unicodeMarks = Marks{OK: "✓", Problem: "✗", Warning: "!", Skipped: "–", Cursor: "›", Bullet: "•",
	Rule: "─", Sep: " · ", Ellipsis: "…", Above: "↑", Below: "↓", Both: "↕"}
var asciiMarks = Marks{OK: "+", Problem: "x", Warning: "!", Skipped: "-", Cursor: ">", Bullet: "*",
	Rule: "-", Sep: " | ", Ellipsis: "...", Above: "^", Below: "v", Both: "^v"}

// asciiFold puts ASCII in place of the punctuation and arrows in the UI's own words (catalog
// sentences, key names), for a terminal that draws ASCII only. Flow text is data and is left as it is.
var asciiFold = strings.NewReplacer("·", "|", "–", "-", "—", "-", "…", "...", "↑", "up", "↓", "down", "←", "<-", "→", "->",
	"↕", "^v", "“", `"`, "”", `"`, "„", `"`, "‘", "'", "’", "'", "«", `"`, "»", `"`, "•", "*", "›", ">", "✓", "+", "✗", "x")

// newSpinner is the spinner of a running check: dots drawn in Braille, or a turning line in ASCII.
func newSpinner(ascii bool) spinner.Model {
	if ascii {
		return spinner.New(spinner.WithSpinner(spinner.Line))
	}
	return spinner.New(spinner.WithSpinner(spinner.MiniDot))
}

// NewStyles builds the styles for a dark or light terminal background.
func NewStyles(isDark bool, ascii bool) Styles {
	ld := lipgloss.LightDark(isDark)
	accent := ld(lipgloss.Color("#5A3FC0"), lipgloss.Color("#B7A6FF"))
	faint := ld(lipgloss.Color("#6B6B6B"), lipgloss.Color("#8C8C8C"))
	green := ld(lipgloss.Color("#1B7F3B"), lipgloss.Color("#5FD787"))
	red := ld(lipgloss.Color("#B3261E"), lipgloss.Color("#FF6B6B"))
	amber := ld(lipgloss.Color("#8A5A00"), lipgloss.Color("#FFC857"))
	s := Styles{
		Header:   lipgloss.NewStyle().Bold(true).Foreground(accent),
		Progress: lipgloss.NewStyle().Foreground(faint),
		Rule:     lipgloss.NewStyle().Foreground(faint),
		Title:    lipgloss.NewStyle().Bold(true),
		Text:     lipgloss.NewStyle(),
		Faint:    lipgloss.NewStyle().Foreground(faint),
		Help:     lipgloss.NewStyle().Foreground(faint),
		Cursor:   lipgloss.NewStyle().Foreground(accent).Bold(true),
		Option:   lipgloss.NewStyle(),
		Selected: lipgloss.NewStyle().Foreground(accent).Bold(true),
		Field:    lipgloss.NewStyle().Foreground(accent),
		Error:    lipgloss.NewStyle().Foreground(red),
		OK:       lipgloss.NewStyle().Foreground(green).Bold(true),
		Warning:  lipgloss.NewStyle().Foreground(amber).Bold(true),
		Problem:  lipgloss.NewStyle().Foreground(red).Bold(true),
		Skipped:  lipgloss.NewStyle().Foreground(faint),
		Key:      lipgloss.NewStyle().Bold(true),
		Box:      lipgloss.NewStyle().Border(lipgloss.RoundedBorder()).BorderForeground(faint).Padding(0, 1),
		Flash:    lipgloss.NewStyle().Foreground(green),
		Marks:    unicodeMarks,
	}
	if ascii {
		s.Marks = asciiMarks
		s.Box = s.Box.Border(lipgloss.ASCIIBorder())
	}
	return s
}
