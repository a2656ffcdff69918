package tui

import (
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"time"

	"github.com/unstuck-dev/unstuck/flows"
	"github.com/unstuck-dev/unstuck/flows/saferead"
)

// Store keeps walks in progress in the user's state folder, one file a flow, so an interrupted run
// can be resumed, even after the terminal was closed or the program killed. Files are written
// atomically and readable only by their owner; sensitive answers are never in them.
type Store struct {
	Dir string // empty: nothing is saved
}

// StateDir is where sessions are kept: $XDG_STATE_HOME/unstuck, else ~/.local/state/unstuck.
func StateDir(getenv func(string) string) string {
	if d := getenv("XDG_STATE_HOME"); d != "" && filepath.IsAbs(d) {
		return filepath.Join(d, "unstuck")
	}
	if home := getenv("HOME"); home != "" {
		return filepath.Join(home, ".local", "state", "unstuck")
	}
	return ""
}

// Saved is a session found in the store.
type Saved struct {
	Path string
	Snap flows.Snapshot
}

// sessionFile names a flow's session file: the built-in id, or the id and a hash of the file's path.
func sessionFile(f *flows.Flow) string {
	name := f.ID
	if f.Path != "" && !strings.HasPrefix(f.Path, "flows/library/") {
		abs, _ := filepath.Abs(f.Path)
		sum := sha256.Sum256([]byte(abs))
		name += "-" + hex.EncodeToString(sum[:4])
	}
	return name + ".json"
}

// Save writes the walk's snapshot.
func (s Store) Save(st flows.State, now time.Time) error {
	if s.Dir == "" {
		return nil
	}
	if err := os.MkdirAll(s.Dir, 0o700); err != nil {
		return fmt.Errorf("cannot make %s: %w", s.Dir, unwrapPath(err))
	}
	snap := st.Snapshot(now)
	if f := st.Flow(); f.Path != "" && !strings.HasPrefix(f.Path, "flows/library/") {
		snap.FlowPath, _ = filepath.Abs(f.Path)
	}
	data, err := flows.MarshalSnapshot(snap)
	if err != nil {
		return err
	}
	return WriteFileAtomic(filepath.Join(s.Dir, sessionFile(st.Flow())), data)
}

// Forget removes the flow's session: it was finished.
func (s Store) Forget(f *flows.Flow) {
	if s.Dir != "" {
		os.Remove(filepath.Join(s.Dir, sessionFile(f)))
	}
}

// List returns the saved sessions, newest first. A file that is not a readable session is set aside
// (renamed with .bad) and described in problems, so it never stops a run.
func (s Store) List() (sessions []Saved, problems []string) {
	if s.Dir == "" {
		return nil, nil
	}
	names, _ := filepath.Glob(filepath.Join(s.Dir, "*.json"))
	for _, path := range names {
		// A session is a few kilobytes; a pipe, device or huge file put here is set aside unread.
		data, err := saferead.ReadRegular(path, 1<<20)
		if err == nil {
			var snap flows.Snapshot
			if snap, err = flows.UnmarshalSnapshot(data); err == nil {
				sessions = append(sessions, Saved{Path: path, Snap: snap})
				continue
			}
		}
		aside := path + ".bad"
		if rerr := os.Rename(path, aside); rerr != nil {
			problems = append(problems, fmt.Sprintf("A saved session (%s) could not be read, and could not be set aside either: %v.", path, unwrapPath(rerr)))
			continue
		}
		problems = append(problems, fmt.Sprintf("A saved session could not be read (%s), so it was set aside as %s.", plainReason(err), aside))
	}
	sort.Slice(sessions, func(i, j int) bool { return sessions[i].Snap.Saved.After(sessions[j].Snap.Saved) })
	return sessions, problems
}

func plainReason(err error) string {
	if errors.Is(err, flows.ErrNotASession) {
		return "it is damaged, or not one of unstuck's files"
	}
	return unwrapPath(err).Error()
}

// Flow finds the flow a session was walking: a built-in flow, or the file it was loaded from.
func (sv Saved) Flow() (*flows.Flow, error) {
	if sv.Snap.FlowPath != "" {
		f, diags := flows.LoadFile(sv.Snap.FlowPath)
		if diags.HasErrors() {
			return nil, fmt.Errorf("the flow file %s does not load any more:\n%s", sv.Snap.FlowPath, diags.Error())
		}
		return f, nil
	}
	lib, _ := flows.Library()
	for _, f := range lib {
		if f.ID == sv.Snap.FlowID {
			return f, nil
		}
	}
	return nil, fmt.Errorf("the flow %q is not built in any more", sv.Snap.FlowID)
}

// Describe says in a line what the session was and when it was saved, in the UI's language (t).
func (sv Saved) Describe(now time.Time, t func(string) string) string {
	if t == nil {
		t = func(s string) string { return s }
	}
	steps := 0
	for _, st := range sv.Snap.Steps {
		if st.Result == nil {
			steps++
		}
	}
	ago := now.Sub(sv.Snap.Saved).Round(time.Minute)
	when := t("just now")
	switch {
	case ago >= 48*time.Hour:
		when = sv.Snap.Saved.Format("2006-01-02 15:04")
	case ago >= time.Hour:
		when = fmt.Sprintf(t("%d h ago"), int(ago.Hours()))
	case ago >= time.Minute:
		when = fmt.Sprintf(t("%d min ago"), int(ago.Minutes()))
	}
	return fmt.Sprintf(t("%s (step %d, saved %s)"), flows.Sanitize(sv.Snap.Title), steps, when)
}
