package tui

import (
	"context"
	"fmt"
	"path/filepath"
	"runtime"
	"strings"
	"time"

	"github.com/unstuck-dev/unstuck/flows/session"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"
	"charm.land/lipgloss/v2"
	"github.com/charmbracelet/x/ansi"

	"github.com/unstuck-dev/unstuck/checks/redact"
	"github.com/unstuck-dev/unstuck/flows"
)

// env is what every screen shares: the terminal's size, the styles, the keys and the outside world
// (clock, network, where to save), so tests can fix all of it.
type env struct {
	width, height int
	styles        Styles
	keys          keyMap
	isDark, ascii bool
	now           func() time.Time
	deps          []any // what checks reach the outside with (checks.Input.Deps); nil: the real thing
	saveDir       string
	store         session.Store       // where progress is saved after every answer
	staff         bool                // staff mode: node ids, staff notes, case id, notes, history
	prefill       map[string][]string // answers to offer, by node id (--set, --answers)
	caseID        string              // staff mode: given on the command line, so not asked
	saveWarned    bool                // a failed save was reported already
	lang          string              // the language of the UI's own words
	styleGen      int                 // bumped when the styles change, so drawn parts are redrawn
	ctx           context.Context     // ends when the program does: a running check stops with it
	prefillUsed   map[string]int
}

// t translates one of the UI's own texts into the UI's language.
func (e *env) t(english string) string { return flows.Word(e.lang, english) }

// tf translates a format with a count in it and fills it in: the plural form is the one the count
// asks for. Ids (a pid) go through t and fmt, so they are not grouped like amounts.
func (e *env) tf(english string, args ...any) string { return flows.Wordf(e.lang, english, args...) }

// audience is who the flows are walked for.
func (e *env) audience() string {
	if e.staff {
		return flows.AudienceStaff
	}
	return flows.AudienceShopper
}

// save writes the walk to the store; it returns a sentence to show when that failed.
func (e *env) save(st flows.State) string {
	if err := e.store.Save(st, e.now()); err != nil && !e.saveWarned {
		e.saveWarned = true // said once; the walk goes on either way
		return fmt.Sprintf(e.t("Your progress could not be saved (%s); you can go on, but it cannot be resumed later."), err.Error())
	}
	return ""
}

// screen is one page of the app: the menu, or a flow being walked.
type screen interface {
	init(e *env) tea.Cmd // the first command, when the screen opens
	update(msg tea.Msg, e *env) (screen, tea.Cmd)
	// view draws the body; header and footer come from title, progress and helpKeys.
	view(e *env) body
	title() string
	progress(e *env) string
	helpKeys(e *env) []key.Binding
	typing() bool // a text field has the keys, so single letters are text, not commands
}

// body is a screen's content, with the line that must stay visible when it is taller than the window.
type body struct {
	text  string
	focus int   // a line to keep in view, or -1
	rows  []int // where each option starts, then where the last ends (for mouse clicks)
}

// clickMsg is a left click on line row of the body (scrolling already taken into account).
type clickMsg struct{ row int }

// Messages screens send to the root.
type (
	openFlowMsg struct {
		flow   *flows.Flow
		resume *flows.State // continue a saved walk instead of starting
	}
	backToMenuMsg struct{}
	finishMsg     struct{ st flows.State } // leave the program; the caller prints the summary
)

// App is the root model: it owns the screen, the size, the help overlay and the way out.
type App struct {
	env         *env
	scr         screen
	menu        screen // where esc on a flow's first step returns to; nil when a flow was named
	showHelp    bool
	scroll      int          // the body line at the top, or -1 to follow the focus
	top         int          // the body line drawn at the top last time
	frame       string       // the screen as the last message left it: View hands it over
	final       *flows.State // the walk at the end, when it was finished
	finished    bool
	interrupted bool
	watch       *watcher // set in live preview (run FILE --watch)
	panicked    string   // where a bug stopped the UI (file:line), for a short report
}

func newApp(e *env, first screen, menu screen) *App {
	return &App{env: e, scr: first, menu: menu}
}

// Init asks the terminal for its background colour, so the styles fit it.
func (a *App) Init() tea.Cmd {
	cmds := []tea.Cmd{tea.RequestBackgroundColor, a.scr.init(a.env)}
	if a.watch != nil {
		cmds = append(cmds, watchTick())
	}
	return tea.Batch(cmds...)
}

// Update routes messages: the root handles size, colour, help, quitting and changes of screen, and
// hands the rest to the current screen.
func (a *App) Update(msg tea.Msg) (m tea.Model, cmd tea.Cmd) {
	if a.panicked != "" {
		return a, tea.Quit // View failed earlier; leave on the next message
	}
	// A bug must not leave the terminal in raw mode or print answers in a stack trace: the panic is
	// caught here, the program quits the normal way (restoring the terminal), and the caller prints
	// a short report with no answers in it.
	defer func() {
		if r := recover(); r != nil {
			a.panicked = panicPlace()
			m, cmd = a, tea.Quit
		}
	}()
	m, cmd = a.update(msg)
	a.settle()
	return m, cmd
}

// settle lays the screen out after a message and keeps where the page stands (the scroll and the
// top line, for clicks) and the frame itself, so that View only hands over what Update decided.
func (a *App) settle() {
	f := a.layout()
	a.scroll, a.top, a.frame = f.scroll, f.top, f.text
}

func (a *App) update(msg tea.Msg) (tea.Model, tea.Cmd) {
	switch msg := msg.(type) {
	case tea.WindowSizeMsg:
		a.env.width, a.env.height = msg.Width, msg.Height
		return a, nil
	case tea.BackgroundColorMsg:
		a.env.isDark = msg.IsDark()
		a.env.styles = NewStyles(a.env.isDark, a.env.ascii)
		a.env.styleGen++
		return a, nil
	case openFlowMsg:
		var fs *flowScreen
		if msg.resume != nil {
			fs = newFlowScreenAt(*msg.resume, a.env)
		} else {
			fs = newFlowScreen(msg.flow, a.env)
		}
		a.scr, a.scroll, a.showHelp = fs, 0, false
		return a, fs.init(a.env)
	case backToMenuMsg:
		if a.menu != nil {
			a.scr, a.scroll = a.menu, 0
		}
		return a, nil
	case watchTickMsg:
		if a.watch == nil {
			return a, nil
		}
		return a, a.onWatchTick()
	case tea.ResumeMsg:
		return a, tea.ClearScreen // back from ctrl+z: the shell drew over the screen; draw all of it again
	case showHelpMsg:
		a.showHelp = true
		return a, nil
	case quitNowMsg:
		a.interrupted = true
		return a, tea.Quit
	case finishMsg:
		st := msg.st
		a.final, a.finished = &st, true
		a.env.store.Forget(st.Flow())
		return a, tea.Quit
	case tea.KeyPressMsg:
		if m, cmd, done := a.key(msg); done {
			return m, cmd
		}
	case tea.MouseClickMsg:
		if msg.Button != tea.MouseLeft || a.showHelp {
			return a, nil
		}
		var cmd tea.Cmd
		a.scr, cmd = a.scr.update(clickMsg{row: msg.Y - 2 + a.top}, a.env)
		return a, cmd
	case tea.MouseWheelMsg:
		if msg.Button == tea.MouseWheelUp {
			a.scroll = max(0, a.scroll-2)
		} else {
			a.scroll += 2
		}
		return a, nil
	}
	before := a.scr
	var cmd tea.Cmd
	a.scr, cmd = a.scr.update(msg, a.env)
	if _, isKey := msg.(tea.KeyPressMsg); isKey || a.scr != before {
		a.scroll = -1 // follow the focus again after the shopper acts
	}
	return a, cmd
}

// key handles the keys the root answers to itself: quitting, suspending, help and scrolling. done is
// false for the keys it leaves to the screen.
func (a *App) key(msg tea.KeyPressMsg) (m tea.Model, cmd tea.Cmd, done bool) {
	k := a.env.keys
	switch {
	case key.Matches(msg, k.Interrupt):
		a.interrupted = true
		return a, tea.Quit, true
	case msg.String() == "ctrl+z":
		// Suspend, as in a shell: the terminal is given back until fg (the suspender does it).
		return a, tea.Suspend, true
	case a.showHelp:
		// Any key closes the help; q still quits, as it would without the help.
		a.showHelp = false
		if key.Matches(msg, k.Quit) && !a.scr.typing() {
			return a.quit()
		}
		return a, nil, true
	case msg.String() == "f1" || (msg.String() == "?" && !a.scr.typing()):
		a.showHelp = true
		return a, nil, true
	case msg.String() == "pgup":
		a.scroll = max(0, a.scroll-max(1, a.bodyHeight()-1))
		return a, nil, true
	case msg.String() == "pgdown":
		a.scroll += max(1, a.bodyHeight()-1)
		return a, nil, true
	case key.Matches(msg, k.Quit) && !a.scr.typing():
		return a.quit()
	}
	return a, nil, false
}

// quit is q: on the end screen it finishes (the summary is printed); at the menu nothing was begun,
// so it is no interruption (exit 0); leaving a walk before its end is one (exit 130), whichever
// key did it.
func (a *App) quit() (tea.Model, tea.Cmd, bool) {
	if fs, ok := a.scr.(*flowScreen); ok && fs.st.Done() {
		m, cmd := a.Update(finishMsg{st: fs.st})
		return m, cmd, true
	}
	if a.menu != nil && a.scr == a.menu {
		return a, tea.Quit, true
	}
	if fs, ok := a.scr.(*flowScreen); ok && fs.askQuit(a.env) {
		return a, nil, true // answers would be left: it asks first (confirm.go)
	}
	a.interrupted = true
	return a, tea.Quit, true
}

// minWidth and minHeight are the smallest window the app draws in; below it, it asks for more room.
const minWidth, minHeight = 24, 8

func (a *App) bodyHeight() int {
	return max(1, a.env.height-4)
}

// View draws header, body and help bar, fitted to the window.
func (a *App) View() (v tea.View) {
	defer func() {
		if r := recover(); r != nil {
			a.panicked = panicPlace()
			v = tea.NewView(a.env.t("unstuck hit an internal error. Press any key to quit; your progress is saved."))
		}
	}()
	// Every frame is scrubbed whole: the screen is written raw (Bubble Tea sends only what changed),
	// so this is the one place a card number on the screen can be caught.
	text := a.frame
	if text == "" { // before the first message
		text = a.layout().text
	}
	v = tea.NewView(redact.String(text))
	v.AltScreen = true
	v.MouseMode = tea.MouseModeCellMotion
	v.WindowTitle = "unstuck"
	return v
}

// frame is a laid-out screen: its text, the first body line shown, and the scroll to keep.
type frame struct {
	text        string
	top, scroll int
}

// render draws the screen as the state stands; it changes nothing.
func (a *App) render() string { return a.layout().text }

// layout draws the screen and works out where the page stands, without changing anything: Update
// keeps what it returns (settle).
func (a *App) layout() frame {
	e := a.env
	s := e.styles
	w, h := e.width, e.height
	if w == 0 || h == 0 {
		w, h = 80, 24
	}
	if w < minWidth || h < minHeight {
		msg := fmt.Sprintf(e.t("This window is too small (%dx%d). Make it at least %dx%d, or press ctrl+c to quit."), w, h, minWidth, minHeight)
		return frame{text: ansi.Wrap(msg, max(1, w), ""), top: a.top, scroll: a.scroll}
	}
	inner := w - 2 // the app's padding
	progress := a.scr.progress(e)
	if lipgloss.Width(progress) > inner/2 {
		progress = ""
	}
	title := ansi.Truncate(a.scr.title(), max(1, inner-lipgloss.Width(progress)-1), "…")
	gap := max(1, inner-lipgloss.Width(title)-lipgloss.Width(progress))
	header := s.Header.Render(title) + strings.Repeat(" ", gap) + s.Progress.Render(progress)
	if lipgloss.Width(title)+lipgloss.Width(progress)+1 > inner {
		header = s.Header.Render(ansi.Truncate(title, inner, "…"))
	}
	rule := s.Rule.Render(strings.Repeat("─", inner))

	var content body
	var footer string
	if a.showHelp {
		content = body{text: a.helpView(inner), focus: -1}
		footer = s.Help.Render(e.t("press any key to close this help"))
	} else {
		content = a.scr.view(e)
		if p := a.problemsView(inner); p != "" {
			content.text = p + content.text
			if content.focus >= 0 {
				content.focus += strings.Count(p, "\n")
			}
		}
		footer = a.shortHelp(inner)
	}
	bodyH := h - 4
	lines, focus := wrapLines(content.text, inner, content.focus)
	content.focus = focus
	top := a.scroll
	if top < 0 { // follow the focus line
		top = 0
		if content.focus >= bodyH {
			top = content.focus - bodyH + 2
		}
	}
	top = min(top, max(0, len(lines)-bodyH))
	scroll := a.scroll
	if top > 0 || len(lines) > bodyH {
		scroll = top
	}
	more := ""
	if len(lines) > bodyH {
		visible := lines[top:min(len(lines), top+bodyH)]
		if top+bodyH < len(lines) {
			more = s.Faint.Render("↓ " + e.t("more below (pgdn)"))
			visible = visible[:len(visible)-1]
			visible = append(visible, more)
		}
		lines = visible
	}
	for len(lines) < bodyH {
		lines = append(lines, "")
	}
	var out strings.Builder
	out.Grow((w + 16) * h)
	for _, l := range append(append([]string{header, rule}, lines...), rule, footer) {
		out.WriteString(" ") // the app's padding
		out.WriteString(l)
		out.WriteString("\n")
	}
	return frame{text: strings.TrimSuffix(out.String(), "\n"), top: top, scroll: scroll}
}

func (a *App) shortHelp(width int) string {
	s := a.env.styles
	var parts []string
	for _, b := range a.scr.helpKeys(a.env) {
		if !b.Enabled() {
			continue
		}
		h := b.Help()
		parts = append(parts, s.Key.Render(h.Key)+" "+s.Help.Render(a.env.t(h.Desc)))
	}
	out := ""
	for _, p := range parts {
		next := p
		if out != "" {
			next = out + s.Help.Render(" · ") + p
		}
		if lipgloss.Width(next) > width {
			break
		}
		out = next
	}
	return out
}

func (a *App) helpView(width int) string {
	s := a.env.styles
	k := a.env.keys
	var b strings.Builder
	b.WriteString(s.Title.Render(a.env.t("Keys")) + "\n\n")
	for _, row := range []struct {
		b    key.Binding
		desc string
	}{
		{k.Up, "move up the list"}, {k.Down, "move down the list"}, {k.Number, "pick the answer with that number"},
		{k.Pick, "choose the answer, submit what you typed, or continue"}, {k.Back, "go back a step (on the first step: the menu)"},
		{k.Restart, "start the flow again"}, {k.Copy, "copy the summary (end screen)"}, {k.Save, "save the summary to a file (end screen)"},
		{k.Scroll, "scroll a long page"}, {k.Help, "show or hide this help"}, {k.Quit, "quit (on the end screen: finish and print the summary)"},
		{k.Interrupt, "quit at once, from anywhere"},
	} {
		fmt.Fprintf(&b, "%s  %s\n", s.Key.Render(fmt.Sprintf("%-9s", row.b.Help().Key)), a.env.t(row.desc))
	}
	b.WriteString("\n" + a.env.t("In a text field, letters are typed; use esc to go back and ctrl+c to quit.") + "\n")
	if hs, ok := a.scr.(interface{ nodeHelp(*env) string }); ok {
		if txt := hs.nodeHelp(a.env); txt != "" {
			b.WriteString("\n" + s.Title.Render(a.env.t("About this step")) + "\n" + txt + "\n")
		}
	}
	return b.String()
}

// hang wraps text to width, starting with first and indenting the lines after it with rest, and
// styles each line on its own so that the wrap never splits a style.
func hang(first, rest, text string, width int, style lipgloss.Style) string {
	w := max(4, width-lipgloss.Width(first))
	lines := strings.Split(ansi.Wrap(text, w, ""), "\n")
	for i, l := range lines {
		prefix := rest
		if i == 0 {
			prefix = first
		}
		lines[i] = style.Render(prefix + l)
	}
	return strings.Join(lines, "\n")
}

// gutter puts first before the first line of block and rest before each line after it.
func gutter(first, rest, block string) string {
	return first + strings.ReplaceAll(block, "\n", "\n"+rest)
}

// panicPlace names where a panic happened (the first frame in unstuck's own code), and nothing else:
// a panic's value could hold an answer.
func panicPlace() string {
	pcs := make([]uintptr, 32)
	n := runtime.Callers(3, pcs)
	frames := runtime.CallersFrames(pcs[:n])
	for {
		f, more := frames.Next()
		if strings.Contains(f.Function, "unstuck-dev/unstuck/") {
			return fmt.Sprintf("%s:%d", filepath.Base(f.File), f.Line)
		}
		if !more {
			return "unknown place"
		}
	}
}

// wrapLines folds the lines of text that are wider than width, and says where line focus ends up.
// Screens fold their own text, so this is a safety net; most lines take the fast path (a line of
// at most width bytes cannot be wider than width cells).
func wrapLines(text string, width, focus int) ([]string, int) {
	lines := strings.Split(text, "\n")
	out := lines[:0:0]
	newFocus := focus
	for i, l := range lines {
		if i == focus {
			newFocus = len(out)
		}
		if len(l) <= width || ansi.StringWidth(l) <= width {
			out = append(out, l)
			continue
		}
		out = append(out, strings.Split(ansi.Wrap(l, width, ""), "\n")...)
	}
	return out, newFocus
}
