package flows

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
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
	Undone   []Undone   `json:"undone,omitempty"` // answers taken back, for the transcript
	Breaks   []Break    `json:"breaks,omitempty"` // earlier interruptions, for the transcript
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
		Audience: s.audience, CaseID: s.caseID, Started: s.started, Saved: saved, Undone: s.retracted, Breaks: s.breaks}
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
				if a.Currency != "" {
					v += " " + a.Currency // read back by the money input on resume
				}
				ss.Answer = &v
			}
		}
		snap.Steps = append(snap.Steps, ss)
	}
	return snap
}

// MarshalSnapshot encodes a snapshot for a session file.
func MarshalSnapshot(snap Snapshot) ([]byte, error) {
	return MarshalJSON(snap)
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
	st := restore(f, snap, now, nil)
	if !snap.Saved.IsZero() {
		st.breaks = append(st.breaks, Break{Stopped: snap.Saved, Continued: now, AfterStep: len(st.steps) - 1})
	}
	return st
}

// restore is Restore, also stopping at the first node for which same (when given) says no.
func restore(f *Flow, snap Snapshot, now time.Time, same func(*Node) bool) State {
	start := snap.Started
	if start.IsZero() {
		start = now
	}
	st := StartAs(f, start, snap.Audience)
	st.started, st.caseID = snap.Started, ScrubCardNumbers(Sanitize(OneLine(snap.CaseID)))
	for _, u := range snap.Undone {
		u.Answer = ScrubCardNumbers(Sanitize(OneLine(u.Answer)))
		st.retracted = append(st.retracted, u)
	}
	st.breaks = append(st.breaks, snap.Breaks...)
	for k, step := range snap.Steps {
		// Each step keeps the time it was really answered: the time the walk reached the next one.
		at := now
		if k+1 < len(snap.Steps) && !snap.Steps[k+1].At.IsZero() {
			at = snap.Steps[k+1].At
		}
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
			next, err = st.WithResult(*step.Result, at)
		case step.Option >= 0:
			next, err = st.Choose(step.Option, at)
		case step.Skipped:
			next, err = st.Answer("", at)
		case step.Answer != nil:
			next, err = st.Answer(*step.Answer, at)
		case step.Left && n.Def().Traits().Reads:
			next, err = st.Continue(at)
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

// MarshalJSON is json.MarshalIndent without HTML escaping: an escape such as \u0026 for & puts
// digits in the text that were never typed, and beside typed digits they can make a run that the
// scrubber (rightly) takes for a card number.
func MarshalJSON(v any) ([]byte, error) {
	var b bytes.Buffer
	enc := json.NewEncoder(&b)
	enc.SetEscapeHTML(false)
	enc.SetIndent("", "  ")
	if err := enc.Encode(v); err != nil {
		return nil, err
	}
	return bytes.TrimSuffix(b.Bytes(), []byte("\n")), nil
}
