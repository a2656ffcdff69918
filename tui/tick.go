package tui

import (
	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"

	"github.com/unstuck-dev/unstuck/flows"
)

// A tick step (flows.Prompt.Multiple) is drawn as a choice whose options carry a tick mark: space
// (or an option's number, or a click) ticks or unticks the option, enter goes on with those ticked.
// The ticks live on the screen until enter; going back to the step puts back those ticked before.

// tickKeys are the keys of a tick step, for its help bar.
func tickKeys(k keyMap) (tick, done key.Binding) {
	tick = key.NewBinding(key.WithKeys("space"), key.WithHelp("space", "tick or untick"))
	done = k.Pick
	done.SetHelp("enter", "go on with those ticked")
	return tick, done
}

// enterTicks sets the ticks on arriving at a step: those ticked before going back, or none.
func (fs *flowScreen) enterTicks(p flows.Prompt) {
	fs.ticked = nil
	if !p.Multiple {
		return
	}
	fs.ticked = make(map[int]bool)
	for i, o := range p.Options {
		if o.Earlier {
			fs.ticked[i] = true
		}
	}
}

// tickKey handles a key at a tick step; used is false when it did not take the key.
func (fs *flowScreen) tickKey(p flows.Prompt, msg tea.KeyPressMsg, e *env) (cmd tea.Cmd, used bool) {
	k := e.keys
	switch {
	case msg.String() == "space":
		fs.toggle(fs.cursor)
	case key.Matches(msg, k.Number):
		if i := int(msg.String()[0] - '1'); i < len(p.Options) {
			fs.cursor = i
			fs.toggle(i)
		}
	case key.Matches(msg, k.Pick):
		var picked []int
		for i := range p.Options {
			if fs.ticked[i] {
				picked = append(picked, i)
			}
		}
		next, err := fs.st.Tick(picked, e.now())
		return fs.move(next, err, e), true
	default:
		return fs.choiceKey(p, msg, e) // moving up and down is as at a choice
	}
	return nil, true
}

// toggle ticks or unticks option i, and forgets how it was drawn.
func (fs *flowScreen) toggle(i int) {
	if fs.ticked == nil {
		fs.ticked = make(map[int]bool)
	}
	fs.ticked[i] = !fs.ticked[i]
	fs.err = ""
	delete(fs.drawn.plain, i)
	delete(fs.drawn.chosen, i)
}

// tickLabel is option i's label with its tick mark in front, at a tick step; the label itself at
// a choice.
func (fs *flowScreen) tickLabel(e *env, p flows.Prompt, i int, label string) string {
	if !p.Multiple {
		return label
	}
	return tickMark(e.ascii, fs.ticked[i]) + " " + label
}

// tickMark is the box before an option of a tick step: ticked or not, in symbols or ASCII.
func tickMark(ascii, ticked bool) string {
	switch {
	case !ticked:
		return "[ ]"
	case ascii:
		return "[x]"
	default:
		return "[✓]"
	}
}

// prefillTicks ticks the options an answers file gives for this step (--answers): "1, 3" or values.
func (fs *flowScreen) prefillTicks(value string) {
	picked, err := flows.ParseTicks(fs.st.Node(), value)
	if err != nil {
		return // asked as usual: the shopper ticks
	}
	fs.ticked = make(map[int]bool)
	for _, i := range picked {
		fs.ticked[i] = true
	}
}
