// Command teafloor is the floor for unstuck's start-up benchmarks: the smallest Bubble Tea v2 program
// that draws one line, on the same terminal setup as unstuck's UI (stderr, alt screen). With -quit it
// quits after its first frame; without it, it waits for a key.
package main

import (
	"flag"
	"fmt"
	"os"

	tea "charm.land/bubbletea/v2"
)

type model struct {
	quit bool
}

func (m model) Init() tea.Cmd { return nil }

func (m model) Update(msg tea.Msg) (tea.Model, tea.Cmd) {
	switch msg.(type) {
	case tea.KeyPressMsg:
		return m, tea.Quit
	case tea.WindowSizeMsg:
		if m.quit {
			return m, tea.Quit
		}
	}
	return m, nil
}

func (m model) View() tea.View {
	v := tea.NewView("floor: ready")
	v.AltScreen = true
	return v
}

func main() {
	quit := flag.Bool("quit", false, "quit after the first frame")
	flag.Parse()
	if _, err := tea.NewProgram(model{quit: *quit}, tea.WithOutput(os.Stderr)).Run(); err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
}
