package session

import (
	"crypto/rand"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"sync"
	"time"

	"github.com/unstuck-dev/unstuck/flows"
	"github.com/unstuck-dev/unstuck/flows/files"
	"github.com/unstuck-dev/unstuck/flows/saferead"
)

// Store keeps walks in progress in the user's state folder, one file a run, so an interrupted run
// can be resumed, even after the terminal was closed or the program killed. Files are written
// atomically and readable only by their owner; sensitive answers are never in them. A run holds a
// lock on its session (a .lock file beside it) from its first save, or from when it was resumed,
// until it ends, so two runs never write one session and a second resume is told the first has it.
//
// Copies of a Store made by NewStore share the run; Save and Forget belong to one run.
type Store struct {
	Dir string // empty: nothing is saved
	run *storeRun
}

// storeRun is the session of the run a Store saves: its file once the first save made it (or the
// session it resumed), and the lock it holds on it.
type storeRun struct {
	mu          sync.Mutex
	path        string
	lock        *heldLock
	folderDone  bool  // the folder was checked for other users
	folderError error // why nothing can be saved in it
}

// NewStore is a store in dir for one run; copies of it share that run.
func NewStore(dir string) Store { return Store{Dir: dir, run: &storeRun{}} }

func (s *Store) ensureRun() *storeRun {
	if s.run == nil {
		s.run = &storeRun{}
	}
	return s.run
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
	Path   string
	Snap   flows.Snapshot
	Holder int // who had it open when it was listed: a process id, -1 when that run did not say, or 0 for nobody

	lock *heldLock // held after Claim, until Release or the run that continues it ends
}

// InUseError says a session is open in another unstuck.
type InUseError struct {
	Path string
	PID  int // 0 when the other run did not say
}

func (e *InUseError) Error() string {
	who := "another unstuck"
	if e.PID > 0 {
		who = fmt.Sprintf("another unstuck (pid %d)", e.PID)
	}
	return fmt.Sprintf("this session is open in %s; finish or close it there first, or start a new run", who)
}

// sessionKey names a flow's sessions: the built-in id, or the id and a hash of the file's path.
func sessionKey(f *flows.Flow) string {
	name := f.ID
	if f.Path != "" && !strings.HasPrefix(f.Path, "flows/library/") {
		abs, _ := filepath.Abs(f.Path)
		sum := sha256.Sum256([]byte(abs))
		name += "-" + hex.EncodeToString(sum[:4])
	}
	return name
}

// lockPath is the lock file beside a session file.
func lockPath(session string) string { return strings.TrimSuffix(session, ".json") + ".lock" }

// Save writes the walk's snapshot to this run's session: on the first save a new file of its own,
// locked until the run ends.
func (s *Store) Save(st flows.State, now time.Time) error {
	if s.Dir == "" {
		return nil
	}
	r := s.ensureRun()
	r.mu.Lock()
	defer r.mu.Unlock()
	if err := os.MkdirAll(s.Dir, 0o700); err != nil {
		return fmt.Errorf("cannot make %s: %w", s.Dir, files.Reason(err))
	}
	if !r.folderDone {
		// Said once, when the run's store was made (MakePrivate); here it is only made so.
		_, r.folderError = s.MakePrivate()
		r.folderDone = true
	}
	if r.folderError != nil {
		return r.folderError
	}
	snap := st.Snapshot(now)
	if f := st.Flow(); f.Path != "" && !strings.HasPrefix(f.Path, "flows/library/") {
		snap.FlowPath, _ = filepath.Abs(f.Path)
	}
	data, err := flows.MarshalSnapshot(snap)
	if err != nil {
		return err
	}
	if r.path == "" {
		if err := r.create(s.Dir, sessionKey(st.Flow()), now); err != nil {
			return err
		}
	}
	return files.WriteFileAtomic(r.path, data)
}

// create names a new session for the run, and locks it: the flow, the time and a random part, so
// runs started in the same second still get their own.
func (r *storeRun) create(dir, key string, now time.Time) error {
	for range 8 {
		var id [4]byte
		rand.Read(id[:])
		base := filepath.Join(dir, fmt.Sprintf("%s-%s-%s", key, now.UTC().Format("20060102T150405"), hex.EncodeToString(id[:])))
		f, err := files.OpenLockFile(base+".lock", os.O_RDWR|os.O_CREATE|os.O_EXCL)
		if errors.Is(err, fs.ErrExist) {
			continue
		}
		if err != nil {
			return fmt.Errorf("cannot make a lock file in %s: %w", dir, files.Reason(err))
		}
		l, err := takeLock(f)
		if err != nil {
			f.Close()
			os.Remove(base + ".lock")
			return fmt.Errorf("cannot lock %s: %w", base+".lock", err)
		}
		r.path, r.lock = base+".json", l
		return nil
	}
	return fmt.Errorf("cannot find a free name for a session in %s", dir)
}

// Continue makes this run write to a session it claimed (Saved.Claim) instead of a new one; the
// run holds the session's lock from now on and releases it when it ends.
func (s *Store) Continue(sv *Saved) {
	r := s.ensureRun()
	r.mu.Lock()
	defer r.mu.Unlock()
	if r.lock != sv.lock { // the menu may open the session this run already holds
		r.lock.release()
	}
	r.path, r.lock = sv.Path, sv.lock
}

// Close ends the run's hold on its session without finishing it: the session stays, unlocked, to
// be resumed later, and a later save starts a new one (the menu opened another flow).
func (s *Store) Close() {
	if s.run == nil {
		return
	}
	r := s.run
	r.mu.Lock()
	defer r.mu.Unlock()
	r.lock.release()
	r.path, r.lock = "", nil
}

// Forget removes the run's session: it was finished. The flow is the one the run walked.
func (s *Store) Forget(*flows.Flow) {
	if s.Dir == "" || s.run == nil {
		return
	}
	r := s.run
	r.mu.Lock()
	defer r.mu.Unlock()
	if r.path != "" {
		// The session goes before its lock, so whoever takes the lock next finds the session gone.
		os.Remove(r.path)
		if r.lock != nil {
			os.Remove(lockPath(r.path))
		}
	}
	r.lock.release()
	r.path, r.lock = "", nil
}

// MakePrivate makes sure other users cannot open the state folder before anything is saved in it:
// a folder of ours that they can is made 0700, and notice says so; one that is not ours is refused
// (err), and nothing is saved there. A folder that does not exist yet is left to be made.
func (s Store) MakePrivate() (notice string, err error) {
	if s.Dir == "" {
		return "", nil
	}
	info, err := os.Stat(s.Dir)
	if err != nil || !info.IsDir() || info.Mode().Perm()&0o077 == 0 || !permissionsApply {
		return "", nil
	}
	if uid, ok := fileOwner(info); ok && uid != os.Geteuid() {
		return "", fmt.Errorf("the folder %s can be opened by other users and is not yours, so unstuck saves no progress there (set XDG_STATE_HOME to a folder of your own)", s.Dir)
	}
	if err := os.Chmod(s.Dir, 0o700); err != nil {
		return "", fmt.Errorf("the folder %s can be opened by other users and could not be made private (%v), so unstuck saves no progress there", s.Dir, files.Reason(err))
	}
	return fmt.Sprintf("The folder where unstuck saves progress (%s) could be opened by other users (mode %04o); it is now yours alone (0700).", s.Dir, info.Mode().Perm()), nil
}

// List returns the saved sessions, newest first, each with the run that has it open, if any. A file that is not a readable session is set aside
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
			problems = append(problems, fmt.Sprintf("A saved session (%s) could not be read, and could not be set aside either: %v.", path, files.Reason(rerr)))
			continue
		}
		problems = append(problems, fmt.Sprintf("A saved session could not be read (%s), so it was set aside as %s.", plainReason(err), aside))
	}
	for i := range sessions {
		sessions[i].Holder = holderOf(lockPath(sessions[i].Path))
	}
	sort.Slice(sessions, func(i, j int) bool { return sessions[i].Snap.Saved.After(sessions[j].Snap.Saved) })
	return sessions, problems
}

func plainReason(err error) string {
	if errors.Is(err, flows.ErrNotASession) {
		return "it is damaged, or not one of unstuck's files"
	}
	return files.Reason(err).Error()
}

// Flow finds the flow a session was walking: a built-in flow, or the file it was loaded from.
func (sv Saved) Flow() (*flows.Flow, error) {
	if sv.Snap.FlowPath != "" {
		f, diags := files.LoadFile(sv.Snap.FlowPath)
		if diags.HasErrors() {
			return nil, fmt.Errorf("the flow file %s does not load any more:\n%s", sv.Snap.FlowPath, diags.Error())
		}
		return f, nil
	}
	if f := flows.Builtin(sv.Snap.FlowID); f != nil {
		return f, nil
	}
	return nil, fmt.Errorf("the flow %q is not built in any more", sv.Snap.FlowID)
}

// Describe says in a line what the session was and when it was saved, in the UI's language (tf
// translates a format and fills it in, choosing the plural form; nil is English).
func (sv Saved) Describe(now time.Time, tf func(string, ...any) string) string {
	if tf == nil {
		tf = fmt.Sprintf
	}
	steps := 0
	for _, st := range sv.Snap.Steps {
		if st.Result == nil {
			steps++
		}
	}
	ago := now.Sub(sv.Snap.Saved).Round(time.Minute)
	when := tf("just now")
	switch {
	case ago >= 48*time.Hour:
		when = sv.Snap.Saved.Format("2006-01-02 15:04")
	case ago >= time.Hour:
		when = tf("%d h ago", int(ago.Hours()))
	case ago >= time.Minute:
		when = tf("%d min ago", int(ago.Minutes()))
	}
	return tf("%s (step %d, saved %s)", flows.Sanitize(sv.Snap.Title), steps, when)
}
