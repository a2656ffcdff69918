//go:build !unix

package tui

import tea "charm.land/bubbletea/v2"

// suspender does nothing where there is no job control: ctrl+z is ignored.
type suspender struct{}

func newSuspender() *suspender { return &suspender{} }

func (s *suspender) filter(_ tea.Model, msg tea.Msg) tea.Msg {
	if _, ok := msg.(tea.SuspendMsg); ok {
		return nil
	}
	return msg
}

func (s *suspender) start(*tea.Program) func() { return func() {} }
