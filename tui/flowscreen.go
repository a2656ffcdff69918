package tui

import (
	"fmt"
	"slices"
	"strconv"
	"strings"

	"charm.land/bubbles/v2/key"
	"charm.land/bubbles/v2/spinner"
	tea "charm.land/bubbletea/v2"
	"charm.land/lipgloss/v2"

	"github.com/unstuck-dev/unstuck/checks"
	"github.com/unstuck-dev/unstuck/checks/redact"
	"github.com/unstuck-dev/unstuck/flows"
	"github.com/unstuck-dev/unstuck/flows/summary"
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
	overlay  overlay         // staff mode: the case id asked, a note typed or the history open; nil when none
	seq      int             // tells a late check result from a current one
	parts    []checks.Result // the parts of the running check that have finished
	drawn    optionCache     // options as drawn, for the current visit and width
	promptAt promptCache     // the prompt of this visit (choicewindow.go)
	winTop   int             // the first option drawn of a long choice (choicewindow.go)
	visits   int             // counts arrivals at a node, to know when drawn options are stale
	spin     spinner.Model
	ticked   map[int]bool // at a tick step, the options ticked so far (tick.go)
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
		return &flowScreen{st: st, overlay: newCaseOverlay(), spin: newSpinner(e.ascii)}
	}
	return newFlowScreenAt(st, e)
}

// newFlowScreenAt continues a walk already under way (resumed from a saved session).
func newFlowScreenAt(st flows.State, e *env) *flowScreen {
	fs := &flowScreen{st: st, spin: newSpinner(e.ascii)}
	fs.enter(e)
	return fs
}

func (fs *flowScreen) init(e *env) tea.Cmd {
	if _, asking := fs.overlay.(*caseOverlay); asking {
		return nil
	}
	return fs.afterMove(e)
}

func (fs *flowScreen) title() string { return flows.Sanitize(fs.st.Flow().Title) }

// stepTitle is the step's heading; staff also see the node id, to follow a script by it.
func stepTitle(p flows.Prompt, e *env) string {
	if e.staff {
		if p.Title == "" {
			return "[" + p.Node + "]"
		}
		return "[" + p.Node + "] " + p.Title
	}
	return p.Title
}

func (fs *flowScreen) progress(e *env) string {
	if fs.st.Done() {
		return e.t("done")
	}
	step := fmt.Sprintf(e.t("step %d"), fs.st.StepNumber())
	if left := stepsToGo(e, fs.st); left != "" {
		return step + e.plain(" · ") + left
	}
	return step
}

// stepsToGo says how many steps are left: one number when every way on is as long, else the
// fewest and the most ("4–11 to go"), loops not counted; "" when none is left but the end. The
// plural form is the one the larger number asks for, as a range is said in every language here.
func stepsToGo(e *env, st flows.State) string {
	lo, hi := st.RemainingRange()
	if hi <= 0 {
		return ""
	}
	if lo == 0 { // at a check that may lead straight to the end
		return e.tf("up to %d to go", hi)
	}
	text := e.tf("%d to go", hi)
	if lo == hi {
		return text
	}
	dash := "–"
	if e.ascii {
		dash = "-"
	}
	// The larger number, as the catalog wrote it, becomes the range. Steps are fewer than a
	// thousand in any real flow, so no language groups their digits.
	n := strconv.Itoa(hi)
	return strings.Replace(text, n, strconv.Itoa(lo)+dash+n, 1)
}

func (fs *flowScreen) typing() bool {
	return fs.overlay != nil || fs.prompt().Input != nil
}

// enter prepares the screen for the node the engine now stands on, offering a prefilled answer when
// there is one (the shopper still sees it and can change it).
func (fs *flowScreen) enter(e *env) {
	fs.visits++
	p := fs.prompt()
	defer fs.offerEarlier(p)    // runs last: an answer given here before goes over a prefill
	defer fs.offerPrefill(e, p) // runs first
	fs.cursor, fs.err = 0, ""
	fs.enterTicks(p)
	fs.field.reset()
	fs.field.digits = p.Input != nil && p.Input.Masked
	fs.field.limit = 0
	if p.Input != nil && p.Input.MaxLength > 0 {
		fs.field.limit = p.Input.MaxLength
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

// runCheck hands a check to the one runner (checks.RunNamed: its timeout, the run's context, panics,
// parts) with what the env knows.
func runCheck(req flows.CheckRequest, e *env, progress func(checks.Result)) checks.Result {
	return checks.RunNamed(e.ctx, req.Check, checks.Input{Params: req.Params, Now: e.now(), Deps: e.deps, Progress: progress})
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
	switch msg := msg.(type) {
	case spinner.TickMsg, checkPartMsg, checkDoneMsg:
		return fs, fs.checkUpdate(msg, e)
	case clickMsg:
		return fs, fs.click(msg.row, e)
	case tea.PasteMsg:
		if fs.overlay != nil {
			fs.overlay.paste(msg)
		} else if fs.prompt().Input != nil {
			fs.retypeCard(msg.Content != "")
			fs.field.update(msg)
			fs.err = ""
		}
		return fs, nil
	case tea.KeyPressMsg:
		return fs, fs.key(msg, e)
	}
	return fs, nil
}

// checkUpdate follows the running check: the spinner, each part as it finishes, then the result.
func (fs *flowScreen) checkUpdate(msg tea.Msg, e *env) tea.Cmd {
	switch msg := msg.(type) {
	case spinner.TickMsg:
		if !fs.checking {
			return nil
		}
		var cmd tea.Cmd
		fs.spin, cmd = fs.spin.Update(msg)
		return cmd
	case checkPartMsg:
		if msg.seq != fs.seq || !fs.checking {
			return nil
		}
		fs.parts = append(fs.parts, msg.result)
		return listen(msg.ch)
	case checkDoneMsg:
		if msg.seq != fs.seq || !fs.checking {
			return nil
		}
		next, err := fs.st.WithResult(msg.result, e.now())
		return fs.move(next, err, e)
	}
	return nil
}

// key handles a key press: an open staff tool has it first, then back, then what the step asks.
func (fs *flowScreen) key(msg tea.KeyPressMsg, e *env) tea.Cmd {
	if fs.overlay != nil {
		var cmd tea.Cmd
		fs.overlay, cmd = fs.overlay.update(msg, fs, e)
		return cmd
	}
	if !fs.checking {
		if o := fs.openOverlay(msg, e); o != nil {
			fs.overlay = o
			return nil
		}
	}
	if key.Matches(msg, e.keys.Back) {
		return fs.back(e)
	}
	if fs.checking {
		return nil
	}
	if cmd, used := fs.answerKey(fs.prompt(), msg, e); used {
		return cmd
	}
	if key.Matches(msg, e.keys.Restart) {
		return fs.restart(e)
	}
	return nil
}

// back goes back a step, or to the menu from the first one.
func (fs *flowScreen) back(e *env) tea.Cmd {
	fs.checking = false
	prev, ok := fs.st.Back()
	if !ok {
		return func() tea.Msg { return backToMenuMsg{} }
	}
	fs.st, fs.flash = prev, "" // a passing note belongs to the step that made it
	e.save(fs.st)
	fs.enter(e)
	return nil
}

// answerKey hands a key to what the step asks for; used is false when none of it took the key.
func (fs *flowScreen) answerKey(p flows.Prompt, msg tea.KeyPressMsg, e *env) (cmd tea.Cmd, used bool) {
	switch {
	case p.Input != nil:
		return fs.inputKey(msg, e), true
	case p.Options != nil && p.Multiple:
		return fs.tickKey(p, msg, e)
	case p.Options != nil:
		return fs.choiceKey(p, msg, e)
	case p.Continue:
		if key.Matches(msg, e.keys.Next) || msg.String() == "space" {
			next, err := fs.st.Continue(e.now())
			return fs.move(next, err, e), true
		}
	case p.End != nil:
		return fs.endKey(msg, e)
	}
	return nil, false
}

func (fs *flowScreen) inputKey(msg tea.KeyPressMsg, e *env) tea.Cmd {
	switch msg.String() {
	case "enter":
		next, err := fs.st.Answer(fs.field.value(), e.now())
		return fs.move(next, err, e)
	case "ctrl+r":
		return fs.restart(e)
	case "?":
		if fs.field.value() == "" {
			return func() tea.Msg { return showHelpMsg{} }
		}
	}
	fs.retypeCard(msg.Text != "")
	if fs.field.update(msg) {
		fs.err = ""
	}
	return nil
}

// retypeCard empties a card-number field that was just refused when the shopper types or pastes
// into it: the digits it hides cannot be corrected in place, and the refusal asks for the number
// again (its last four stay shown until then, to be checked against the card).
func (fs *flowScreen) retypeCard(typed bool) {
	if typed && fs.err != "" && fs.field.digits {
		fs.field.reset()
	}
}

func (fs *flowScreen) choiceKey(p flows.Prompt, msg tea.KeyPressMsg, e *env) (tea.Cmd, bool) {
	k, count := e.keys, len(p.Options)
	switch {
	case key.Matches(msg, k.Up):
		fs.cursor = (fs.cursor - 1 + count) % count
	case key.Matches(msg, k.Down):
		fs.cursor = (fs.cursor + 1) % count
	case msg.String() == "home", msg.String() == "g":
		fs.cursor = 0
	case msg.String() == "end", msg.String() == "G":
		fs.cursor = count - 1
	case key.Matches(msg, k.Number):
		if i := int(msg.String()[0] - '1'); i < count {
			next, err := fs.st.Choose(i, e.now())
			return fs.move(next, err, e), true
		}
		fs.err = fmt.Sprintf(e.t("There are only %d answers here."), count)
	case key.Matches(msg, k.Pick), msg.String() == "space":
		next, err := fs.st.Choose(fs.cursor, e.now())
		return fs.move(next, err, e), true
	default:
		return nil, false
	}
	return nil, true
}

func (fs *flowScreen) endKey(msg tea.KeyPressMsg, e *env) (tea.Cmd, bool) {
	k := e.keys
	switch {
	case key.Matches(msg, k.Copy):
		fs.flash = e.t("Copied, if your terminal allows it (OSC 52). If nothing was copied, press s to save it to a file, or select the text with the mouse.")
		return tea.SetClipboard(redact.String(fs.summaryText())), true
	case key.Matches(msg, k.Save):
		text := fs.summaryText()
		if e.staff {
			text = summary.Transcript(fs.st)
		}
		path, err := saveSummary(e.saveDir, summary.Of(fs.st).Reference, text)
		if err != nil {
			fs.flash = fmt.Sprintf(e.t("Could not save the summary: %s. You can still copy it from the screen."), err.Error())
		} else {
			fs.flash = e.t("Saved to") + " " + path
		}
		return nil, true
	case key.Matches(msg, k.Next):
		st := fs.st
		return func() tea.Msg { return finishMsg{st: st} }, true
	}
	return nil, false
}

// click picks the option drawn on body line row.
func (fs *flowScreen) click(row int, e *env) tea.Cmd {
	if fs.prompt().Options == nil || fs.checking {
		return nil
	}
	if i := optionAt(fs.view(e).rows, row); i >= 0 && fs.prompt().Multiple {
		fs.toggle(fs.winTop + i)
		return nil
	} else if i >= 0 {
		next, err := fs.st.Choose(fs.winTop+i, e.now())
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

func (fs *flowScreen) summaryText() string { return summary.Of(fs.st).Text() }

func (fs *flowScreen) nodeHelp(e *env) string { return fs.prompt().Help }

func (fs *flowScreen) helpKeys(e *env) []key.Binding {
	if fs.overlay != nil {
		return fs.overlay.helpKeys(e)
	}
	k := e.keys
	p := fs.prompt()
	back := k.Back
	if !p.CanGoBack {
		back.SetHelp("esc", "menu")
		back.SetEnabled(e.hasMenu) // a flow named on the command line has no menu to go back to
	}
	var staff []key.Binding
	if e.staff {
		staff = []key.Binding{k.Note, k.History}
		if p.Input != nil {
			staff = []key.Binding{k.NoteInField, k.HistoryInField}
		}
	} else if p.CanGoBack && (p.Options != nil || p.Continue) {
		answers := k.History // shoppers change one answer from the list of their answers
		answers.SetHelp("h", "your answers")
		staff = []key.Binding{answers}
	}
	switch {
	case p.Options != nil && p.Multiple:
		tick, done := tickKeys(k)
		return append([]key.Binding{tick, done, back}, append(staff, k.Help, k.Quit)...)
	case p.Options != nil:
		return append([]key.Binding{k.Pick, k.Number, back}, append(staff, k.Help, k.Quit)...)
	case p.Input != nil:
		enter := k.Next
		enter.SetHelp("enter", "submit")
		help := k.Help
		help.SetHelp("F1", "help") // ? is typed into a field that has text
		return append([]key.Binding{enter, back}, append(staff, help, k.Interrupt)...)
	case p.Check != nil:
		return []key.Binding{back, k.Interrupt}
	case p.End != nil:
		quit := k.Quit
		quit.SetHelp("q/enter", "finish")
		return append([]key.Binding{k.Copy, k.Save, back}, append(staff, k.Restart, k.Help, quit)...)
	default:
		return append([]key.Binding{k.Next, back}, append(staff, k.Help, k.Quit)...)
	}
}

// view draws the checks just run, then the step as its prompt describes it, or a staff tool that
// takes the step's place.
func (fs *flowScreen) view(e *env) body {
	s := e.styles
	p := fs.prompt()
	width := max(10, e.width-2)
	var b strings.Builder
	fs.resultsView(&b, e, width)
	if fs.overlay != nil {
		if ob, under := fs.overlay.view(fs, e); !under {
			return ob
		}
	}
	if t := stepTitle(p, e); t != "" && p.Check == nil {
		b.WriteString(hang("", "", t, width, s.Title) + "\n\n")
	}
	if e.staff && p.StaffNote != "" {
		b.WriteString(s.Box.Width(max(10, width)).Render(s.Warning.Render(e.t("For staff:")+" ")+p.StaffNote) + "\n\n")
	}
	if p.Check != nil {
		fs.checkView(&b, p, e, width)
		return body{text: b.String(), focus: -1}
	}
	if p.End == nil {
		b.WriteString(hang("", "", p.Text, width, s.Text) + "\n")
	}
	out := body{focus: -1}
	switch {
	case p.Options != nil:
		out.focus, out.rows = fs.choiceView(&b, p, e, width)
	case p.Input != nil:
		out.focus = fs.inputView(&b, p, e)
	case p.Continue:
		b.WriteString("\n" + s.Faint.Render(e.t("Press enter to continue.")) + "\n")
	case p.End != nil:
		fs.endView(&b, p, e)
	}
	if fs.err != "" {
		b.WriteString("\n" + hang(s.Marks.Problem+" ", "  ", fs.err, width, s.Error) + "\n")
	}
	if fs.overlay != nil {
		ob, _ := fs.overlay.view(fs, e)
		if ob.focus >= 0 {
			out.focus = lineCount(&b) + ob.focus
		}
		b.WriteString(ob.text)
	}
	if fs.flash != "" && p.End == nil {
		b.WriteString("\n" + hang("", "", fs.flash, width, s.Flash) + "\n")
	}
	if p.Help != "" && p.End == nil {
		b.WriteString("\n" + s.Faint.Render(e.t("Press ? for help with this step.")) + "\n")
	}
	out.text = b.String()
	return out
}

func lineCount(b *strings.Builder) int { return strings.Count(b.String(), "\n") }

// resultsView draws the checks run since the last question, so their outcome is seen before the next step.
// A skipped check is left out for a shopper, who can do nothing about why it was skipped; staff see it,
// marked as skipped.
func (fs *flowScreen) resultsView(b *strings.Builder, e *env, width int) {
	s := e.styles
	results := slices.DeleteFunc(fs.recentResults(), func(r checks.Result) bool {
		return r.Status == checks.StatusSkipped && !e.staff
	})
	if len(results) == 0 {
		return
	}
	for _, r := range results {
		r = flows.LocalizeResult(r, e.lang)
		if r.Status == checks.StatusSkipped {
			r.Summary = e.t("(skipped)") + " " + r.Summary
		}
		b.WriteString(resultLine(s, r, width) + "\n")
		if r.Next != "" && r.Status != checks.StatusOK {
			b.WriteString(hang("  ", "  ", flows.Sanitize(r.Next), width, s.Faint) + "\n")
		}
	}
	b.WriteString("\n")
}

// checkView draws a running check.
func (fs *flowScreen) checkView(b *strings.Builder, p flows.Prompt, e *env, width int) {
	s := e.styles
	label := stepTitle(p, e)
	if label == "" {
		label = e.t("Checking")
	}
	b.WriteString(s.Title.Render(label) + "\n\n")
	fs.partsView(b, e, p.Check.Name, width)
	b.WriteString("\n" + s.Faint.Render(e.t("This takes a few seconds at most. esc goes back.")) + "\n")
}

// choiceView draws the options; it returns the line of the selected one, and where each starts.
func (fs *flowScreen) choiceView(b *strings.Builder, p flows.Prompt, e *env, width int) (focus int, rows []int) {
	b.WriteString("\n")
	// Options are drawn once per node and width; a key press redraws only the two that change.
	lo, hi := fs.window(e, len(p.Options))
	if lo > 0 {
		b.WriteString(e.styles.Faint.Render(notDrawn(e.styles.Marks.Above, 1, lo)) + "\n")
	}
	line := lineCount(b)
	focus = -1
	for i := lo; i < hi; i++ {
		o := p.Options[i]
		rows = append(rows, line)
		block := fs.optionBlock(e, i, fs.tickLabel(e, p, i, o.Label), i == fs.cursor, width)
		if i == fs.cursor {
			focus = line
		}
		b.WriteString(block)
		b.WriteByte('\n')
		line += 1 + strings.Count(block, "\n")
	}
	rows = append(rows, line)
	if hi < len(p.Options) {
		b.WriteString(e.styles.Faint.Render(notDrawn(e.styles.Marks.Below, hi+1, len(p.Options))) + "\n")
	}
	return focus, rows
}

// inputView draws the field; it returns its line.
func (fs *flowScreen) inputView(b *strings.Builder, p flows.Prompt, e *env) (focus int) {
	s := e.styles
	b.WriteString("\n")
	var display func(string) string
	if fs.field.digits {
		display = maskCard(e.ascii)
	}
	before, at, after := fs.field.view(display)
	focus = lineCount(b)
	if before == "" && at == " " && p.Input.Placeholder != "" {
		b.WriteString(s.Cursor.Render(s.Marks.Cursor) + " " + s.Faint.Render(p.Input.Placeholder) + "\n")
	} else {
		b.WriteString(s.Cursor.Render(s.Marks.Cursor) + " " + s.Field.Render(before) + s.Field.Reverse(true).Render(at) + s.Field.Render(after) + "\n")
	}
	if p.Input.Optional {
		b.WriteString(s.Faint.Render("  "+e.t("Optional: press enter to skip.")) + "\n")
	}
	return focus
}

func (fs *flowScreen) endView(b *strings.Builder, p flows.Prompt, e *env) {
	s := e.styles
	width := max(10, e.width-2)
	if fs.flash != "" {
		// Said first, so it is seen without scrolling.
		b.WriteString(hang("", "", fs.flash, width, s.Flash) + "\n\n")
	}
	for _, a := range p.End.Advice {
		b.WriteString(hang(s.Marks.Bullet+" ", "  ", a, width, s.Text) + "\n")
	}
	b.WriteString("\n" + s.Title.Render(e.t("Summary for support")) + s.Faint.Render("  "+e.t("(c copy · s save · printed when you quit)")) + "\n")
	b.WriteString(s.Box.Width(max(10, e.width-2)).Render(strings.TrimRight(fs.summaryText(), "\n")) + "\n")
}

// recentResults are the results of the checks between the last answered step and now.
func (fs *flowScreen) recentResults() []checks.Result {
	steps := fs.st.Steps()
	var out []checks.Result
	for i := len(steps) - 2; i >= 0; i-- {
		if steps[i].Passed {
			continue // a call or a part's return (or a step for others) between the check and here
		}
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

// partsView draws a running check: one row per part the check declares (the connectivity layers),
// a spinner until the part reports, then its mark and what was found; then any part it reports
// without declaring it. A check that declares no parts has a spinner row while it runs.
func (fs *flowScreen) partsView(b *strings.Builder, e *env, check string, width int) {
	s := e.styles
	spec, _ := checks.Lookup(check)
	order := slices.Clone(spec.Parts)
	done := map[string]checks.Result{}
	for _, p := range fs.parts {
		if _, seen := done[p.Name]; !seen && !slices.Contains(spec.Parts, p.Name) {
			order = append(order, p.Name)
		}
		done[p.Name] = p
	}
	for _, layer := range order {
		name := padRight(flows.LayerName(e.lang, layer), 22)
		if r, ok := done[layer]; ok {
			mark := resultMark(s, r.Status)
			r = flows.LocalizeLayer(r, e.lang)
			b.WriteString(gutter(mark+" "+s.Faint.Render(name), strings.Repeat(" ", 24), hang("", "", flows.Sanitize(r.Summary), width-24, s.Text)) + "\n")
		} else {
			b.WriteString(fs.spin.View() + " " + name + s.Faint.Render(s.Marks.Ellipsis) + "\n")
		}
	}
	if len(spec.Parts) == 0 { // no row stands for what is still running
		b.WriteString(fs.spin.View() + " " + e.t("Checking…") + "\n")
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
func (fs *flowScreen) optionBlock(e *env, i int, label string, selected bool, width int) string {
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
	var block string
	if selected {
		block = gutter(s.Cursor.Render(s.Marks.Cursor)+" ", "  ", hang(num, strings.Repeat(" ", len(num)), label, width-2, s.Selected))
	} else {
		block = gutter("  ", "  ", hang(num, strings.Repeat(" ", len(num)), label, width-2, s.Option))
	}
	cache[i] = block
	return block
}
