package tui

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/unstuck-dev/unstuck/flows/session"

	"github.com/unstuck-dev/unstuck/checks"
	"github.com/unstuck-dev/unstuck/flows"
	"github.com/unstuck-dev/unstuck/flows/summary"
)

func TestStore(t *testing.T) {
	lib, _ := flows.Library()
	f := lib[0]
	now := time.Date(2026, 6, 15, 10, 0, 0, 0, time.UTC)
	t.Run("a walk is saved owner-only, without the card number, and lists as resumable", func(t *testing.T) {
		st := session.Store{Dir: t.TempDir()}
		s := flows.Start(f, now)
		for _, a := range []string{"", "Shop", "1", "1", "4242 4242 4242 4242"} {
			if _, ok := s.PendingCheck(); ok {
				s, _ = s.WithResult(checks.Result{Name: "connectivity", Status: checks.StatusSkipped, Outcome: "skipped"}, now)
			}
			next, err := s.Answer(a, now)
			if err != nil {
				t.Fatalf("answer %q at %s: %v", a, s.Node().ID, err)
			}
			s = next
		}
		if err := st.Save(s, now); err != nil {
			t.Fatal(err)
		}
		files, _ := filepath.Glob(filepath.Join(st.Dir, "*.json"))
		if len(files) != 1 {
			t.Fatalf("files %v", files)
		}
		info, _ := os.Stat(files[0])
		data, _ := os.ReadFile(files[0])
		if info.Mode().Perm() != 0o600 || strings.Contains(string(data), "4242424242424242") || strings.Contains(string(data), "4242 4242") {
			t.Errorf("mode %v; the card number must not be saved", info.Mode().Perm())
		}
		saved, problems := st.List()
		if len(saved) != 1 || len(problems) != 0 {
			t.Fatalf("saved %d, problems %v", len(saved), problems)
		}
		back := flows.Restore(f, saved[0].Snap, now)
		if back.Node().ID != "card.number" {
			t.Errorf("resumed at %s; the card number must be asked again", back.Node().ID)
		}
		st.Forget(f)
		if saved, _ := st.List(); len(saved) != 0 {
			t.Errorf("a finished walk is still listed")
		}
	})
	t.Run("a damaged or foreign file is set aside with a message, never a crash", func(t *testing.T) {
		st := session.Store{Dir: t.TempDir()}
		for name, body := range map[string]string{"broken.json": "{not json", "foreign.json": `{"kind":"something-else","version":1}`, "future.json": `{"kind":"unstuck-session","version":9}`} {
			os.WriteFile(filepath.Join(st.Dir, name), []byte(body), 0o600)
		}
		saved, problems := st.List()
		if len(saved) != 0 || len(problems) != 3 {
			t.Fatalf("saved %d, problems %q", len(saved), problems)
		}
		for _, p := range problems {
			if !strings.Contains(p, "set aside as") {
				t.Errorf("message %q", p)
			}
		}
		if aside, _ := filepath.Glob(filepath.Join(st.Dir, "*.bad")); len(aside) != 3 {
			t.Errorf("set aside: %v", aside)
		}
	})
	t.Run("saving to a folder that cannot be made is an error the UI can show", func(t *testing.T) {
		file := filepath.Join(t.TempDir(), "file")
		os.WriteFile(file, nil, 0o600)
		st := session.Store{Dir: filepath.Join(file, "sub")}
		if err := st.Save(flows.Start(f, now), now); err == nil {
			t.Errorf("no error")
		}
	})
}

func TestStaffMode(t *testing.T) {
	lib, _ := flows.Library()
	e := &env{styles: NewStyles(true, false), keys: newKeyMap(), now: func() time.Time { return fixedNow }, staff: true}
	app := newApp(e, newFlowScreen(lib[0], e), nil)
	h := &harness{t: t, app: app}
	h.send(keyMsgSize(80, 30))
	if !strings.Contains(h.screen(), "Case id") {
		t.Fatalf("the case id is not asked:\n%s", h.screen())
	}
	h.press("CASE-7", "enter")
	if !strings.Contains(h.screen(), "[welcome]") {
		t.Errorf("node ids are not shown to staff:\n%s", h.screen())
	}
	h.press("enter")
	if !strings.Contains(h.screen(), "For staff:") {
		t.Errorf("the flow's staff note is not shown:\n%s", h.screen())
	}
	h.press("Shop", "enter", "ctrl+n")
	h.press("Customer on the phone", "enter")
	h.press("1")
	fs := h.app.scr.(*flowScreen)
	tr := summary.Transcript(fs.st)
	if !strings.Contains(tr, "CASE-7") || !strings.Contains(tr, "Customer on the phone") {
		t.Errorf("the transcript lacks the case or the note:\n%s", tr)
	}
	// The history jumps back to an earlier step.
	h.press("ctrl+o")
	if !strings.Contains(h.screen(), "History") {
		t.Fatalf("no history:\n%s", h.screen())
	}
	h.press("up", "enter")
	if got := h.node(); got != "store" {
		t.Errorf("the history led to %s, want store", got)
	}
}

func TestPrefilledAnswersAreShownAndCanBeChanged(t *testing.T) {
	lib, _ := flows.Library()
	e := &env{styles: NewStyles(true, false), keys: newKeyMap(), now: func() time.Time { return fixedNow },
		prefill: map[string][]string{"store": {"Example Shoes"}, "internet": {"no"}}}
	app := newApp(e, newFlowScreen(lib[0], e), nil)
	h := &harness{t: t, app: app}
	h.send(keyMsgSize(80, 24))
	h.press("enter")
	if !strings.Contains(h.screen(), "Example Shoes") {
		t.Fatalf("the prefilled store is not shown:\n%s", h.screen())
	}
	h.press("backspace", "backspace", "backspace", "backspace", "backspace", "Boots", "enter")
	if got := h.app.scr.(*flowScreen).st.Answers()["store"].Display; got != "Example Boots" {
		t.Errorf("store = %q, want the changed answer", got)
	}
	if !strings.Contains(h.screen(), "› 2. No, or it is slow") {
		t.Errorf("the prefilled option is not the one under the cursor:\n%s", h.screen())
	}
}
