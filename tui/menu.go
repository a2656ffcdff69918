package tui

import (
	"fmt"
	"strings"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"

	"github.com/unstuck-dev/unstuck/flows"
)

// menuScreen lets the shopper pick a built-in flow.
type menuScreen struct {
	flows  []*flows.Flow
	cursor int
}

func newMenuScreen(list []*flows.Flow) *menuScreen { return &menuScreen{flows: list} }

func (m *menuScreen) init(*env) tea.Cmd { return nil }
func (m *menuScreen) title() string     { return "unstuck" }
func (m *menuScreen) progress() string  { return "what went wrong?" }
func (m *menuScreen) typing() bool      { return false }

func (m *menuScreen) helpKeys(e *env) []key.Binding {
	k := e.keys
	return []key.Binding{k.Pick, k.Number, k.Help, k.Quit}
}

func (m *menuScreen) update(msg tea.Msg, e *env) (screen, tea.Cmd) {
	k := e.keys
	switch msg := msg.(type) {
	case tea.KeyPressMsg:
		switch {
		case key.Matches(msg, k.Up):
			m.cursor = (m.cursor - 1 + len(m.flows)) % len(m.flows)
		case key.Matches(msg, k.Down):
			m.cursor = (m.cursor + 1) % len(m.flows)
		case key.Matches(msg, k.Number):
			if i := int(msg.String()[0] - '1'); i < len(m.flows) {
				m.cursor = i
				return m, m.open()
			}
		case key.Matches(msg, k.Pick), msg.String() == "space":
			return m, m.open()
		}
	case clickMsg:
		if i := optionAt(m.view(e).rows, msg.row); i >= 0 {
			m.cursor = i
			return m, m.open()
		}
	}
	return m, nil
}

func (m *menuScreen) open() tea.Cmd {
	f := m.flows[m.cursor]
	return func() tea.Msg { return openFlowMsg{flow: f} }
}

func (m *menuScreen) view(e *env) body {
	s := e.styles
	var b strings.Builder
	b.WriteString("What do you need help with?\n\n")
	focus := -1
	var rows []int
	width := max(10, e.width-2)
	for i, f := range m.flows {
		num := fmt.Sprintf("%d. ", i+1)
		line := strings.Count(b.String(), "\n")
		rows = append(rows, line)
		mark, style := "  ", s.Option
		if i == m.cursor {
			focus = line + 1
			mark, style = s.Cursor.Render(s.Marks.Cursor)+" ", s.Selected
		}
		b.WriteString(gutter(mark, "  ", hang(num, strings.Repeat(" ", len(num)), flows.Sanitize(f.Title), width-2, style)) + "\n")
		b.WriteString(hang("     ", "     ", flows.Sanitize(f.Description), width, s.Faint) + "\n")
	}
	rows = append(rows, strings.Count(b.String(), "\n"))
	return body{text: b.String(), focus: focus, rows: rows}
}
