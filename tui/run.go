package tui

import (
	"context"
	"errors"
	"io"
	"sync/atomic"
	"time"

	"charm.land/lipgloss/v2"

	"github.com/unstuck-dev/unstuck/flows/session"

	tea "charm.land/bubbletea/v2"

	"github.com/unstuck-dev/unstuck/flows"
)

// Options configure a run of the full-screen UI.
type Options struct {
	In   io.Reader   // keys; nil means the terminal
	Flow *flows.Flow // run this flow; nil shows the menu of Menu
	// Menu is the library the menu offers, by heading; a flow is read when it is opened.
	Menu []MenuFlow
	// SessionFlow finds the flow a saved run of the menu was walking; nil: Saved.Flow.
	SessionFlow func(*session.Saved) (*flows.Flow, error)
	Now         func() time.Time
	// Deps is what checks reach the outside with (checks.Input.Deps), for tests; nil: the real thing.
	Deps    []any
	SaveDir string
	ASCII   bool // draw ASCII marks instead of Unicode ones
	Env     []string
	Context context.Context
	// Watch names the flow file to preview live: it is reloaded when it changes. Flow may be nil
	// when the file does not load yet; its problems are then shown until it does.
	Watch string
	// Resume continues a saved walk instead of starting Flow; Flash is said under its first step
	// (what unstuck run --from replayed).
	Resume  *flows.State
	Flash   string
	Store   session.Store       // where progress is saved; a zero Store saves nothing
	Staff   bool                // staff mode
	Prefill map[string][]string // answers to offer, by node id
	CaseID  string              // staff mode: the case, so it is not asked for
	// Sessions are saved runs the menu offers to continue; Notices are said on the menu (a saved
	// session that was set aside, say).
	Sessions []session.Saved
	Notices  []string
	// Offer is an unfinished walk of Flow: the first screen asks whether to continue it or to start
	// over (offer.go). Nil asks nothing.
	Offer *session.Saved
	Lang  string // the language of the UI's words and the menu's flows

	// ProfileKnown says stdout is a terminal too, so the colour profile lipgloss detected for it at
	// start-up (lipgloss.Writer) is the screen's: Bubble Tea takes it instead of detecting it again,
	// which under tmux runs `tmux info` a second time before the first frame (issue 15).
	ProfileKnown bool

	// UnscrubbedScreen is the raw terminal the UI draws on (stderr, so stdout can carry the summary).
	// Nothing scrubs what is written to it: App.View scrubs every frame before it is drawn.
	UnscrubbedScreen io.Writer
}

// Result is how a run ended.
type Result struct {
	Final       *flows.State // the walk at its end, when it was finished
	Finished    bool
	Interrupted bool // ctrl+c, or q before the end
	// Unfinished is set when a walk was left before its end with its progress saved, so that
	// unstuck resume can continue it (the caller says so once the screen is given back).
	Unfinished bool
	Panicked   string // where a bug stopped the UI (file:line); empty when none did
}

// suspended is set from ctrl+z (or SIGTSTP) until the UI has the terminal again after fg.
var suspended atomic.Bool

// Suspended reports whether the full-screen UI is suspended (ctrl+z): the terminal is the shell's
// then, so a signal that ends the program can end it at once, with nothing to give back. Waiting
// instead would not work: continued in the background, the UI stops again to wait for fg.
func Suspended() bool { return suspended.Load() }

// Run shows the UI until the shopper finishes or quits. The terminal is restored on every way out,
// panics included (Bubble Tea restores it before re-raising; the caller prints a short report).
func Run(opts Options) (Result, error) {
	e := &env{lang: opts.Lang, caseID: opts.CaseID, styles: NewStyles(true, opts.ASCII), keys: newKeyMap(), isDark: true, ascii: opts.ASCII,
		now: opts.Now, deps: opts.Deps, saveDir: opts.SaveDir, store: opts.Store, staff: opts.Staff, prefill: opts.Prefill}
	if e.now == nil {
		e.now = time.Now
	}
	parent := opts.Context
	if parent == nil {
		parent = context.Background()
	}
	ctx, cancel := context.WithCancel(parent)
	defer cancel() // a check still running when the program ends stops now, not at its deadline
	e.ctx = ctx
	var app *App
	switch {
	case opts.Watch != "":
		var first screen = &waitScreen{path: opts.Watch}
		if opts.Flow != nil {
			first = newFlowScreen(opts.Flow, e)
		}
		app = newApp(e, first, nil)
		app.watch = &watcher{path: opts.Watch}
		app.watch.changed() // remember the file as it is now
		if opts.Flow == nil {
			app.watch.reload()
		}
	case opts.Resume != nil:
		fs := newFlowScreenAt(*opts.Resume, e)
		fs.flash = opts.Flash
		app = newApp(e, fs, nil)
	case opts.Flow != nil && opts.Offer != nil:
		app = newApp(e, &offerScreen{flow: opts.Flow, saved: opts.Offer}, nil)
	case opts.Flow != nil:
		app = newApp(e, newFlowScreen(opts.Flow, e), nil)
	default:
		menu := newMenuScreen(opts.Menu)
		menu.sessions, menu.notices = opts.Sessions, opts.Notices
		menu.sessionFlow = opts.SessionFlow
		app = newApp(e, menu, menu)
	}
	// Signals are the caller's (its context): Bubble Tea's own handler raced with the context on
	// SIGTERM, and could hang at shutdown or end with status 0.
	popts := []tea.ProgramOption{tea.WithOutput(opts.UnscrubbedScreen), tea.WithoutSignalHandler()}
	if opts.In != nil {
		popts = append(popts, tea.WithInput(opts.In))
	}
	if opts.Env != nil {
		popts = append(popts, tea.WithEnvironment(opts.Env))
	}
	if opts.ProfileKnown && opts.Env == nil {
		popts = append(popts, tea.WithColorProfile(lipgloss.Writer.Profile))
	}
	if opts.Context != nil {
		popts = append(popts, tea.WithContext(opts.Context))
	}
	// ctrl+z and SIGTSTP suspend the UI; the signals that end it are the caller's, as said above.
	sus := newSuspender()
	popts = append(popts, tea.WithFilter(sus.filter))
	p := tea.NewProgram(app, popts...)
	stopSuspender := sus.start(p)
	m, err := p.Run()
	stopSuspender()
	if final, ok := m.(*App); ok && final != nil {
		app = final
	}
	res := Result{Final: app.final, Finished: app.finished, Interrupted: app.interrupted, Panicked: app.panicked}
	if errors.Is(err, tea.ErrInterrupted) {
		res.Interrupted, err = true, nil
	}
	if fs, ok := app.scr.(*flowScreen); ok && !app.finished {
		res.Unfinished = resumable(fs.st, opts.Store)
	}
	return res, err
}

// resumable reports whether a walk left before its end can be continued with unstuck resume: it
// was saved (an answer was given, and the store saves).
func resumable(st flows.State, store session.Store) bool {
	return store.Dir != "" && !st.Done() && st.CanGoBack()
}
