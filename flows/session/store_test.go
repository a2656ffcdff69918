package session

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/unstuck-dev/unstuck/flows"
	"github.com/unstuck-dev/unstuck/flows/files"
)

// paymentFails is the built-in payment-fails flow.
func paymentFails(t *testing.T) *flows.Flow {
	t.Helper()
	f, diags := files.Find("payment-fails")
	if diags.HasErrors() {
		t.Fatal(diags.Error())
	}
	return f
}

// walkTo answers the flow's first steps (the welcome, then the store) and returns the walk.
func walkTo(t *testing.T, f *flows.Flow, now time.Time, answers ...string) flows.State {
	t.Helper()
	st := flows.Start(f, now)
	for _, a := range answers {
		next, err := st.Answer(a, now)
		if err != nil {
			t.Fatalf("answer %q at %s: %v", a, st.Node().ID, err)
		}
		st = next
	}
	return st
}

func jsonFiles(t *testing.T, dir string) []string {
	t.Helper()
	files, err := filepath.Glob(filepath.Join(dir, "*.json"))
	if err != nil {
		t.Fatal(err)
	}
	return files
}

func TestEveryRunHasItsOwnSession(t *testing.T) {
	f := paymentFails(t)
	now := time.Date(2026, 6, 15, 10, 0, 0, 0, time.UTC)

	t.Run("thirty runs of one flow saving at once leave thirty sessions, each open in its run", func(t *testing.T) {
		dir := t.TempDir()
		stores := make([]Store, 30)
		errs := make([]error, len(stores))
		var wg sync.WaitGroup
		for i := range stores {
			stores[i] = NewStore(dir)
			wg.Add(1)
			go func() {
				defer wg.Done()
				st := walkTo(t, f, now, "", fmt.Sprintf("Shop %d", i))
				for range 3 { // a run saves after every answer
					if err := stores[i].Save(st, now); err != nil {
						errs[i] = err
					}
				}
			}()
		}
		wg.Wait()
		for i, err := range errs {
			if err != nil {
				t.Errorf("run %d could not save: %v", i, err)
			}
		}
		if files := jsonFiles(t, dir); len(files) != 30 {
			t.Fatalf("%d sessions, want 30: %v", len(files), files)
		}
		saved, problems := (Store{Dir: dir}).List()
		if len(saved) != 30 || len(problems) != 0 {
			t.Fatalf("listed %d sessions, problems %q", len(saved), problems)
		}
		for _, sv := range saved {
			if sv.Holder != os.Getpid() {
				t.Errorf("%s: listed as open in %d, want this process (%d)", sv.Path, sv.Holder, os.Getpid())
			}
		}
		for i := range stores {
			stores[i].Close()
		}
		saved, _ = (Store{Dir: dir}).List()
		for _, sv := range saved {
			if sv.Holder != 0 {
				t.Errorf("%s: still listed as open (in %d) after its run stopped", sv.Path, sv.Holder)
			}
		}
	})

	t.Run("a finished run removes its own session and lock, and no other", func(t *testing.T) {
		dir := t.TempDir()
		a, b := NewStore(dir), NewStore(dir)
		if err := a.Save(walkTo(t, f, now, "", "Shop A"), now); err != nil {
			t.Fatal(err)
		}
		if err := b.Save(walkTo(t, f, now, "", "Shop B"), now); err != nil {
			t.Fatal(err)
		}
		a.Forget(f)
		files := jsonFiles(t, dir)
		if len(files) != 1 {
			t.Fatalf("sessions left: %v, want only the unfinished run's", files)
		}
		if data, _ := os.ReadFile(files[0]); !strings.Contains(string(data), "Shop B") {
			t.Errorf("the finished run removed the other run's session; left:\n%s", data)
		}
		if locks, _ := filepath.Glob(filepath.Join(dir, "*.lock")); len(locks) != 1 {
			t.Errorf("lock files left: %v, want the unfinished run's only", locks)
		}
	})

	t.Run("ten claims of one session at once: exactly one gets it, the others are told who has it", func(t *testing.T) {
		dir := t.TempDir()
		run := NewStore(dir)
		if err := run.Save(walkTo(t, f, now, "", "Shop"), now); err != nil {
			t.Fatal(err)
		}
		run.Close() // interrupted: the session stays, free
		saved, _ := (Store{Dir: dir}).List()
		if len(saved) != 1 {
			t.Fatalf("listed %d sessions, want 1", len(saved))
		}
		claims := make([]Saved, 10)
		errs := make([]error, len(claims))
		var wg sync.WaitGroup
		for i := range claims {
			claims[i] = saved[0]
			wg.Add(1)
			go func() {
				defer wg.Done()
				errs[i] = claims[i].Claim()
			}()
		}
		wg.Wait()
		got := 0
		for i, err := range errs {
			var inUse *InUseError
			switch {
			case err == nil:
				got++
				defer claims[i].Release()
			case errors.As(err, &inUse):
				if inUse.PID != os.Getpid() || !strings.Contains(err.Error(), fmt.Sprintf("this session is open in another unstuck (pid %d)", os.Getpid())) {
					t.Errorf("claim %d: %v; want it to name this process", i, err)
				}
			default:
				t.Errorf("claim %d: %v", i, err)
			}
		}
		if got != 1 {
			t.Errorf("%d claims got the session, want exactly 1", got)
		}
	})

	t.Run("a claimed session is read again, and the run that continues it writes on it", func(t *testing.T) {
		dir := t.TempDir()
		first := NewStore(dir)
		if err := first.Save(walkTo(t, f, now, ""), now); err != nil {
			t.Fatal(err)
		}
		saved, _ := (Store{Dir: dir}).List() // listed while the first run is still going
		// The first run goes one step further, then is interrupted.
		if err := first.Save(walkTo(t, f, now, "", "https://shop.example.com"), now); err != nil {
			t.Fatal(err)
		}
		first.Close()
		sv := saved[0]
		if err := sv.Claim(); err != nil {
			t.Fatal(err)
		}
		resumed := NewStore(dir)
		resumed.Continue(&sv)
		resumed.Continue(&sv) // opened again from the menu: still held
		st := flows.Restore(f, sv.Snap, now)
		if st.Node().ID != "probe-store" {
			t.Fatalf("resumed at %s, want the step after the store's address (the session as the first run left it)", st.Node().ID)
		}
		next, err := st.Answer("no", now)
		if err != nil {
			t.Fatal(err)
		}
		if err := resumed.Save(next, now); err != nil {
			t.Fatal(err)
		}
		files := jsonFiles(t, dir)
		if len(files) != 1 || files[0] != sv.Path {
			t.Fatalf("sessions %v, want only the resumed %s", files, sv.Path)
		}
		if data, _ := os.ReadFile(sv.Path); !strings.Contains(string(data), "connection-check") {
			t.Errorf("the resumed run's answer is not in the session it resumed:\n%s", data)
		}
		again := saved[0]
		if err := again.Claim(); !errors.As(err, new(*InUseError)) {
			t.Errorf("a second claim while the resumed run has it: %v, want it in use", err)
		}
		resumed.Forget(f)
		if files := jsonFiles(t, dir); len(files) != 0 {
			t.Errorf("the finished resumed run left %v", files)
		}
	})

	t.Run("a session finished after it was listed cannot be claimed, and leaves no lock behind", func(t *testing.T) {
		dir := t.TempDir()
		run := NewStore(dir)
		if err := run.Save(walkTo(t, f, now, "", "Shop"), now); err != nil {
			t.Fatal(err)
		}
		saved, _ := (Store{Dir: dir}).List()
		run.Forget(f)
		if err := saved[0].Claim(); !errors.Is(err, ErrSessionGone) {
			t.Errorf("claim: %v, want ErrSessionGone", err)
		}
		if left, _ := filepath.Glob(filepath.Join(dir, "*")); len(left) != 0 {
			t.Errorf("left behind: %v", left)
		}
	})
}

func TestStateFolderPermissions(t *testing.T) {
	if runtime.GOOS == "windows" {
		t.Skip("folder modes say nothing about other users here")
	}
	f := paymentFails(t)
	now := time.Date(2026, 6, 15, 10, 0, 0, 0, time.UTC)

	t.Run("a folder of ours that others can open is made 0700 by the first save", func(t *testing.T) {
		dir := filepath.Join(t.TempDir(), "unstuck")
		if err := os.Mkdir(dir, 0o700); err != nil {
			t.Fatal(err)
		}
		os.Chmod(dir, 0o755)
		st := NewStore(dir)
		if err := st.Save(walkTo(t, f, now, ""), now); err != nil {
			t.Fatal(err)
		}
		defer st.Close()
		if info, _ := os.Stat(dir); info.Mode().Perm() != 0o700 {
			t.Errorf("the folder is %v after a save, want 0700", info.Mode().Perm())
		}
	})
	t.Run("a folder of ours that others can open is made 0700, and the notice says so once", func(t *testing.T) {
		dir := filepath.Join(t.TempDir(), "unstuck")
		if err := os.Mkdir(dir, 0o700); err != nil {
			t.Fatal(err)
		}
		os.Chmod(dir, 0o750)
		notice, err := NewStore(dir).MakePrivate()
		if err != nil || !strings.Contains(notice, dir) || !strings.Contains(notice, "0750") || !strings.Contains(notice, "0700") {
			t.Errorf("notice %q, error %v", notice, err)
		}
		if notice, err := NewStore(dir).MakePrivate(); notice != "" || err != nil {
			t.Errorf("said again: %q, %v", notice, err)
		}
	})
	t.Run("a folder others can open that is not ours is refused, and nothing is saved in it", func(t *testing.T) {
		if os.Geteuid() != 0 {
			t.Skip("making a folder that is someone else's needs root")
		}
		dir := filepath.Join(t.TempDir(), "unstuck")
		if err := os.Mkdir(dir, 0o700); err != nil {
			t.Fatal(err)
		}
		if err := os.Chown(dir, 65534, 65534); err != nil {
			t.Skip("cannot give the folder away:", err)
		}
		os.Chmod(dir, 0o777)
		st := NewStore(dir)
		if notice, err := st.MakePrivate(); notice != "" || err == nil || !strings.Contains(err.Error(), "not yours") {
			t.Errorf("notice %q, error %v; want a refusal", notice, err)
		}
		err := st.Save(walkTo(t, f, now, ""), now)
		if err == nil || !strings.Contains(err.Error(), dir) {
			t.Errorf("save: %v, want a refusal naming the folder", err)
		}
		if left, _ := filepath.Glob(filepath.Join(dir, "*")); len(left) != 0 {
			t.Errorf("saved in a folder others can open: %v", left)
		}
		if info, _ := os.Stat(dir); info.Mode().Perm() != 0o777 {
			t.Errorf("someone else's folder was changed to %v", info.Mode().Perm())
		}
	})
}
