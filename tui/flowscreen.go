package tui

import (
	"context"
	"fmt"
	"strings"
	"time"

	"charm.land/bubbles/v2/key"
	"charm.land/bubbles/v2/spinner"
	tea "charm.land/bubbletea/v2"
	"charm.land/lipgloss/v2"

	"github.com/unstuck-dev/unstuck/checks"
	"github.com/unstuck-dev/unstuck/checks/redact"
	"github.com/unstuck-dev/unstuck/flows"
)

// flowScreen walks one flow. It holds the engine's state and only what the screen adds to it: the
// cursor, the text being typed, the spinner and a passing message.
type flowScreen struct {
	st       flows.State
	cursor   int
	field    editor
	err      string // why the last answer was refused
	flash    string // a passing note: "Saved to ..."
	checking bool
	askCase  bool            // staff mode: the case id is being asked for
	noting   bool            // staff mode: a note is being typed
	note     editor          // the note being typed
	history  bool            // staff mode: the list of earlier steps is open
	histAt   int             // the step picked in that list
	seq      int             // tells a late check result from a current one
	parts    []checks.Result // the parts of the running check that have finished
	drawn    optionCache     // options as drawn, for the current visit and width
	visits   int             // counts arrivals at a node, to know when drawn options are stale
	spin     spinner.Model
}

type checkDoneMsg struct {
	seq    int
	result checks.Result
}

type showHelpMsg struct{}

func newFlowScreen(f *flows.Flow, e *env) *flowScreen {
	st := flows.StartAs(f, e.now(), e.audience())
	if e.staff && e.caseID != "" {
		st = st.WithCaseID(e.caseID)
	} else if e.staff {
		// Staff give the case's id once, before the first step.
		fs := &flowScreen{st: st, askCase: true, spin: spinner.New(spinner.WithSpinner(spinner.MiniDot))}
		fs.field.limit = 80
		return fs
	}
	return newFlowScreenAt(st, e)
}

// newFlowScreenAt continues a walk already under way (resumed from a saved session).
func newFlowScreenAt(st flows.State, e *env) *flowScreen {
	fs := &flowScreen{st: st, spin: spinner.New(spinner.WithSpinner(spinner.MiniDot))}
	fs.enter(e)
	return fs
}

func (fs *flowScreen) init(e *env) tea.Cmd {
	if fs.askCase {
		return nil
	}
	return fs.afterMove(e)
}

func (fs *flowScreen) title() string { return flows.Sanitize(fs.st.Flow().Title) }

// stepTitle is the current step's heading; staff also see the node id, to follow a script by it.
func (fs *flowScreen) stepTitle(e *env) string {
	n := fs.st.Node()
	t := fs.st.Text(n.Title)
	if e.staff {
		if t == "" {
			return "[" + n.ID + "]"
		}
		return "[" + n.ID + "] " + t
	}
	return t
}

func (fs *flowScreen) progress(e *env) string {
	if fs.st.Done() {
		return e.t("done")
	}
	step := fs.st.StepNumber()
	if left := fs.st.Remaining(); left > 0 {
		return fmt.Sprintf(e.t("step %d · at least %d to go"), step, left)
	}
	return fmt.Sprintf(e.t("step %d"), step)
}

func (fs *flowScreen) typing() bool {
	return fs.st.Node().Kind == flows.KindInput || fs.askCase || fs.noting || fs.history
}

// enter prepares the screen for the node the engine now stands on, offering a prefilled answer when
// there is one (the shopper still sees it and can change it).
func (fs *flowScreen) enter(e *env) {
	n := fs.st.Node()
	fs.visits++
	defer fs.offerPrefill(e, n)
	fs.cursor, fs.err = 0, ""
	fs.field.reset()
	fs.field.digits = n.Kind == flows.KindInput && n.Input.Type == flows.InputCard
	fs.field.limit = 0
	if n.Kind == flows.KindInput && n.Input.MaxLength > 0 {
		fs.field.limit = n.Input.MaxLength
	}
	if fs.field.digits {
		fs.field.limit = 40
	}
}

// afterMove starts the check when the engine stands on a check node. The check runs in its own
// goroutine and reports through a channel: each part as it finishes (the connectivity layers), then
// the result. The channel has room for every message, so the goroutine never blocks, even when the
// shopper has gone back and nobody listens any more.
func (fs *flowScreen) afterMove(e *env) tea.Cmd {
	req, ok := fs.st.PendingCheck()
	if !ok {
		fs.checking = false
		return nil
	}
	fs.checking = true
	fs.seq++
	fs.parts = nil
	seq := fs.seq
	ch := make(chan tea.Msg, 64)
	go func() {
		sent := 0
		r := runCheck(req, e, func(part checks.Result) {
			if sent < cap(ch)-1 {
				sent++
				ch <- checkPartMsg{seq: seq, result: part, ch: ch}
			}
		})
		ch <- checkDoneMsg{seq: seq, result: r}
	}()
	return tea.Batch(listen(ch), fs.spin.Tick)
}

func listen(ch <-chan tea.Msg) tea.Cmd { return func() tea.Msg { return <-ch } }

// checkPartMsg is one finished part of a running check.
type checkPartMsg struct {
	seq    int
	result checks.Result
	ch     <-chan tea.Msg
}

// runCheck runs a check with its own deadline; a check that panics becomes a skipped result, not a
// crash.
func runCheck(req flows.CheckRequest, e *env, progress func(checks.Result)) (r checks.Result) {
	spec, ok := checks.Lookup(req.Check)
	if !ok {
		return checks.Result{Name: req.Check, Status: checks.StatusSkipped, Outcome: "skipped", Summary: e.t("This check is not available in this version.")}
	}
	defer func() {
		if p := recover(); p != nil {
			r = checks.Result{Name: req.Check, Status: checks.StatusSkipped, Outcome: "skipped",
				Summary: e.t("The check stopped unexpectedly, so it was skipped."), Detail: "internal error in check " + req.Check}
		}
	}()
	// Every check has its own, shorter bounds; this one only guards against a check that has none.
	const timeout = 20 * time.Second
	parent := e.ctx
	if parent == nil {
		parent = context.Background()
	}
	ctx, cancel := context.WithTimeout(parent, timeout)
	defer cancel()
	return spec.Run(ctx, checks.Input{Params: req.Params, Now: e.now(), Net: e.net, Progress: progress})
}

func (fs *flowScreen) move(next flows.State, err error, e *env) tea.Cmd {
	if err != nil {
		fs.err = err.Error()
		return nil
	}
	fs.st, fs.flash = next, ""
	if problem := e.save(fs.st); problem != "" {
		fs.flash = problem
	}
	fs.enter(e)
	return fs.afterMove(e)
}

func (fs *flowScreen) update(msg tea.Msg, e *env) (screen, tea.Cmd) {
	k := e.keys
	n := fs.st.Node()
	switch msg := msg.(type) {
	case spinner.TickMsg:
		if !fs.checking {
			return fs, nil
		}
		var cmd tea.Cmd
		fs.spin, cmd = fs.spin.Update(msg)
		return fs, cmd
	case checkPartMsg:
		if msg.seq != fs.seq || !fs.checking {
			return fs, nil
		}
		fs.parts = append(fs.parts, msg.result)
		return fs, listen(msg.ch)
	case checkDoneMsg:
		if msg.seq != fs.seq || !fs.checking {
			return fs, nil
		}
		next, err := fs.st.WithResult(msg.result, e.now())
		return fs, fs.move(next, err, e)
	case clickMsg:
		return fs, fs.click(msg.row, e)
	case tea.PasteMsg:
		if n.Kind == flows.KindInput {
			fs.field.update(msg)
			fs.err = ""
		}
		return fs, nil
	case tea.KeyPressMsg:
		if fs.askCase || fs.noting || fs.history {
			return fs, fs.staffKeys(msg, e)
		}
		if e.staff && !fs.checking && (msg.String() == "ctrl+n" || msg.String() == "n" && !fs.typing()) {
			fs.noting = true
			fs.note.reset()
			return fs, nil
		}
		if e.staff && !fs.checking && (msg.String() == "ctrl+o" || msg.String() == "h" && !fs.typing()) {
			fs.history, fs.histAt = true, max(0, len(fs.historySteps())-1)
			return fs, nil
		}
		if key.Matches(msg, k.Back) {
			if fs.checking {
				fs.checking = false
			}
			prev, ok := fs.st.Back()
			if !ok {
				return fs, func() tea.Msg { return backToMenuMsg{} }
			}
			fs.st = prev
			e.save(fs.st)
			fs.enter(e)
			return fs, nil
		}
		if fs.checking {
			return fs, nil
		}
		switch n.Kind {
		case flows.KindInput:
			if msg.String() == "enter" {
				next, err := fs.st.Answer(fs.field.value(), e.now())
				return fs, fs.move(next, err, e)
			}
			if msg.String() == "ctrl+r" {
				return fs, fs.move(fs.st.Restart(e.now()), nil, e)
			}
			if msg.String() == "?" && fs.field.value() == "" {
				return fs, func() tea.Msg { return showHelpMsg{} }
			}
			if fs.field.update(msg) {
				fs.err = ""
			}
			return fs, nil
		case flows.KindChoice:
			switch {
			case key.Matches(msg, k.Up):
				fs.cursor = (fs.cursor - 1 + len(n.Options)) % len(n.Options)
			case key.Matches(msg, k.Down):
				fs.cursor = (fs.cursor + 1) % len(n.Options)
			case msg.String() == "home", msg.String() == "g":
				fs.cursor = 0
			case msg.String() == "end", msg.String() == "G":
				fs.cursor = len(n.Options) - 1
			case key.Matches(msg, k.Number):
				i := int(msg.String()[0] - '1')
				if i < len(n.Options) {
					next, err := fs.st.Choose(i, e.now())
					return fs, fs.move(next, err, e)
				}
				fs.err = e.tf("There are only %d answers here.", len(n.Options))
			case key.Matches(msg, k.Pick), msg.String() == "space":
				next, err := fs.st.Choose(fs.cursor, e.now())
				return fs, fs.move(next, err, e)
			}
		case flows.KindMessage:
			if key.Matches(msg, k.Next) || msg.String() == "space" {
				next, err := fs.st.Continue(e.now())
				return fs, fs.move(next, err, e)
			}
		case flows.KindEnd:
			switch {
			case key.Matches(msg, k.Copy):
				fs.flash = e.t("Copied, if your terminal allows it (OSC 52). If nothing was copied, press s to save it to a file, or select the text with the mouse.")
				return fs, tea.SetClipboard(redact.String(fs.summaryText()))
			case key.Matches(msg, k.Save):
				text := fs.summaryText()
				if e.staff {
					text = fs.st.Transcript()
				}
				path, err := saveSummary(e.saveDir, fs.st.Summary().Reference, text)
				if err != nil {
					fs.flash = fmt.Sprintf(e.t("Could not save the summary: %s. You can still copy it from the screen."), err.Error())
				} else {
					fs.flash = e.t("Saved to") + " " + path
				}
				return fs, nil
			case key.Matches(msg, k.Next):
				st := fs.st
				return fs, func() tea.Msg { return finishMsg{st: st} }
			}
		}
		if key.Matches(msg, k.Restart) {
			return fs, fs.move(fs.st.Restart(e.now()), nil, e)
		}
	}
	return fs, nil
}

// click picks the option drawn on body line row.
func (fs *flowScreen) click(row int, e *env) tea.Cmd {
	n := fs.st.Node()
	if n.Kind != flows.KindChoice || fs.checking {
		return nil
	}
	if i := optionAt(fs.view(e).rows, row); i >= 0 {
		next, err := fs.st.Choose(i, e.now())
		return fs.move(next, err, e)
	}
	return nil
}

// optionAt finds which option covers a body line, given where each option starts and where the
// last one ends.
func optionAt(rows []int, row int) int {
	for i := 0; i+1 < len(rows); i++ {
		if row >= rows[i] && row < rows[i+1] {
			return i
		}
	}
	return -1
}

// maskCard groups a card number as it is typed and hides all but its last four digits, so a card is
// never on the screen in full.
func maskCard(ascii bool) func(string) string {
	dot := "•"
	if ascii {
		dot = "*"
	}
	return func(typed string) string {
		grouped := checks.GroupDigits(typed)
		hide := len([]rune(strings.ReplaceAll(grouped, " ", ""))) - 4
		var b strings.Builder
		for _, r := range grouped {
			if r != ' ' && hide > 0 {
				b.WriteString(dot)
				hide--
				continue
			}
			b.WriteRune(r)
		}
		return b.String()
	}
}

func (fs *flowScreen) summaryText() string { return fs.st.Summary().Text() }

func (fs *flowScreen) nodeHelp(e *env) string { return fs.st.Text(fs.st.Node().Help) }

func (fs *flowScreen) helpKeys(e *env) []key.Binding {
	k := e.keys
	back := k.Back
	if !fs.st.CanGoBack() {
		back.SetHelp("esc", "menu")
	}
	if fs.askCase || fs.noting {
		enter := k.Next
		enter.SetHelp("enter", "done")
		return []key.Binding{enter, k.Interrupt}
	}
	if fs.history {
		enter := k.Pick
		enter.SetHelp("enter", "go back to that step")
		esc := k.Back
		esc.SetHelp("esc", "close")
		return []key.Binding{k.Up, k.Down, enter, esc}
	}
	var staff []key.Binding
	if e.staff {
		staff = []key.Binding{k.Note, k.History}
		if fs.typing() {
			staff = []key.Binding{k.NoteInField, k.HistoryInField}
		}
	}
	switch n := fs.st.Node(); n.Kind {
	case flows.KindChoice:
		return append([]key.Binding{k.Pick, k.Number, back}, append(staff, k.Help, k.Quit)...)
	case flows.KindInput:
		enter := k.Next
		enter.SetHelp("enter", "submit")
		help := k.Help
		help.SetHelp("?", "help (empty field)")
		return append([]key.Binding{enter, back}, append(staff, help, k.Interrupt)...)
	case flows.KindCheck:
		return []key.Binding{back, k.Interrupt}
	case flows.KindEnd:
		quit := k.Quit
		quit.SetHelp("q/enter", "finish")
		return append([]key.Binding{k.Copy, k.Save, back}, append(staff, k.Restart, quit)...)
	default:
		return append([]key.Binding{k.Next, back}, append(staff, k.Help, k.Quit)...)
	}
}

func (fs *flowScreen) view(e *env) body {
	s := e.styles
	n := fs.st.Node()
	var b strings.Builder
	focus := -1
	var rows []int
	width := max(10, e.width-2)
	lineNo := func() int { return strings.Count(b.String(), "\n") }

	// The checks run since the last question, so their outcome is seen before the next step.
	if results := fs.recentResults(); len(results) > 0 {
		for _, r := range results {
			r = flows.LocalizeResult(r, e.lang)
			b.WriteString(resultLine(s, r, width) + "\n")
			if r.Next != "" && r.Status != checks.StatusOK {
				b.WriteString(hang("  ", "  ", flows.Sanitize(r.Next), width, s.Faint) + "\n")
			}
		}
		b.WriteString("\n")
	}
	if fs.askCase || fs.history {
		return fs.staffView(e)
	}
	if t := fs.stepTitle(e); t != "" && n.Kind != flows.KindCheck {
		b.WriteString(hang("", "", t, width, s.Title) + "\n\n")
	}
	if e.staff && n.StaffNote != "" {
		b.WriteString(s.Box.Width(max(10, width)).Render(s.Warning.Render(e.t("For staff:")+" ")+fs.st.Text(n.StaffNote)) + "\n\n")
	}
	if n.Kind == flows.KindCheck {
		label := fs.stepTitle(e)
		if label == "" {
			label = e.t("Checking")
		}
		b.WriteString(s.Title.Render(label) + "\n\n")
		if n.Check == "connectivity" {
			fs.layersView(&b, e, width)
		} else {
			b.WriteString(fs.spin.View() + " " + e.t("Checking…") + "\n")
		}
		b.WriteString("\n" + s.Faint.Render(e.t("This takes a few seconds at most. esc goes back.")) + "\n")
		return body{text: b.String(), focus: -1}
	}
	if n.Kind != flows.KindEnd {
		b.WriteString(hang("", "", fs.st.Text(strings.TrimRight(n.Text, "\n")), width, s.Text) + "\n")
	}
	switch n.Kind {
	case flows.KindChoice:
		b.WriteString("\n")
		// Options are drawn once per node and width; a key press redraws only the two that change.
		line := lineNo()
		for i := range n.Options {
			rows = append(rows, line)
			block := fs.optionBlock(e, i, i == fs.cursor, width)
			if i == fs.cursor {
				focus = line
			}
			b.WriteString(block)
			b.WriteByte('\n')
			line += 1 + strings.Count(block, "\n")
		}
		rows = append(rows, lineNo())
	case flows.KindInput:
		b.WriteString("\n")
		var display func(string) string
		if fs.field.digits {
			display = maskCard(e.ascii)
		}
		before, at, after := fs.field.view(display)
		focus = lineNo()
		if before == "" && at == " " && n.Input.Placeholder != "" {
			b.WriteString(s.Cursor.Render(s.Marks.Cursor) + " " + s.Faint.Render(flows.Sanitize(n.Input.Placeholder)) + "\n")
		} else {
			b.WriteString(s.Cursor.Render(s.Marks.Cursor) + " " + s.Field.Render(before) + s.Field.Reverse(true).Render(at) + s.Field.Render(after) + "\n")
		}
		if n.Input.Optional {
			b.WriteString(s.Faint.Render("  "+e.t("Optional: press enter to skip.")) + "\n")
		}
	case flows.KindMessage:
		b.WriteString("\n" + s.Faint.Render(e.t("Press enter to continue.")) + "\n")
	case flows.KindEnd:
		fs.endView(&b, e)
	}
	if fs.err != "" {
		b.WriteString("\n" + hang(s.Marks.Problem+" ", "  ", fs.err, width, s.Error) + "\n")
	}
	if fs.noting {
		before, at, after := fs.note.view(nil)
		focus = lineNo() + 1
		b.WriteString("\n" + s.Title.Render(e.t("Note for the transcript:")+" ") + s.Field.Render(before) + s.Field.Reverse(true).Render(at) + s.Field.Render(after) + "\n")
		b.WriteString(s.Faint.Render(e.t("enter adds it · esc cancels")) + "\n")
	}
	if fs.flash != "" && n.Kind != flows.KindEnd {
		b.WriteString("\n" + hang("", "", fs.flash, width, s.Flash) + "\n")
	}
	if n.Help != "" && n.Kind != flows.KindEnd {
		b.WriteString("\n" + s.Faint.Render(e.t("Press ? for help with this step.")) + "\n")
	}
	return body{text: b.String(), focus: focus, rows: rows}
}

func (fs *flowScreen) endView(b *strings.Builder, e *env) {
	s := e.styles
	n := fs.st.Node()
	width := max(10, e.width-2)
	if fs.flash != "" {
		// Said first, so it is seen without scrolling.
		b.WriteString(hang("", "", fs.flash, width, s.Flash) + "\n\n")
	}
	for _, a := range n.Advice {
		b.WriteString(hang(s.Marks.Bullet+" ", "  ", fs.st.Text(a), width, s.Text) + "\n")
	}
	b.WriteString("\n" + s.Title.Render(e.t("Summary for support")) + s.Faint.Render("  "+e.t("(c copy · s save · printed when you quit)")) + "\n")
	b.WriteString(s.Box.Width(max(10, e.width-2)).Render(strings.TrimRight(fs.summaryText(), "\n")) + "\n")
}

// recentResults are the results of the checks between the last answered step and now.
func (fs *flowScreen) recentResults() []checks.Result {
	steps := fs.st.Steps()
	var out []checks.Result
	for i := len(steps) - 2; i >= 0; i-- {
		if steps[i].Result == nil {
			break
		}
		out = append([]checks.Result{*steps[i].Result}, out...)
	}
	return out
}

func resultLine(s Styles, r checks.Result, width int) string {
	return gutter(resultMark(s, r.Status)+" ", "  ", hang("", "", flows.Sanitize(r.Summary), width-2, s.Text))
}

func resultMark(s Styles, status checks.Status) string {
	switch status {
	case checks.StatusProblem:
		return s.Problem.Render(s.Marks.Problem)
	case checks.StatusWarning:
		return s.Warning.Render(s.Marks.Warning)
	case checks.StatusSkipped:
		return s.Skipped.Render(s.Marks.Skipped)
	}
	return s.OK.Render(s.Marks.OK)
}

// layersView draws one row per connectivity layer: a spinner until the layer reports, then its mark
// and what was found.
func (fs *flowScreen) layersView(b *strings.Builder, e *env, width int) {
	s := e.styles
	done := map[string]checks.Result{}
	for _, p := range fs.parts {
		done[p.Name] = p
	}
	for _, layer := range checks.ConnectivityLayers() {
		name := padRight(flows.LayerName(e.lang, layer), 22)
		if r, ok := done[layer]; ok {
			mark := resultMark(s, r.Status)
			r = flows.LocalizeLayer(r, e.lang)
			b.WriteString(gutter(mark+" "+s.Faint.Render(name), strings.Repeat(" ", 24), hang("", "", flows.Sanitize(r.Summary), width-24, s.Text)) + "\n")
		} else {
			b.WriteString(fs.spin.View() + " " + name + s.Faint.Render("…") + "\n")
		}
	}
}

// padRight pads text with spaces to n cells wide.
func padRight(text string, n int) string {
	if w := lipgloss.Width(text); w < n {
		return text + strings.Repeat(" ", n-w)
	}
	return text
}

// optionCache keeps the drawn options of one node at one width, plain and selected.
type optionCache struct {
	visit  int // flowScreen.visits when drawn: a new visit may fill in other answers
	width  int
	styles int // env.styleGen when drawn
	plain  map[int]string
	chosen map[int]string
}

// optionBlock draws option i, from the cache when it was drawn before.
func (fs *flowScreen) optionBlock(e *env, i int, selected bool, width int) string {
	n := fs.st.Node()
	c := &fs.drawn
	if c.visit != fs.visits || c.width != width || c.styles != e.styleGen || c.plain == nil {
		*c = optionCache{visit: fs.visits, width: width, styles: e.styleGen, plain: map[int]string{}, chosen: map[int]string{}}
	}
	cache := c.plain
	if selected {
		cache = c.chosen
	}
	if block, ok := cache[i]; ok {
		return block
	}
	s := e.styles
	num := fmt.Sprintf("%d. ", i+1)
	label := fs.st.Text(n.Options[i].Label)
	var block string
	if selected {
		block = gutter(s.Cursor.Render(s.Marks.Cursor)+" ", "  ", hang(num, strings.Repeat(" ", len(num)), label, width-2, s.Selected))
	} else {
		block = gutter("  ", "  ", hang(num, strings.Repeat(" ", len(num)), label, width-2, s.Option))
	}
	cache[i] = block
	return block
}
