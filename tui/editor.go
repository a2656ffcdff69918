package tui

import (
	"unicode"

	tea "charm.land/bubbletea/v2"

	"github.com/unstuck-dev/unstuck/flows"
)

// editor is a one-line text field. It is small on purpose: the card number needs its own display
// (grouped while typed) and nothing it holds may leak into logs, so it keeps the text in one place.
type editor struct {
	text   []rune
	cursor int
	limit  int
	digits bool // accept only digits and separators (card numbers)
}

func (e *editor) value() string { return string(e.text) }

func (e *editor) reset() { e.text, e.cursor = nil, 0 }

func (e *editor) set(s string) { e.text = []rune(s); e.cursor = len(e.text) }

// update handles a key or a paste; it reports whether the field used it.
func (e *editor) update(msg tea.Msg) bool {
	switch msg := msg.(type) {
	case tea.PasteMsg:
		e.insert(flows.OneLine(msg.Content)) // a pasted CR LF is one space
		return true
	case tea.KeyPressMsg:
		switch msg.String() {
		case "left", "ctrl+b":
			e.cursor = max(0, e.cursor-1)
		case "right", "ctrl+f":
			e.cursor = min(len(e.text), e.cursor+1)
		case "home", "ctrl+a":
			e.cursor = 0
		case "end", "ctrl+e":
			e.cursor = len(e.text)
		case "backspace", "ctrl+h":
			if e.cursor > 0 {
				e.text = append(e.text[:e.cursor-1], e.text[e.cursor:]...)
				e.cursor--
			}
		case "delete", "ctrl+d":
			if e.cursor < len(e.text) {
				e.text = append(e.text[:e.cursor], e.text[e.cursor+1:]...)
			}
		case "ctrl+u":
			e.text, e.cursor = e.text[e.cursor:], 0
		case "ctrl+k":
			e.text = e.text[:e.cursor]
		case "ctrl+w", "alt+backspace":
			i := e.cursor
			for i > 0 && e.text[i-1] == ' ' {
				i--
			}
			for i > 0 && e.text[i-1] != ' ' {
				i--
			}
			e.text = append(e.text[:i], e.text[e.cursor:]...)
			e.cursor = i
		default:
			if msg.Text == "" || msg.Mod&(tea.ModCtrl|tea.ModAlt) != 0 {
				return false
			}
			e.insert(msg.Text)
		}
		return true
	}
	return false
}

func (e *editor) insert(s string) {
	s = flows.Sanitize(s) // a paste may carry escape sequences; drop them whole
	var add []rune
	for _, r := range s {
		if !unicode.IsPrint(r) {
			continue
		}
		if e.digits && !(r >= '0' && r <= '9' || r == ' ' || r == '-') {
			continue
		}
		add = append(add, r)
	}
	limit := e.limit
	if limit <= 0 {
		limit = 1000
	}
	if room := limit - len(e.text); len(add) > room {
		add = add[:max(0, room)]
	}
	rest := append(add, e.text[e.cursor:]...)
	e.text = append(e.text[:e.cursor], rest...)
	e.cursor += len(add)
}

// view draws the field with a block cursor; display may regroup the text (card numbers).
func (e *editor) view(display func(string) string) (before, at, after string) {
	if display != nil {
		// Regrouped text: keep the cursor at the end, where typing happens.
		return display(string(e.text)), " ", ""
	}
	if e.cursor >= len(e.text) {
		return string(e.text), " ", ""
	}
	return string(e.text[:e.cursor]), string(e.text[e.cursor]), string(e.text[e.cursor+1:])
}
