package summary

import (
	"fmt"
	"strings"
	"time"

	"github.com/unstuck-dev/unstuck/flows"
)

// Transcript writes the walk for staff as Markdown: every step with its time, the answer given, the
// checks and the notes, then the summary.
func Transcript(s flows.State) string {
	var b strings.Builder
	line := func(format string, args ...any) { fmt.Fprintf(&b, format+"\n", args...) }
	esc := markdownEscaper.Replace
	w := func(english string) string { return flows.Word(s.Flow().Language, english) }
	line("# %s: %s", w("Transcript"), esc(flows.Sanitize(s.Flow().Title)))
	line("")
	line("- **%s:** %s", w("Flow"), s.Flow().ID)
	if s.CaseID() != "" {
		line("- **%s:** %s", w("Case"), esc(s.CaseID()))
	}
	line("- **%s:** %s", w("Started"), s.Started().Format("2006-01-02 15:04:05 MST (-07:00)"))
	steps := s.Steps()
	if last := steps[len(steps)-1]; !last.At.IsZero() {
		line("- **%s:** %s", w("Took"), last.At.Sub(s.Started()).Round(time.Second))
	}
	line("")
	line("| %s | %s | %s | %s |", w("time"), w("step"), w("node"), w("answer or result"))
	line("| --- | --- | --- | --- |")
	prev := s.Started()
	undone, breaks := s.Retracted(), s.Breaks()
	// Answers taken back with back go in at the time they were given, marked as undone.
	undoneUpTo := func(t time.Time) {
		for len(undone) > 0 && !undone[0].At.After(t) {
			u := undone[0]
			undone = undone[1:]
			title := u.Node
			if n := s.Flow().Node(u.Node); n != nil {
				if title = s.Text(n.Title); title == "" {
					title = s.Text(firstLine(n.Text))
				}
			}
			line("| %s | %s | `%s` | %s %s |", u.At.Format("15:04:05"), tableCell(title), u.Node, tableCell(u.Answer), w("(undone with back)"))
		}
	}
	for i, st := range steps {
		undoneUpTo(st.At)
		n := s.Flow().Node(st.Node)
		if st.Passed && n.Def().Traits().Passes {
			continue // a call, or a part's way back: the walk went through, nothing happened there
		}
		what := ""
		switch {
		case st.Passed:
			what = fmt.Sprintf(w("(passed: not for %s)"), s.Audience())
		case st.Result != nil:
			what = fmt.Sprintf("%s: %s", w(statusWords[st.Result.Status]), flows.Sanitize(flows.LocalizeResult(*st.Result, s.Flow().Language).Summary))
		case st.Answer != nil:
			what = st.Answer.Display
		case n.Def().Traits().Reads && st.Via.Kind != "":
			what = w("(read)")
		case n.Def().Traits().Final:
			what = w("end") + ": " + s.Text(n.Title)
		default:
			what = w("(current step)")
		}
		title := s.Text(n.Title)
		if title == "" {
			title = s.Text(firstLine(n.Text))
		}
		line("| %s (+%s) | %d. %s | `%s` | %s |", st.At.Format("15:04:05"), st.At.Sub(prev).Round(time.Second), i+1,
			tableCell(title), st.Node, tableCell(what))
		prev = st.At
		for _, note := range st.Notes {
			line("| %s | %s | `%s` | %s |", note.At.Format("15:04:05"), w("note"), st.Node, tableCell(note.Text))
		}
		for _, br := range breaks {
			if br.AfterStep == i {
				line("| %s → %s | %s | `%s` | %s |", br.Stopped.Format("15:04:05"), br.Continued.Format("15:04:05"),
					w("interrupted"), st.Node, w("continued later with unstuck resume"))
			}
		}
	}
	undoneUpTo(time.Date(9999, 1, 1, 0, 0, 0, 0, time.UTC)) // any left after the last step
	line("")
	b.WriteString(Of(s).Markdown())
	return flows.ScrubCardNumbers(flows.Sanitize(b.String()))
}

func tableCell(s string) string {
	return markdownEscaper.Replace(strings.ReplaceAll(s, "\n", " "))
}
