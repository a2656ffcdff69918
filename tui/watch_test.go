package tui

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	tea "charm.land/bubbletea/v2"

	"github.com/unstuck-dev/unstuck/flows/files"
)

// watched starts the live preview of a flow file written in a temporary folder, and returns the
// harness and a function that saves a new version of the file.
func watched(t *testing.T, flow string) (*harness, func(string)) {
	t.Helper()
	path := filepath.Join(t.TempDir(), "flow.yaml")
	saves := 0
	write := func(text string) {
		t.Helper()
		if err := os.WriteFile(path, []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
		saves++ // a time that moves with every save, however fast the test runs
		later := time.Now().Add(time.Duration(saves) * time.Hour)
		os.Chtimes(path, later, later)
	}
	write(flow)
	h := watchFile(t, path)
	return h, func(text string) { write(text); h.send(watchTickMsg{}) }
}

// watchFile starts the live preview of the flow file at path, at 80x24.
func watchFile(t *testing.T, path string) *harness {
	t.Helper()
	f, diags := files.LoadFile(path)
	if diags.HasErrors() {
		t.Fatal(diags.Error())
	}
	e := &env{styles: NewStyles(true, false), keys: newKeyMap(), now: func() time.Time { return fixedNow }}
	app := newApp(e, newFlowScreen(f, e), nil)
	app.watch = &watcher{path: path}
	app.watch.changed()
	h := &harness{t: t, app: app}
	h.send(tea.WindowSizeMsg{Width: 80, Height: 24})
	return h
}

const watchedFlow = `flow: w
title: Watched
start: amount
nodes:
  amount:
    kind: input
    text: How much?
    label: Amount
    input: { type: money }
    next: why
  why:
    kind: input
    text: Why?
    input: { type: text }
    next: done
  done: { kind: end, title: Done }
`

func TestWatchKeepsTheAnswersAndThePlace(t *testing.T) {
	t.Run("a reload on the end screen stays on the end screen", func(t *testing.T) {
		h, save := watched(t, watchedFlow)
		h.press("42", "enter", "late", "enter")
		if h.node() != "done" {
			t.Fatalf("at %s", h.node())
		}
		save(strings.Replace(watchedFlow, "Why?", "Why did it fail?", 1))
		if h.node() != "done" || !strings.Contains(h.screen(), "Reloaded") {
			t.Errorf("the reload left the end screen:\n%s", h.screen())
		}
	})
	t.Run("going back after a reload shows the earlier answer in the field", func(t *testing.T) {
		h, save := watched(t, watchedFlow)
		h.press("42", "enter", "late", "enter")
		save(strings.Replace(watchedFlow, "How much?", "How much was it?", 1))
		h.press("esc")
		if got := h.app.scr.(*flowScreen).field.value(); h.node() != "why" || got != "late" {
			t.Errorf("back at %s with %q in the field, want why with \"late\"", h.node(), got)
		}
	})
	t.Run("a reload while back at a question keeps the answer in the field", func(t *testing.T) {
		h, save := watched(t, watchedFlow)
		h.press("42", "enter", "late", "enter", "esc")
		save(strings.Replace(watchedFlow, "Why?", "Why did it fail?", 1))
		if got := h.app.scr.(*flowScreen).field.value(); h.node() != "why" || got != "late" {
			t.Errorf("at %s with %q in the field, want why with \"late\"", h.node(), got)
		}
	})
	t.Run("a syntax error is shown at the line to change", func(t *testing.T) {
		h, save := watched(t, watchedFlow)
		save(strings.Replace(watchedFlow, "    next: why", "   next: why", 1))
		if !strings.Contains(h.screen(), "flow.yaml:10:4: error syntax") {
			t.Errorf("the problem is not shown at line 10:\n%s", h.screen())
		}
	})
}

// A change to a parts file beside the flow reloads it: the preview shows the part as it is now.
func TestWatchReloadsWhenAPartItCallsChanges(t *testing.T) {
	dir := t.TempDir()
	part := filepath.Join(dir, "team.parts.yaml")
	writeAt := func(path, text string, hours int) {
		t.Helper()
		if err := os.WriteFile(path, []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
		later := time.Now().Add(time.Duration(hours) * time.Hour)
		os.Chtimes(path, later, later)
	}
	const parts = "parts:\n  greet:\n    start: hi\n    nodes:\n      hi: { kind: message, title: Hello from the part, text: First words., next: out }\n      out: { kind: return }\n"
	writeAt(part, parts, 1)
	path := filepath.Join(dir, "flow.yaml")
	writeAt(path, "flow: w\ntitle: Watched\nstart: call\nnodes:\n  call: { kind: call, part: greet, next: done }\n  done: { kind: end, title: Done }\n", 1)
	h := watchFile(t, path)
	if !strings.Contains(h.screen(), "First words.") {
		t.Fatalf("the part's step is not shown:\n%s", h.screen())
	}
	h.send(watchTickMsg{})
	if strings.Contains(h.screen(), "Reloaded") {
		t.Fatalf("reloaded with nothing changed:\n%s", h.screen())
	}
	writeAt(part, strings.Replace(parts, "First words.", "Other words.", 1), 2)
	h.send(watchTickMsg{})
	if s := h.screen(); !strings.Contains(s, "Other words.") || !strings.Contains(s, "Reloaded") {
		t.Errorf("the change to the part was not reloaded:\n%s", s)
	}
}
