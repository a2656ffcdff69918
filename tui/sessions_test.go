package tui

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/unstuck-dev/unstuck/flows/session"

	tea "charm.land/bubbletea/v2"

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

func TestMenuSessionOpenElsewhere(t *testing.T) {
	f := paymentFails(t)
	now := time.Date(2026, 6, 15, 10, 0, 0, 0, time.UTC)
	dir := t.TempDir()
	other := session.NewStore(dir) // another unstuck, in this process
	if err := other.Save(walkTo(t, f, now, "", "https://shop.example.com"), now); err != nil {
		t.Fatal(err)
	}
	saved, _ := (session.Store{Dir: dir}).List()
	lib, _ := flows.Library()
	e := &env{styles: NewStyles(true, false), keys: newKeyMap(), isDark: true, now: func() time.Time { return now }, store: session.NewStore(dir)}
	menu := newMenuScreen(MenuOf(lib))
	menu.sessions = saved
	h := &harness{t: t, app: newApp(e, menu, menu)}
	h.send(tea.WindowSizeMsg{Width: 120, Height: 40})
	inUse := fmt.Sprintf("Open in another unstuck (pid %d): finish or close it there first.", os.Getpid())

	t.Run("a session open in another unstuck is shown so, and is not opened", func(t *testing.T) {
		if !strings.Contains(h.screen(), inUse) {
			t.Fatalf("the menu does not say the session is open elsewhere:\n%s", h.screen())
		}
		h.press("1")
		if _, ok := h.app.scr.(*menuScreen); !ok {
			t.Fatalf("the session open elsewhere was opened:\n%s", h.screen())
		}
	})
	t.Run("once the other unstuck let it go, it is opened and this run holds it", func(t *testing.T) {
		other.Close()
		h.press("1")
		if got := h.node(); got != "probe-store" {
			t.Fatalf("opened at %s, want probe-store:\n%s", got, h.screen())
		}
		another := session.Saved{Path: saved[0].Path} // a third unstuck
		if err := another.Claim(); !errors.As(err, new(*session.InUseError)) {
			t.Errorf("the session continued in the menu can be claimed again: %v", err)
		}
		h.press("2")
		files := jsonFiles(t, dir)
		if len(files) != 1 || files[0] != saved[0].Path {
			t.Fatalf("sessions %v, want only the continued %s", files, saved[0].Path)
		}
		if data, _ := os.ReadFile(files[0]); !strings.Contains(string(data), `"node": "connection-check"`) {
			t.Errorf("the continued run did not write on its session:\n%s", data)
		}
		e.store.Close()
	})
}
