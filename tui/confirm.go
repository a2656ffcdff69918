package tui

import (
	"strings"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"

	"github.com/unstuck-dev/unstuck/flows"
)

// Nothing lost by one key: starting again and quitting in the middle of a walk ask first, and an
// answer given before (at a step gone back to, or at one the walk reaches again after an answer was
// changed) is offered again, in the field or as the highlighted option.

// confirmOverlay asks a yes/no question under the step; y does it, n or esc leaves things as they were.
type confirmOverlay struct {
	question string         // in the UI's language
	yes      func() tea.Cmd // what y does
}

// quitNowMsg asks the root to leave the program now: the shopper said yes to quitting mid-walk.
type quitNowMsg struct{}

func (o *confirmOverlay) update(msg tea.KeyPressMsg, fs *flowScreen, e *env) (overlay, tea.Cmd) {
	switch k := strings.ToLower(msg.String()); {
	case k == "y":
		return nil, o.yes()
	case k == "n" || k == "esc" || k == "q":
		return nil, nil
	}
	return o, nil
}

func (o *confirmOverlay) paste(tea.PasteMsg) {}

func (o *confirmOverlay) helpKeys(e *env) []key.Binding {
	yes := key.NewBinding(key.WithKeys("y"), key.WithHelp("y", "yes"))
	no := key.NewBinding(key.WithKeys("n", "esc"), key.WithHelp("n/esc", "no"))
	return []key.Binding{yes, no}
}

func (o *confirmOverlay) view(_ *flowScreen, e *env) (body, bool) {
	s := e.styles
	width := max(10, e.width-2)
	text := "\n" + hang("", "", o.question, width, s.Warning) + "\n"
	return body{text: text, focus: 1}, true
}

// walked reports whether the walk has anything to lose: an answer given or a step read.
func (fs *flowScreen) walked() bool { return fs.st.CanGoBack() }

// restart starts the walk again: at once on its first step, else after a yes.
func (fs *flowScreen) restart(e *env) tea.Cmd {
	again := func() tea.Cmd {
		fs.st = fs.st.Restart(e.now())
		fs.flash = ""
		fs.enter(e)
		if problem := e.save(fs.st); problem != "" {
			fs.flash = problem
		}
		return fs.afterMove(e)
	}
	if !fs.walked() || fs.st.Done() {
		return again()
	}
	fs.overlay = &confirmOverlay{question: e.t("Start again? Your answers so far will be cleared. y/n"), yes: again}
	return nil
}

// askQuit opens the question before quitting mid-walk; false when there is nothing to lose, so q
// quits at once.
func (fs *flowScreen) askQuit(e *env) bool {
	if fs.st.Done() || !fs.walked() || fs.overlay != nil {
		return false
	}
	fs.overlay = &confirmOverlay{question: e.t("Quit now? You can continue later with unstuck resume. y/n"),
		yes: func() tea.Cmd { return func() tea.Msg { return quitNowMsg{} } }}
	return true
}

// offerEarlier puts the answer given at this step before in the field, or the cursor on the option
// picked before; a sensitive answer is never put back (Prompt.Refill is empty for it).
func (fs *flowScreen) offerEarlier(p flows.Prompt) {
	if p.Input != nil && p.Refill != "" {
		fs.field.set(p.Refill)
	}
	for i, o := range p.Options {
		if o.Earlier {
			fs.cursor = i
		}
	}
}
