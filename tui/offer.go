package tui

import (
	"errors"
	"fmt"
	"strings"

	"github.com/unstuck-dev/unstuck/flows/session"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"

	"github.com/unstuck-dev/unstuck/flows"
)

// unstuck run FLOW when a walk of FLOW was left unfinished: before anything else, a small question
// offers to continue it or to start over. Continuing claims the saved session (so no other unstuck
// continues it too) and this run writes on it; starting over leaves it, to be resumed later.

// The two answers, in the order they are offered.
const (
	offerContinue = "Continue where I stopped"
	offerAfresh   = "Start over"
)

// claimSaved claims a saved session for this run and restores its walk in f (localized already);
// it returns a sentence for the shopper when that cannot be done.
func claimSaved(sv *session.Saved, f *flows.Flow, e *env) (flows.State, string) {
	var inUse *session.InUseError
	switch err := sv.Claim(); {
	case errors.As(err, &inUse):
		holder := inUse.PID
		if holder == 0 {
			holder = -1
		}
		return flows.State{}, inUseSentence(e, holder)
	case err != nil:
		return flows.State{}, e.t("This run cannot be continued:") + " " + err.Error()
	}
	e.store.Continue(sv)
	return flows.Restore(f, sv.Snap, e.now()), ""
}

// offerScreen is the question, full screen.
type offerScreen struct {
	flow    *flows.Flow
	saved   *session.Saved
	cursor  int
	problem string
}

func (o *offerScreen) init(*env) tea.Cmd      { return nil }
func (o *offerScreen) title() string          { return flows.Sanitize(o.flow.Title) }
func (o *offerScreen) progress(e *env) string { return "" }
func (o *offerScreen) typing() bool           { return false }

func (o *offerScreen) helpKeys(e *env) []key.Binding {
	k := e.keys
	return []key.Binding{k.Pick, k.Number, k.Help, k.Quit}
}

func (o *offerScreen) update(msg tea.Msg, e *env) (screen, tea.Cmd) {
	kp, ok := msg.(tea.KeyPressMsg)
	if !ok {
		return o, nil
	}
	switch k := kp.String(); {
	case key.Matches(kp, e.keys.Up), key.Matches(kp, e.keys.Down):
		o.cursor = 1 - o.cursor
	case k == "1", k == "2":
		o.cursor = int(k[0] - '1')
		return o, o.pick(e)
	case key.Matches(kp, e.keys.Pick), k == "space":
		return o, o.pick(e)
	}
	return o, nil
}

func (o *offerScreen) pick(e *env) tea.Cmd {
	if o.cursor == 0 {
		st, problem := claimSaved(o.saved, o.flow, e)
		if problem != "" {
			o.problem = problem
			o.cursor = 1
			return nil
		}
		return func() tea.Msg { return openFlowMsg{flow: o.flow, resume: &st} }
	}
	return func() tea.Msg { return openFlowMsg{flow: o.flow} }
}

func (o *offerScreen) view(e *env) body {
	s := e.styles
	width := max(10, e.width-2)
	var b strings.Builder
	b.WriteString(hang("", "", e.t("You started this before. Continue where you stopped?"), width, s.Title) + "\n\n")
	b.WriteString(hang("", "", o.saved.Describe(e.now(), e.tf), width, s.Faint) + "\n\n")
	focus := -1
	for i, label := range []string{offerContinue, offerAfresh} {
		num := fmt.Sprintf("%d. ", i+1)
		if i == o.cursor {
			focus = lineCount(&b)
			b.WriteString(gutter(s.Cursor.Render(s.Marks.Cursor)+" ", "  ", hang(num, strings.Repeat(" ", len(num)), e.t(label), width-2, s.Selected)) + "\n")
		} else {
			b.WriteString(gutter("  ", "  ", hang(num, strings.Repeat(" ", len(num)), e.t(label), width-2, s.Option)) + "\n")
		}
	}
	if o.problem != "" {
		b.WriteString("\n" + hang(s.Marks.Problem+" ", "  ", o.problem, width, s.Error) + "\n")
	}
	return body{text: b.String(), focus: focus}
}

// offerLines asks the question line by line; it returns the walk to continue, or nil to start over.
func (r *lineRun) offerLines(sv *session.Saved) (*flows.State, error) {
	out, e := r.out, r.e
	fmt.Fprintf(out, "\n%s\n%s\n", e.t("You started this before. Continue where you stopped?"), sv.Describe(r.now(), e.tf))
	fmt.Fprintf(out, "  1. %s\n  2. %s\n", e.t(offerContinue), e.t(offerAfresh))
	fmt.Fprintf(out, e.t("Type a number from 1 to %d.")+"\n", 2)
	for {
		if r.opts.Prompt {
			fmt.Fprint(out, "> ")
		}
		line, ok, err := r.in.next(r.ctx)
		if err != nil || !ok {
			fmt.Fprintln(out)
			if err == nil {
				err = inputEnded{lang: e.lang}
			}
			return nil, err
		}
		switch strings.TrimSpace(line) {
		case "1":
			st, problem := claimSaved(sv, r.opts.Flow, e)
			if problem != "" {
				fmt.Fprintln(out, problem)
				return nil, nil
			}
			return &st, nil
		case "2":
			return nil, nil
		}
		fmt.Fprintf(out, e.t("Pick one of the options, 1 to %d.")+"\n", 2)
	}
}
