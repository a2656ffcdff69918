package flows

import (
	"encoding/json"
	"errors"
	"fmt"
	"strings"
	"time"

	"github.com/unstuck-dev/unstuck/checks"
)

// A Snapshot is a walk written down so it can be resumed after the terminal was closed or the
// program killed. Sensitive answers are never in it: a resumed walk stops at the first of them and
// asks again.

// SnapshotKind marks unstuck's session files, so a foreign JSON file is told apart from a session.
const SnapshotKind = "unstuck-session"

// Snapshot is the saved form of a State.
type Snapshot struct {
	Kind     string     `json:"kind"`
	Version  int        `json:"version"`
	FlowID   string     `json:"flow"`
	FlowPath string     `json:"flow_path,omitempty"` // for a flow loaded from a file
	Title    string     `json:"title"`
	Audience string     `json:"audience"`
	CaseID   string     `json:"case_id,omitempty"`
	Started  time.Time  `json:"started"`
	Saved    time.Time  `json:"saved"`
	Steps    []SnapStep `json:"steps"`
}

// SnapStep is one step of a saved walk.
type SnapStep struct {
	Node      string         `json:"node"`
	At        time.Time      `json:"at"`
	Option    int            `json:"option"`              // -1 when no option was picked
	Answer    *string        `json:"answer,omitempty"`    // absent for sensitive answers
	Sensitive bool           `json:"sensitive,omitempty"` // an answer was given but not saved
	Skipped   bool           `json:"skipped,omitempty"`   // an optional input left empty
	Result    *checks.Result `json:"result,omitempty"`
	Left      bool           `json:"left,omitempty"` // the node was left (a message continued)
	Notes     []Note         `json:"notes,omitempty"`
}

// Snapshot writes the walk down, leaving sensitive answers out.
func (s State) Snapshot(saved time.Time) Snapshot {
	snap := Snapshot{Kind: SnapshotKind, Version: 1, FlowID: s.flow.ID, Title: Sanitize(s.flow.Title),
		Audience: s.audience, CaseID: s.caseID, Started: s.started, Saved: saved}
	for _, st := range s.steps {
		if st.Passed {
			continue
		}
		ss := SnapStep{Node: st.Node, At: st.At, Option: st.Option, Result: st.Result, Left: st.Via.Kind != "", Notes: st.Notes}
		if a := st.Answer; a != nil && st.Option < 0 {
			switch {
			case a.Skipped:
				ss.Skipped = true
			case a.Sensitive:
				ss.Sensitive = true
			default:
				v := a.Value
				ss.Answer = &v
			}
		}
		snap.Steps = append(snap.Steps, ss)
	}
	return snap
}

// MarshalSnapshot encodes a snapshot for a session file.
func MarshalSnapshot(snap Snapshot) ([]byte, error) {
	return marshalJSON(snap)
}

// ErrNotASession is returned for a file that is not one of unstuck's session files.
var ErrNotASession = errors.New("this is not an unstuck session file")

// UnmarshalSnapshot decodes a session file, refusing foreign or damaged ones.
func UnmarshalSnapshot(data []byte) (Snapshot, error) {
	var snap Snapshot
	if err := json.Unmarshal(data, &snap); err != nil {
		return Snapshot{}, fmt.Errorf("%w: %v", ErrNotASession, err)
	}
	if snap.Kind != SnapshotKind {
		return Snapshot{}, ErrNotASession
	}
	if snap.Version != 1 {
		return Snapshot{}, fmt.Errorf("%w: it was written by another version (format %d)", ErrNotASession, snap.Version)
	}
	if snap.FlowID == "" || len(snap.Steps) == 0 {
		return Snapshot{}, fmt.Errorf("%w: it names no flow or no steps", ErrNotASession)
	}
	return snap, nil
}

// Restore walks the flow again from a snapshot, for as long as the saved steps fit the flow: it stops
// at the first sensitive answer (which is asked again), the first step that no longer fits (the flow
// changed), or where the walk was when it was saved.
func Restore(f *Flow, snap Snapshot, now time.Time) State {
	return restore(f, snap, now, nil)
}

// restore is Restore, also stopping at the first node for which same (when given) says no.
func restore(f *Flow, snap Snapshot, now time.Time, same func(*Node) bool) State {
	st := StartAs(f, now, snap.Audience)
	st.started, st.caseID = snap.Started, ScrubCardNumbers(Sanitize(OneLine(snap.CaseID)))
	for _, step := range snap.Steps {
		n := st.Node()
		if n.ID != step.Node || same != nil && !same(n) {
			break
		}
		for _, note := range step.Notes {
			st = st.WithNote(note.Text, note.At)
		}
		var next State
		var err error
		switch {
		case step.Result != nil:
			next, err = st.WithResult(*step.Result, now)
		case step.Option >= 0:
			next, err = st.Choose(step.Option, now)
		case step.Skipped:
			next, err = st.Answer("", now)
		case step.Answer != nil:
			next, err = st.Answer(*step.Answer, now)
		case step.Left && n.Def().Traits().Reads:
			next, err = st.Continue(now)
		default:
			return st // a sensitive answer to give again, or the step the walk was at
		}
		if err != nil {
			return st
		}
		st = next
	}
	return st
}

// Transcript writes the walk for staff as Markdown: every step with its time, the answer given, the
// checks and the notes, then the summary.
func (s State) Transcript() string {
	var b strings.Builder
	line := func(format string, args ...any) { fmt.Fprintf(&b, format+"\n", args...) }
	esc := markdownEscaper.Replace
	w := func(english string) string { return Word(s.flow.Language, english) }
	line("# %s: %s", w("Transcript"), esc(Sanitize(s.flow.Title)))
	line("")
	line("- **%s:** %s", w("Flow"), s.flow.ID)
	if s.caseID != "" {
		line("- **%s:** %s", w("Case"), esc(s.caseID))
	}
	line("- **%s:** %s", w("Started"), s.started.Format("2006-01-02 15:04:05 MST (-07:00)"))
	if last := s.steps[len(s.steps)-1]; !last.At.IsZero() {
		line("- **%s:** %s", w("Took"), last.At.Sub(s.started).Round(time.Second))
	}
	line("")
	line("| %s | %s | %s | %s |", w("time"), w("step"), w("node"), w("answer or result"))
	line("| --- | --- | --- | --- |")
	prev := s.started
	for i, st := range s.steps {
		n := s.flow.Node(st.Node)
		what := ""
		switch {
		case st.Passed:
			what = fmt.Sprintf(w("(passed: not for %s)"), s.audience)
		case st.Result != nil:
			what = fmt.Sprintf("%s: %s", w(statusWords[st.Result.Status]), Sanitize(LocalizeResult(*st.Result, s.flow.Language).Summary))
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
	}
	line("")
	b.WriteString(s.Summary().Markdown())
	return ScrubCardNumbers(Sanitize(b.String()))
}

func tableCell(s string) string {
	return markdownEscaper.Replace(strings.ReplaceAll(s, "\n", " "))
}
