package tui

import "charm.land/bubbles/v2/key"

// keyMap is every key the UI answers to; the help screen is built from it.
type keyMap struct {
	Up, Down, Pick, Number, Next, Back, Restart, Help, Quit, Copy, Save, Scroll, Interrupt key.Binding
	Note, NoteInField, History, HistoryInField                                             key.Binding
}

func newKeyMap() keyMap {
	return keyMap{
		Up:             key.NewBinding(key.WithKeys("up", "k"), key.WithHelp("↑/k", "up")),
		Down:           key.NewBinding(key.WithKeys("down", "j"), key.WithHelp("↓/j", "down")),
		Number:         key.NewBinding(key.WithKeys("1", "2", "3", "4", "5", "6", "7", "8", "9"), key.WithHelp("1-9", "pick")),
		Pick:           key.NewBinding(key.WithKeys("enter"), key.WithHelp("enter", "choose")),
		Next:           key.NewBinding(key.WithKeys("enter"), key.WithHelp("enter", "continue")),
		Back:           key.NewBinding(key.WithKeys("esc"), key.WithHelp("esc", "back")),
		Restart:        key.NewBinding(key.WithKeys("r", "ctrl+r"), key.WithHelp("r", "start again")),
		Help:           key.NewBinding(key.WithKeys("?", "f1"), key.WithHelp("?", "all keys")),
		Quit:           key.NewBinding(key.WithKeys("q"), key.WithHelp("q", "quit")),
		Interrupt:      key.NewBinding(key.WithKeys("ctrl+c"), key.WithHelp("ctrl+c", "quit at once")),
		Copy:           key.NewBinding(key.WithKeys("c"), key.WithHelp("c", "copy")),
		Save:           key.NewBinding(key.WithKeys("s"), key.WithHelp("s", "save")),
		Scroll:         key.NewBinding(key.WithKeys("pgup", "pgdown"), key.WithHelp("pgup/pgdn", "scroll")),
		Note:           key.NewBinding(key.WithKeys("n", "ctrl+n"), key.WithHelp("n", "note")),
		NoteInField:    key.NewBinding(key.WithKeys("ctrl+n"), key.WithHelp("ctrl+n", "note")),
		History:        key.NewBinding(key.WithKeys("h", "ctrl+o"), key.WithHelp("h", "history")),
		HistoryInField: key.NewBinding(key.WithKeys("ctrl+o"), key.WithHelp("ctrl+o", "history")),
	}
}
