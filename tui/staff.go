package tui

import (
	"fmt"
	"strings"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"

	"github.com/unstuck-dev/unstuck/flows"
)

// Staff mode: support agents walk the same flows as scripted triage. They give the case's id once,
// see node ids and the flow's notes for staff, add notes of their own at any step (n), and can jump
// back to any earlier step from the history (h). At the end they get a transcript.
//
// Each of those tools is an overlay: a small model of its own, open over the flow screen, that has
// the keys while it is open.

// overlay is a staff tool open over the flow screen.
type overlay interface {
	// update handles a key; it returns the overlay still open, or nil when it closed.
	update(msg tea.KeyPressMsg, fs *flowScreen, e *env) (overlay, tea.Cmd)
	// paste takes pasted text.
	paste(msg tea.PasteMsg)
	// view draws the overlay. under is true when it is drawn under the step (its focus counted from
	// its own first line), false when it takes the step's place.
	view(fs *flowScreen, e *env) (b body, under bool)
	helpKeys(e *env) []key.Binding
}

// openOverlay opens the note (staff) or the history (everyone) when msg asks for it, else returns nil.
func (fs *flowScreen) openOverlay(msg tea.KeyPressMsg, e *env) overlay {
	typing := fs.prompt().Input != nil
	switch k := msg.String(); {
	case e.staff && (k == "ctrl+n" || k == "n" && !typing):
		return &noteOverlay{}
	case k == "ctrl+o" || k == "h" && !typing:
		return &historyOverlay{at: max(0, len(historySteps(fs.st))-1)}
	}
	return nil
}

// doneKeys are the keys of a tool that is typed in.
func doneKeys(e *env) []key.Binding {
	enter := e.keys.Next
	enter.SetHelp("enter", "done")
	return []key.Binding{enter, e.keys.Interrupt}
}

// caseOverlay asks for the support case's id, once, before the first step.
type caseOverlay struct{ field editor }

func newCaseOverlay() *caseOverlay { return &caseOverlay{field: editor{limit: 80}} }

func (o *caseOverlay) update(msg tea.KeyPressMsg, fs *flowScreen, e *env) (overlay, tea.Cmd) {
	if msg.String() != "enter" {
		o.field.update(msg)
		return o, nil
	}
	fs.st = fs.st.WithCaseID(o.field.value())
	fs.overlay = nil
	fs.enter(e)
	e.save(fs.st)
	return nil, fs.afterMove(e)
}

func (o *caseOverlay) paste(msg tea.PasteMsg) { o.field.update(msg) }

func (o *caseOverlay) helpKeys(e *env) []key.Binding { return doneKeys(e) }

func (o *caseOverlay) view(_ *flowScreen, e *env) (body, bool) {
	s := e.styles
	var b strings.Builder
	width := max(10, e.width-2)
	b.WriteString(s.Title.Render(e.t("Case id")) + "\n\n")
	b.WriteString(hang("", "", e.t("Type the id of the support case this walk belongs to (from your ticket system), or leave it empty."), width, s.Text) + "\n\n")
	before, at, after := o.field.view(nil)
	b.WriteString(s.Cursor.Render(s.Marks.Cursor) + " " + s.Field.Render(before) + s.Field.Reverse(true).Render(at) + s.Field.Render(after) + "\n")
	return body{text: b.String(), focus: 4}, false
}

// noteOverlay is a note being typed for the transcript, under the step.
type noteOverlay struct{ note editor }

func (o *noteOverlay) update(msg tea.KeyPressMsg, fs *flowScreen, e *env) (overlay, tea.Cmd) {
	switch msg.String() {
	case "enter":
		fs.st = fs.st.WithNote(o.note.value(), e.now())
		fs.flash = e.t("Note added to the transcript.")
		e.save(fs.st)
		return nil, nil
	case "esc":
		return nil, nil
	}
	o.note.update(msg)
	return o, nil
}

func (o *noteOverlay) paste(msg tea.PasteMsg) { o.note.update(msg) }

func (o *noteOverlay) helpKeys(e *env) []key.Binding { return doneKeys(e) }

func (o *noteOverlay) view(_ *flowScreen, e *env) (body, bool) {
	s := e.styles
	before, at, after := o.note.view(nil)
	text := "\n" + s.Title.Render(e.t("Note for the transcript:")+" ") + s.Field.Render(before) + s.Field.Reverse(true).Render(at) + s.Field.Render(after) + "\n" +
		s.Faint.Render(e.t("enter adds it · esc cancels")) + "\n"
	return body{text: text, focus: 1}, true
}

// historyOverlay lists the earlier steps; picking one goes back to it.
type historyOverlay struct{ at int }

func (o *historyOverlay) update(msg tea.KeyPressMsg, fs *flowScreen, e *env) (overlay, tea.Cmd) {
	steps := historySteps(fs.st)
	switch msg.String() {
	case "up", "k":
		o.at = max(0, o.at-1)
	case "down", "j":
		o.at = min(len(steps)-1, o.at+1)
	case "esc", "h", "ctrl+o":
		return nil, nil
	case "enter":
		if o.at >= 0 && o.at < len(steps) {
			if prev, ok := fs.st.BackTo(steps[o.at]); ok {
				fs.st = prev
				e.save(fs.st)
				fs.enter(e)
				fs.flash = e.t("Change this answer, or press enter to keep it; your later answers are offered again as you go on.")
			}
		}
		return nil, nil
	}
	return o, nil
}

func (o *historyOverlay) paste(tea.PasteMsg) {}

func (o *historyOverlay) helpKeys(e *env) []key.Binding {
	k := e.keys
	enter := k.Pick
	enter.SetHelp("enter", "go back to that step")
	esc := k.Back
	esc.SetHelp("esc", "close")
	return []key.Binding{k.Up, k.Down, enter, esc}
}

func (o *historyOverlay) view(fs *flowScreen, e *env) (body, bool) {
	s := e.styles
	var b strings.Builder
	width := max(10, e.width-2)
	if e.staff {
		b.WriteString(s.Title.Render(e.t("History")) + s.Faint.Render("  "+e.t("(pick a step to go back to it)")) + "\n\n")
	} else {
		b.WriteString(s.Title.Render(e.t("Your answers")) + s.Faint.Render("  "+e.t("(pick one to change it)")) + "\n\n")
	}
	steps := fs.st.Steps()
	focus := -1
	for i, idx := range historySteps(fs.st) {
		st := steps[idx]
		n := fs.st.Flow().Node(st.Node)
		answer := e.t("(read)")
		if st.Answer != nil {
			answer = st.Answer.Display
		}
		title := fs.st.Text(n.Title)
		if title == "" {
			title = flows.OneLine(fs.st.Text(n.Text))
		}
		row := fmt.Sprintf("%s  [%s] %s: %s", st.At.Format("15:04:05"), st.Node, title, answer)
		if !e.staff { // plain words: the question and the answer
			row = title + ": " + answer
		}
		for _, note := range st.Notes {
			row += "  " + fmt.Sprintf(e.t("(note: %s)"), note.Text)
		}
		if i == o.at {
			focus = strings.Count(b.String(), "\n")
			b.WriteString(gutter(s.Cursor.Render(s.Marks.Cursor)+" ", "  ", hang("", "", row, width-2, s.Selected)) + "\n")
		} else {
			b.WriteString(gutter("  ", "  ", hang("", "", row, width-2, s.Option)) + "\n")
		}
	}
	if focus < 0 {
		b.WriteString(s.Faint.Render(e.t("No earlier steps yet.")) + "\n")
	}
	return body{text: b.String(), focus: focus}, false
}

// historySteps are the indexes (into the walk's steps) of the earlier steps one can go back to.
func historySteps(st flows.State) []int {
	var out []int
	for i := range len(st.Steps()) - 1 {
		if st.CanGoBackTo(i) {
			out = append(out, i)
		}
	}
	return out
}

// offerPrefill puts a prefilled answer in the field, or the cursor on the prefilled option.
func (fs *flowScreen) offerPrefill(e *env, p flows.Prompt) {
	list := e.prefill[p.Node]
	used := e.prefillUsed[p.Node]
	if _, asking := fs.overlay.(*caseOverlay); used >= len(list) || asking || p.Input == nil && p.Options == nil {
		return
	}
	value := list[used]
	if e.prefillUsed == nil {
		e.prefillUsed = map[string]int{}
	}
	e.prefillUsed[p.Node]++
	if p.Input != nil {
		fs.field.set(value)
	}
	if p.Multiple {
		fs.prefillTicks(value)
		return
	}
	for i, o := range p.Options {
		if strings.EqualFold(value, o.Value) || strings.EqualFold(value, o.Label) || value == fmt.Sprint(i+1) {
			fs.cursor = i
		}
	}
}
