package tui

import (
	"fmt"
	"strings"

	tea "charm.land/bubbletea/v2"

	"github.com/unstuck-dev/unstuck/flows"
)

// Staff mode: support agents walk the same flows as scripted triage. They give the case's id once,
// see node ids and the flow's notes for staff, add notes of their own at any step (n), and can jump
// back to any earlier step from the history (h). At the end they get a transcript.

// staffKeys handles keys while the case id is asked, a note is typed, or the history is open.
func (fs *flowScreen) staffKeys(msg tea.KeyPressMsg, e *env) tea.Cmd {
	switch {
	case fs.askCase:
		if msg.String() == "enter" {
			fs.st = fs.st.WithCaseID(fs.field.value())
			fs.askCase = false
			fs.enter(e)
			e.save(fs.st)
			return fs.afterMove(e)
		}
		fs.field.update(msg)
	case fs.noting:
		switch msg.String() {
		case "enter":
			fs.st = fs.st.WithNote(fs.note.value(), e.now())
			fs.noting = false
			fs.flash = e.t("Note added to the transcript.")
			e.save(fs.st)
		case "esc":
			fs.noting = false
		default:
			fs.note.update(msg)
		}
	case fs.history:
		steps := fs.historySteps()
		switch msg.String() {
		case "up", "k":
			fs.histAt = max(0, fs.histAt-1)
		case "down", "j":
			fs.histAt = min(len(steps)-1, fs.histAt+1)
		case "esc", "h", "ctrl+o":
			fs.history = false
		case "enter":
			fs.history = false
			if fs.histAt >= 0 && fs.histAt < len(steps) {
				if prev, ok := fs.st.BackTo(steps[fs.histAt]); ok {
					fs.st = prev
					e.save(fs.st)
					fs.enter(e)
					fs.flash = e.t("Went back to this step; the answers after it were cleared.")
				}
			}
		}
	}
	return nil
}

// historySteps are the indexes (into the walk's steps) of the earlier steps one can go back to.
func (fs *flowScreen) historySteps() []int {
	var out []int
	steps := fs.st.Steps()
	for i, st := range steps[:len(steps)-1] {
		n := fs.st.Flow().Node(st.Node)
		if !st.Passed && n.Kind != flows.KindCheck {
			out = append(out, i)
		}
	}
	return out
}

func (fs *flowScreen) staffView(e *env) body {
	s := e.styles
	var b strings.Builder
	width := max(10, e.width-2)
	if fs.askCase {
		b.WriteString(s.Title.Render(e.t("Case id")) + "\n\n")
		b.WriteString(hang("", "", e.t("Type the id of the support case this walk belongs to (from your ticket system), or leave it empty."), width, s.Text) + "\n\n")
		before, at, after := fs.field.view(nil)
		b.WriteString(s.Cursor.Render(s.Marks.Cursor) + " " + s.Field.Render(before) + s.Field.Reverse(true).Render(at) + s.Field.Render(after) + "\n")
		return body{text: b.String(), focus: 4}
	}
	b.WriteString(s.Title.Render(e.t("History")) + s.Faint.Render("  "+e.t("(pick a step to go back to it)")) + "\n\n")
	steps := fs.st.Steps()
	focus := -1
	for i, idx := range fs.historySteps() {
		st := steps[idx]
		n := fs.st.Flow().Node(st.Node)
		answer := "(read)"
		if st.Answer != nil {
			answer = st.Answer.Display
		}
		title := fs.st.Text(n.Title)
		if title == "" {
			title = fs.st.Text(n.Text)
		}
		row := fmt.Sprintf("%s  [%s] %s: %s", st.At.Format("15:04:05"), st.Node, title, answer)
		for _, note := range st.Notes {
			row += "  " + fmt.Sprintf(e.t("(note: %s)"), note.Text)
		}
		if i == fs.histAt {
			focus = strings.Count(b.String(), "\n")
			b.WriteString(gutter(s.Cursor.Render(s.Marks.Cursor)+" ", "  ", hang("", "", row, width-2, s.Selected)) + "\n")
		} else {
			b.WriteString(gutter("  ", "  ", hang("", "", row, width-2, s.Option)) + "\n")
		}
	}
	if focus < 0 {
		b.WriteString(s.Faint.Render(e.t("No earlier steps yet.")) + "\n")
	}
	return body{text: b.String(), focus: focus}
}

// offerPrefill puts a prefilled answer in the field, or the cursor on the prefilled option.
func (fs *flowScreen) offerPrefill(e *env, n *flows.Node) {
	list := e.prefill[n.ID]
	used := e.prefillUsed[n.ID]
	if used >= len(list) || fs.askCase {
		return
	}
	value := list[used]
	if e.prefillUsed == nil {
		e.prefillUsed = map[string]int{}
	}
	switch n.Kind {
	case flows.KindInput:
		e.prefillUsed[n.ID]++
		fs.field.set(value)
	case flows.KindChoice:
		e.prefillUsed[n.ID]++
		for i, o := range n.Options {
			if strings.EqualFold(value, o.Value) || strings.EqualFold(value, o.Label) || value == fmt.Sprint(i+1) {
				fs.cursor = i
			}
		}
	}
}
