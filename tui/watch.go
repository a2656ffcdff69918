package tui

import (
	"bytes"
	"fmt"
	"os"
	"strings"
	"time"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"

	"github.com/unstuck-dev/unstuck/flows"
	"github.com/unstuck-dev/unstuck/flows/files"
	"github.com/unstuck-dev/unstuck/flows/saferead"
)

// Live preview for writers: the flow file is looked at a few times a second; when it changes it is
// linted again. Problems show on screen without quitting; a clean file restarts the flow and replays
// the answers given so far, keeping the place (the end screen too) while the answers still fit
// (flows.Replay). Polling, rather than file-system
// events, also sees editors that save by writing a new file and renaming it over the old one. The
// files the flow reads beside it (its translations, the folder's parts files and theirs) are looked
// at too: a change to a part the flow calls reloads it.

const watchEvery = 300 * time.Millisecond

type watchTickMsg struct{}

// watcher remembers what the file looked like when it was last read.
type watcher struct {
	path     string
	modTime  time.Time
	size     int64
	data     []byte
	beside   string            // the files read beside it, each with its size and time, as last seen
	looked   bool              // beside was taken at least once
	problems flows.Diagnostics // errors in the file as it is now; nil when it loads
}

// besideStamp says which files the flow reads beside it, with their sizes and times.
func besideStamp(path string) string {
	var b strings.Builder
	for _, p := range files.Companions(path) {
		if info, err := os.Stat(p); err == nil {
			fmt.Fprintf(&b, "%s\x00%d\x00%d\n", p, info.Size(), info.ModTime().UnixNano())
		}
	}
	return b.String()
}

func watchTick() tea.Cmd {
	return tea.Tick(watchEvery, func(time.Time) tea.Msg { return watchTickMsg{} })
}

// changed reports whether the file differs from the last look, reading it only when its size or
// time moved.
func (w *watcher) changed() bool {
	stamp := besideStamp(w.path)
	moved := w.looked && stamp != w.beside
	w.beside, w.looked = stamp, true
	if moved {
		w.modTime, w.size = time.Time{}, -1 // read the flow again too, and reload
		w.changedFile()
		return true
	}
	return w.changedFile()
}

// changedFile reports whether the flow file itself differs from the last look.
func (w *watcher) changedFile() bool {
	info, err := os.Stat(w.path)
	if err != nil {
		return w.data != nil || w.problems == nil
	}
	if info.ModTime().Equal(w.modTime) && info.Size() == w.size {
		return false
	}
	w.modTime, w.size = info.ModTime(), info.Size()
	data, err := saferead.ReadRegular(w.path, flows.MaxFileSize)
	if err != nil || bytes.Equal(data, w.data) {
		return err != nil
	}
	w.data = data
	return true
}

// reload lints the file again: it returns the new flow when it loads, else keeps the problems.
func (w *watcher) reload() *flows.Flow {
	f, diags := files.LoadFile(w.path)
	if diags.HasErrors() {
		w.problems = diags
		return nil
	}
	w.problems = nil
	return f
}

// onWatchTick is the root's part of the preview: reload when the file changed, then look again later.
func (a *App) onWatchTick() tea.Cmd {
	w := a.watch
	if !w.changed() {
		return watchTick()
	}
	f := w.reload()
	if f == nil {
		return watchTick()
	}
	switch scr := a.scr.(type) {
	case *flowScreen:
		scr.st = flows.Replay(scr.st, f, a.env.now())
		scr.flash = "Reloaded " + w.path + "."
		scr.enter(a.env)
		return tea.Batch(scr.afterMove(a.env), watchTick())
	default:
		fs := newFlowScreen(f, a.env)
		a.scr, a.scroll = fs, 0
		return tea.Batch(fs.init(a.env), watchTick())
	}
}

// problemsView draws the current problems of the watched file above the screen's own body.
func (a *App) problemsView(width int) string {
	if a.watch == nil || a.watch.problems == nil {
		return ""
	}
	s := a.env.styles
	var b strings.Builder
	b.WriteString(s.Problem.Render(s.Marks.Problem+" The flow file has problems; fix them and save to reload:") + "\n")
	for i, d := range a.watch.problems {
		if i == 5 {
			b.WriteString(s.Faint.Render("  … and more: run unstuck lint "+a.watch.path) + "\n")
			break
		}
		b.WriteString(hang("  ", "    ", flows.Sanitize(d.String()), width, s.Error) + "\n")
	}
	return b.String() + "\n"
}

// waitScreen stands in for the flow while the watched file does not load yet.
type waitScreen struct{ path string }

func (w *waitScreen) init(*env) tea.Cmd                      { return nil }
func (w *waitScreen) title() string                          { return "unstuck: " + w.path }
func (w *waitScreen) progress(e *env) string                 { return e.t("watching") }
func (w *waitScreen) typing() bool                           { return false }
func (w *waitScreen) update(tea.Msg, *env) (screen, tea.Cmd) { return w, nil }
func (w *waitScreen) helpKeys(e *env) []key.Binding          { return []key.Binding{e.keys.Quit} }
func (w *waitScreen) view(e *env) body {
	return body{text: "Waiting for " + w.path + " to load. Save it with the problems above fixed.\n", focus: -1}
}
