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
	hasMenu       bool // the walk began at the menu, so esc on its first step goes back there
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
func (e *env) t(english string) string { return e.plain(flows.Word(e.lang, english)) }

// tf translates a format with a count in it and fills it in: the plural form is the one the count
// asks for. Ids (a pid) go through t and fmt, so they are not grouped like amounts.
func (e *env) tf(english string, args ...any) string {
	return e.plain(flows.Wordf(e.lang, english, args...))
}

// plain is the UI's own text as the terminal can draw it: in ASCII mode its punctuation and arrows
// are ASCII too.
func (e *env) plain(text string) string {
	if e.ascii {
		return asciiFold.Replace(text)
	}
	return text
}

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
	pageScroll  int          // the page's scroll while the help is open over it
	top         int          // the body line drawn at the top last time
	bodyH       int          // how many body lines the last frame had room for
	cursor      bool         // the body has a line to follow (an option, a field): arrows are the screen's
	frame       string       // the screen as the last message left it: View hands it over
	final       *flows.State // the walk at the end, when it was finished
	finished    bool
	interrupted bool
	watch       *watcher // set in live preview (run FILE --watch)
	panicked    string   // where a bug stopped the UI (file:line), for a short report
}

func newApp(e *env, first screen, menu screen) *App {
	e.hasMenu = menu != nil
	return &App{env: e, scr: first, menu: menu, scroll: -1}
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
	a.scroll, a.top, a.frame, a.bodyH, a.cursor = f.scroll, f.top, f.text, f.bodyH, f.cursor
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
		a.closeHelp()
		a.scr, a.scroll = fs, -1
		return a, fs.init(a.env)
	case backToMenuMsg:
		if a.menu != nil {
			a.scr, a.scroll = a.menu, -1
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
		a.openHelp()
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
		a.scroll = -1 // the next step follows its highlight, as after a key
		return a, cmd
	case tea.MouseWheelMsg:
		if msg.Button == tea.MouseWheelUp {
			a.scroll = max(0, a.top-2)
		} else {
			a.scroll = a.top + 2
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
		// The help scrolls like a page and closes with esc, ? or F1 (or enter); q still quits, as
		// it would without the help. Other keys do nothing, so a key meant to scroll never closes it.
		switch {
		case a.scrollKey(msg, true):
		case key.Matches(msg, k.Quit) && !a.scr.typing():
			a.closeHelp()
			return a.quit()
		case key.Matches(msg, k.Back, k.Help, k.Pick):
			a.closeHelp()
		}
		return a, nil, true
	case msg.String() == "f1" || (msg.String() == "?" && !a.scr.typing()):
		a.openHelp()
		return a, nil, true
	case a.scrollKey(msg, !a.cursor && !a.scr.typing()):
		return a, nil, true
	case key.Matches(msg, k.Quit) && !a.scr.typing():
		return a.quit()
	}
	return a, nil, false
}

// scrollKey scrolls the page for pgup/pgdn, and, when lines is true (no cursor on the page, or
// the help), for the arrows, j/k, home/end and g/G too. It reports whether it took the key.
func (a *App) scrollKey(msg tea.KeyPressMsg, lines bool) bool {
	page := max(1, a.bodyHeight()-2)
	k := a.env.keys
	switch s := msg.String(); { // from the line at the top now, whether it followed the focus or not
	case s == "pgup":
		a.scroll = max(0, a.top-page)
	case s == "pgdown":
		a.scroll = a.top + page
	case !lines:
		return false
	case key.Matches(msg, k.Up):
		a.scroll = max(0, a.top-1)
	case key.Matches(msg, k.Down):
		a.scroll = a.top + 1
	case s == "home" || s == "g":
		a.scroll = 0
	case s == "end" || s == "G":
		a.scroll = maxScroll // layout stops it at the last line
	default:
		return false
	}
	return true
}

// maxScroll is a scroll past any page's end: layout brings it back to the last line.
const maxScroll = 1 << 30

// openHelp shows the help from its top; the page keeps its place under it.
func (a *App) openHelp() {
	if !a.showHelp {
		a.showHelp, a.pageScroll, a.scroll = true, a.scroll, 0
	}
}

func (a *App) closeHelp() {
	if a.showHelp {
		a.showHelp, a.scroll, a.top = false, a.pageScroll, max(0, a.pageScroll)
	}
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

// bodyHeight is how many body lines the last frame had room for.
func (a *App) bodyHeight() int {
	if a.bodyH > 0 {
		return a.bodyH
	}
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
	bodyH       int  // the body lines there was room for
	cursor      bool // the body has a line to follow
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
		return frame{text: ansi.Wrap(msg, max(1, w), ""), top: a.top, scroll: a.scroll, bodyH: a.bodyH, cursor: a.cursor}
	}
	inner := w - 2 // the app's padding
	progress := a.scr.progress(e)
	if lipgloss.Width(progress) > inner/2 {
		progress = ""
	}
	title := ansi.Truncate(a.scr.title(), max(1, inner-lipgloss.Width(progress)-1), s.Marks.Ellipsis)
	gap := max(1, inner-lipgloss.Width(title)-lipgloss.Width(progress))
	header := s.Header.Render(title) + strings.Repeat(" ", gap) + s.Progress.Render(progress)
	if lipgloss.Width(title)+lipgloss.Width(progress)+1 > inner {
		header = s.Header.Render(ansi.Truncate(title, inner, s.Marks.Ellipsis))
	}
	rule := s.Rule.Render(strings.Repeat(s.Marks.Rule, inner))

	var content body
	var footer []string
	if a.showHelp {
		content = body{text: a.helpView(inner), focus: -1}
		footer = a.footer(a.helpOverlayKeys(), inner)
	} else {
		content = a.scr.view(e)
		if p := a.problemsView(inner); p != "" {
			content.text = p + content.text
			if content.focus >= 0 {
				content.focus += strings.Count(p, "\n")
			}
			for i := range content.rows {
				content.rows[i] += strings.Count(p, "\n")
			}
		}
		footer = a.footer(a.scr.helpKeys(e), inner)
	}
	bodyH := max(1, h-3-len(footer))
	content.text = strings.TrimSuffix(content.text, "\n")
	focus, focusEnd := focusRange(content)
	lines, starts := wrapLines(content.text, inner)
	if focus >= 0 {
		focus, focusEnd = starts[focus], starts[focusEnd+1]-1
	}
	view := bodyH
	if len(lines) > bodyH {
		view = bodyH - 1 // the last line says where the page stands
	}
	top := a.scroll
	if top < 0 { // follow the focus: all of it in view, with a line after it when there is one
		top = 0
		if focus >= 0 {
			top = max(0, min(focusEnd+1, len(lines)-1)-view+1)
			top = min(top, focus)
		}
	}
	top = max(0, min(top, len(lines)-view))
	scroll := a.scroll // -1 keeps following the focus; a place scrolled to is kept inside the page
	if scroll >= 0 {
		scroll = top
	}
	if len(lines) > bodyH {
		lines = append(lines[top:top+view:top+view], a.position(top, view, len(lines)))
	}
	for len(lines) < bodyH {
		lines = append(lines, "")
	}
	var out strings.Builder
	out.Grow((w + 16) * h)
	for _, l := range append(append(append([]string{header, rule}, lines...), rule), footer...) {
		out.WriteString(" ") // the app's padding
		out.WriteString(l)
		out.WriteString("\n")
	}
	return frame{text: strings.TrimSuffix(out.String(), "\n"), top: top, scroll: scroll, bodyH: bodyH, cursor: content.focus >= 0}
}

// focusRange is the first and last body line of what has the focus: the whole option (or menu
// item) the focus line is in, or the focus line alone; -1 when nothing has it.
func focusRange(b body) (first, last int) {
	if b.focus < 0 {
		return -1, -1
	}
	lines := strings.Count(b.text, "\n") + 1
	first, last = min(b.focus, lines-1), min(b.focus, lines-1)
	for i := 0; i+1 < len(b.rows); i++ {
		if b.rows[i] <= b.focus && b.focus < b.rows[i+1] {
			first, last = b.rows[i], min(b.rows[i+1]-1, lines-1)
		}
	}
	return first, last
}

// position says which lines of a long page are in view, and which way it goes on.
func (a *App) position(top, view, total int) string {
	e := a.env
	m := e.styles.Marks
	above, below := top > 0, top+view < total
	text := m.Both + " " + fmt.Sprintf(e.t("lines %d–%d of %d"), top+1, top+view, total)
	switch {
	case !above:
		text = m.Below + " " + fmt.Sprintf(e.t("lines %d–%d of %d"), top+1, top+view, total) + " (" + "pgdn" + ")"
	case !below:
		text = m.Above + " " + fmt.Sprintf(e.t("lines %d–%d of %d"), top+1, top+view, total) + " (" + "pgup" + ")"
	}
	return e.styles.Faint.Render(text)
}

// essential keys stay in the help bar at any size: the way out, the help and the main action.
func essential(b key.Binding) bool {
	for _, k := range b.Keys() {
		switch k {
		case "q", "ctrl+c", "?", "f1", "enter":
			return true
		}
	}
	return false
}

// footer is the help bar: the screen's keys on one line, leaving out the less important ones
// (from the right) when the window is narrow; the essential ones stay, on a second line if need be.
func (a *App) footer(bindings []key.Binding, width int) []string {
	s := a.env.styles
	type part struct {
		text string
		keep bool
	}
	var parts []part
	for _, b := range bindings {
		if !b.Enabled() {
			continue
		}
		h := b.Help()
		parts = append(parts, part{s.Key.Render(a.env.plain(h.Key)) + " " + s.Help.Render(a.env.t(h.Desc)), essential(b)})
	}
	sep := s.Help.Render(s.Marks.Sep)
	join := func(ps []part) string {
		texts := make([]string, len(ps))
		for i, p := range ps {
			texts[i] = p.text
		}
		return strings.Join(texts, sep)
	}
	for lipgloss.Width(join(parts)) > width {
		drop := -1
		for i := len(parts) - 1; i >= 0; i-- {
			if !parts[i].keep {
				drop = i
				break
			}
		}
		if drop < 0 {
			break
		}
		parts = append(parts[:drop], parts[drop+1:]...)
	}
	// What is left is essential: as many lines as it takes (two at the smallest size).
	var out []string
	line := []part{}
	for _, p := range parts {
		if len(line) > 0 && lipgloss.Width(join(append(line, p))) > width {
			out = append(out, join(line))
			line = nil
		}
		line = append(line, p)
	}
	if len(line) > 0 || len(out) == 0 {
		out = append(out, join(line))
	}
	for i, l := range out {
		if lipgloss.Width(l) > width {
			out[i] = ansi.Truncate(l, width, "")
		}
	}
	return out
}

// helpOverlayKeys are the keys of the help itself.
func (a *App) helpOverlayKeys() []key.Binding {
	k := a.env.keys
	closeIt := key.NewBinding(key.WithKeys("esc", "?"), key.WithHelp("esc/?", "close"))
	scroll := key.NewBinding(key.WithKeys("pgdown"), key.WithHelp("↑/↓ pgup/pgdn", "scroll"))
	quit := k.Quit
	if a.scr.typing() {
		quit = k.Interrupt
	}
	return []key.Binding{closeIt, scroll, quit}
}

// keyRow is one line of the help: a key and what it does on this screen.
type keyRow struct{ key, desc string }

// keyRower is a screen whose keys differ from a flow step's (the menu): it lists its own.
type keyRower interface{ keyRows(e *env) []keyRow }

// flowKeyRows are the keys of a flow's steps.
func flowKeyRows(e *env) []keyRow {
	k := e.keys
	back := "go back a step"
	if e.hasMenu {
		back = "go back a step (on the first step: the menu)"
	}
	return []keyRow{
		{k.Up.Help().Key, "move up the list"}, {k.Down.Help().Key, "move down the list"}, {k.Number.Help().Key, "pick the answer with that number"},
		{k.Pick.Help().Key, "choose the answer, submit what you typed, or continue"}, {k.Back.Help().Key, back},
		{k.Restart.Help().Key, "start the flow again"}, {k.Copy.Help().Key, "copy the summary (end screen)"}, {k.Save.Help().Key, "save the summary to a file (end screen)"},
		{k.Scroll.Help().Key, "scroll a long page"}, {"home/end", "go to the top or the end of a long page"},
		{"?/F1", "show or hide this help"}, {k.Quit.Help().Key, "quit (on the end screen: finish and print the summary)"},
		{k.Interrupt.Help().Key, "quit at once, from anywhere"},
	}
}

func (a *App) helpView(width int) string {
	s := a.env.styles
	e := a.env
	var b strings.Builder
	b.WriteString(s.Title.Render(e.t("Keys")) + "\n\n")
	rows := flowKeyRows(e)
	kr, own := a.scr.(keyRower)
	if own {
		rows = kr.keyRows(e)
	}
	keyWidth := 0
	for _, r := range rows {
		keyWidth = max(keyWidth, lipgloss.Width(e.plain(r.key)))
	}
	for _, r := range rows {
		name := padRight(e.plain(r.key), keyWidth)
		b.WriteString(hang(s.Key.Render(name)+"  ", strings.Repeat(" ", keyWidth+2), e.t(r.desc), width, s.Text) + "\n")
	}
	if !own {
		b.WriteString("\n" + hang("", "", e.t("In a text field, letters are typed, ? too: F1 shows this help, esc goes back and ctrl+c quits."), width, s.Text) + "\n")
	}
	if hs, ok := a.scr.(interface{ nodeHelp(*env) string }); ok {
		if txt := hs.nodeHelp(e); txt != "" {
			b.WriteString("\n" + s.Title.Render(e.t("About this step")) + "\n" + hang("", "", txt, width, s.Text) + "\n")
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

// wrapLines folds the lines of text that are wider than width; starts[i] is where line i of text
// begins among the folded lines (starts[len] is their count). Screens fold their own text, so this
// is a safety net; most lines take the fast path (a line of at most width bytes cannot be wider
// than width cells).
func wrapLines(text string, width int) (out []string, starts []int) {
	lines := strings.Split(text, "\n")
	out = make([]string, 0, len(lines))
	starts = make([]int, 0, len(lines)+1)
	for _, l := range lines {
		starts = append(starts, len(out))
		if len(l) <= width || ansi.StringWidth(l) <= width {
			out = append(out, l)
			continue
		}
		out = append(out, strings.Split(ansi.Wrap(l, width, ""), "\n")...)
	}
	return out, append(starts, len(out))
}
