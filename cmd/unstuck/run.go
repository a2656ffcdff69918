package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/unstuck-dev/unstuck/flows/session"

	"github.com/spf13/cobra"

	scrubber "github.com/unstuck-dev/unstuck/checks/redact"
	"github.com/unstuck-dev/unstuck/flows"
	"github.com/unstuck-dev/unstuck/flows/author"
	"github.com/unstuck-dev/unstuck/flows/catalog"
	"github.com/unstuck-dev/unstuck/flows/files"
	"github.com/unstuck-dev/unstuck/flows/summary"
	"github.com/unstuck-dev/unstuck/tui"
)

type runOptions struct {
	ctx         context.Context // the run's: ctrl+c and signals end a wait on an answers pipe
	streams     streams
	flow        string // a built-in flow's id or a file; empty shows the menu
	ascii       bool
	saveDir     string
	answers     string   // a file of answers: prefills the UI, or without a terminal runs and prints the summary
	set         []string // node=answer prefills
	watch       bool     // live preview: reload the flow file when it changes
	format      string   // text, markdown or json
	out         string   // also write the summary (or transcript) here
	noSave      bool     // do not save progress
	staff       bool     // staff mode
	caseID      string   // the support case, in staff mode
	resume      *session.Saved
	summaryLang string // the summary's language, when support reads another than the shopper
	accessible  bool   // line-by-line prompts instead of the full-screen UI
	from        string // a shopper's summary to pick up from (staff mode); - is standard input

	answersFile *author.AnswersFile // --answers once read: a pipe can be read only once
	fromRecord  *flows.Record       // --from once read
	offer       *session.Saved      // an unfinished walk of the flow named, offered to continue
}

func newRunCmd(s streams) *cobra.Command {
	opts := &runOptions{streams: s}
	cmd := &cobra.Command{
		Use:   "run FLOW|FILE",
		Short: "Run a flow of the library by its id, or a flow file",
		Long: `Run a flow. FLOW is the id of a flow of the library (built-in, or from a library folder: see unstuck list)
or the path of a flow file.

The full-screen UI draws on standard error; when the flow ends, the support summary is printed on
standard output, so "unstuck run payment-fails > case.txt" keeps it. Without a terminal, the flow
runs line by line: one answer a line on standard input.

Progress is saved after every answer (never card numbers or other sensitive answers), so an
interrupted run can be continued with unstuck resume; --no-save turns that off.

--staff is for support agents guiding a customer: node ids and the flow's notes for staff are
shown, a case id is asked once, n adds a note at any step, h shows the history to go back to any
earlier step, and at the end a Markdown transcript (answers, notes, times, summary) is printed.
With --from, the agent picks up where the shopper stopped: the summary the shopper pasted (JSON, or
text) is replayed, their path is in the history, and the walk goes on from their last step.`,
		Example: "  unstuck run payment-fails\n  unstuck run ./my-flow.yaml --watch\n  unstuck run payment-fails --format markdown --out case.md\n  unstuck run payment-fails --staff --case 4711 --set store=\"Example Shoes\"\n  unstuck run --from summary.json --staff",
		Args: func(cmd *cobra.Command, args []string) error {
			if len(args) == 0 && cmd.Flags().Changed("from") {
				return nil // the summary names its flow
			}
			if len(args) != 1 {
				return fmt.Errorf("name one flow to run, like: unstuck run payment-fails (unstuck list shows them all)")
			}
			return nil
		},
		RunE: func(cmd *cobra.Command, args []string) error {
			if len(args) > 0 {
				opts.flow = args[0]
			}
			return runFlow(cmd.Context(), opts)
		},
	}
	addRunFlags(cmd, opts)
	cmd.Flags().StringVar(&opts.from, "from", "", "a shopper's summary (JSON, or text; - reads standard input): with --staff, their answers and check results are given again and the agent goes on where they stopped")
	cmd.Flags().BoolVar(&opts.watch, "watch", false, "live preview for writers: reload the flow file when it, its translations or the parts files beside it change, keeping the answers given so far")
	cmd.Flags().StringVar(&opts.answers, "answers", "", "a file of answers by node id (or a pipe, like <(…)): prefilled in the UI, or, without a terminal, run straight through to the summary")
	cmd.Flags().StringArrayVar(&opts.set, "set", nil, "prefill an answer, as node=answer (repeat for more): put in the field in the full-screen UI; line by line, given at its step and shown after the prompt (type back to change it)")
	return cmd
}

// addRunFlags adds the flags run and resume share.
func addRunFlags(cmd *cobra.Command, opts *runOptions) {
	cmd.Flags().BoolVar(&opts.ascii, "ascii", false, "draw plain ASCII marks instead of symbols")
	cmd.Flags().StringVar(&opts.saveDir, "save-dir", "", "folder where s on the end screen saves the summary (default: the current folder)")
	cmd.Flags().StringVar(&opts.format, "format", "text", "the summary's format: "+summary.FormatNames(true))
	cmd.Flags().StringVar(&opts.out, "out", "", "also save the summary (in staff mode, the transcript) to this file")
	cmd.Flags().BoolVar(&opts.noSave, "no-save", false, "do not save progress (nothing to resume later)")
	cmd.Flags().BoolVar(&opts.staff, "staff", false, "staff mode, for support agents guiding a customer")
	cmd.Flags().StringVar(&opts.caseID, "case", "", "the support case's id (staff mode); asked for when not given")
	cmd.Flags().BoolVar(&opts.accessible, "accessible", false, "ask line by line (numbered prompts, no cursor movement, no colour): for screen readers and pipes; automatic without a terminal or with TERM=dumb")
	cmd.Flags().StringVar(&opts.summaryLang, "summary-lang", "", "the summary's language, when the agent reads another than the shopper (default: the shopper's)")
}

func (opts *runOptions) store() session.Store {
	if opts.noSave {
		return session.Store{}
	}
	store := session.NewStore(session.StateDir(func(k string) string { return getenv(opts.streams, k) }))
	if notice, _ := store.MakePrivate(); notice != "" {
		fmt.Fprintln(opts.streams.ErrOut, notice) // a folder that is not ours is said when saving fails
	}
	if opts.resume != nil {
		store.Continue(opts.resume) // the resumed session, claimed by resume, is written on
	}
	return store
}

func runFlow(ctx context.Context, opts *runOptions) error {
	opts.ctx = ctx
	s := opts.streams
	if _, err := (summary.Summary{}).Format(opts.format); err != nil {
		return exitWith(exitUsage, err)
	}
	cat := library(s)
	opts.staffDefaults(cat)
	flow, err := opts.chooseFlow(cat)
	if err != nil {
		return err
	}
	if flow, err = opts.withSummary(ctx, flow); err != nil {
		return err
	}
	lang := language(s)
	if flow != nil {
		flow = flow.Localize(lang)
	}
	prefill, err := opts.prefill(flow)
	if err != nil {
		return err
	}
	store := opts.store()
	defer store.Close() // the session stays to be resumed; another run may take it from now on
	// The full-screen UI needs a terminal to read keys from and to draw on (stderr, or the terminal
	// opened when stderr is redirected); stdout may be redirected, since it only carries the summary.
	// Otherwise, and when asked, it is line by line.
	terminal := s.InTTY && s.ScreenTTY && getenv(s, "TERM") != "dumb" && !opts.accessible

	if opts.answers != "" && !terminal {
		return opts.runWithAnswers(ctx, flow)
	}
	// The saved sessions are read once: the offer to continue and the menu use the same list, and a
	// damaged one set aside while reading is said once.
	var sessions []session.Saved
	var problems []string
	if terminal || s.InTTY {
		sessions, problems = store.List()
	}
	if flow != nil && opts.resume == nil && opts.from == "" && opts.answers == "" && !opts.watch && (terminal || s.InTTY) {
		// A person runs a flow they left unfinished: they are asked to continue it or start over.
		opts.offer = unfinished(sessions, flow, opts.staff)
	}
	resumed, replayed := opts.startState(flow)
	if !terminal {
		for _, p := range problems {
			fmt.Fprintln(s.ErrOut, p)
		}
		return opts.runLines(ctx, flow, lang, store, prefill, resumed)
	}
	if flow == nil {
		sayConfigProblems(s, cat)
		problems = append(problems, libraryNotices(cat, lang)...)
	}
	return opts.runFullScreen(ctx, flow, cat, lang, store, sessions, problems, prefill, resumed, replayed)
}

// startState is where the walk starts when it does not start afresh: a resumed session, or the
// shopper's walk given again from --from's summary (and what that replay says on the first screen).
func (opts *runOptions) startState(flow *flows.Flow) (resumed *flows.State, replayed string) {
	if opts.resume != nil {
		st := flows.Restore(flow, opts.resume.Snap, time.Now())
		resumed = &st
	}
	if opts.fromRecord != nil {
		st, said := opts.replayFrom(opts.fromRecord, flow)
		resumed, replayed = &st, said
	}
	return resumed, replayed
}

// runLines asks line by line: without a terminal, with --accessible or TERM=dumb.
func (opts *runOptions) runLines(ctx context.Context, flow *flows.Flow, lang string, store session.Store, prefill map[string][]string, resumed *flows.State) error {
	s := opts.streams
	if flow == nil {
		return exitWith(exitUsage, errors.New("without a terminal, name a flow: unstuck run FLOW (see unstuck list)"))
	}
	res, err := tui.RunLines(tui.LineOptions{In: s.In, Out: s.ErrOut, Flow: flow, Prompt: s.InTTY, Store: store, Resume: resumed, Lang: lang,
		Color: colorForced(s), Staff: opts.staff, CaseID: opts.caseID, Prefill: prefill, Context: ctx, Offer: opts.offer})
	if errors.Is(err, tui.ErrInterrupted) {
		opts.sayResume(res, lang)
		return exitQuietly(exitInterrupted)
	}
	if err != nil {
		fmt.Fprintf(s.ErrOut, "unstuck: %s\n", flows.ScrubCardNumbers(err.Error()))
		opts.sayResume(res, lang)
		return exitQuietly(exitProblems)
	}
	return opts.deliver(*res.Final)
}

// runFullScreen shows the full-screen UI: the menu, or the flow asked for.
func (opts *runOptions) runFullScreen(ctx context.Context, flow *flows.Flow, cat *catalog.Library, lang string, store session.Store,
	sessions []session.Saved, problems []string, prefill map[string][]string, resumed *flows.State, flash string) error {
	s := opts.streams
	s.flush() // what the scrubbing writers hold goes out before the UI takes the screen
	topts := tui.Options{UnscrubbedScreen: s.unscrubbedScreen, Flow: flow, Menu: menuFlows(cat), SessionFlow: sessionFlow(cat), SaveDir: opts.saveDir, ASCII: opts.ascii || !utf8Locale(s), Context: ctx,
		Store: store, Staff: opts.staff, CaseID: opts.caseID, Prefill: prefill, Resume: resumed, Notices: problems, Lang: lang, Offer: opts.offer, Flash: flash}
	topts.ProfileKnown = s.OutTTY && s.ScreenTTY
	if flow == nil {
		topts.Sessions = sessions
	}
	if opts.watch {
		if !isFile(opts.flow) {
			return exitWith(exitUsage, errors.New("--watch previews a flow file: name its path, like unstuck run ./my-flow.yaml --watch"))
		}
		topts.Watch = opts.flow
	}
	res, err := tui.Run(topts)
	if res.Panicked != "" {
		return exitWith(exitProblems, fmt.Errorf("unstuck hit an internal error (at %s) and stopped; your progress was saved, so unstuck resume continues where you were. Please report this bug", res.Panicked))
	}
	if err != nil && !res.Interrupted {
		if errors.Is(ctx.Err(), context.Canceled) {
			opts.sayResume(res, lang)
			return exitQuietly(exitInterrupted)
		}
		return exitWith(exitProblems, fmt.Errorf("the screen stopped: %w", err))
	}
	if res.Interrupted {
		opts.sayResume(res, lang) // the screen is given back: this stays on the terminal
		return exitQuietly(exitInterrupted)
	}
	if res.Finished && res.Final != nil {
		return opts.deliver(*res.Final)
	}
	return nil
}

// unfinished is the newest saved walk of flow among sessions, for the same audience, that no other
// unstuck has open; nil when there is none.
func unfinished(sessions []session.Saved, flow *flows.Flow, staff bool) *session.Saved {
	path := ""
	if flow.Path != "" && !strings.HasPrefix(flow.Path, "flows/library/") { // as the store keys it
		path, _ = filepath.Abs(flow.Path)
	}
	for i := range sessions {
		sv := &sessions[i]
		if sv.Snap.FlowID != flow.ID || sv.Holder != 0 || (sv.Snap.Audience == flows.AudienceStaff) != staff {
			continue
		}
		if sv.Snap.FlowPath != path && !(path == "" && sv.Snap.FlowPath == "") {
			continue
		}
		return sv
	}
	return nil
}

// sayResume tells, once the walk was left before its end with its progress saved, how to continue.
func (opts *runOptions) sayResume(res tui.Result, lang string) {
	if res.Unfinished {
		fmt.Fprintln(opts.streams.ErrOut, flows.Word(lang, "Your answers so far are saved. To continue later, run: unstuck resume"))
	}
}

// chooseFlow finds the flow to run: the one resumed, or the one named; none shows the menu.
func (opts *runOptions) chooseFlow(cat *catalog.Library) (*flows.Flow, error) {
	switch {
	case opts.resume != nil:
		if f := resumedFlow(cat, opts.resume); f != nil {
			return f, nil
		}
		f, err := opts.resume.Flow()
		if err != nil {
			return nil, exitWith(exitProblems, fmt.Errorf("cannot resume: %w", err))
		}
		return cat.Place(f), nil
	case opts.flow != "":
		f, diags := cat.Get(opts.flow)
		if diags.HasErrors() && !(opts.watch && isFile(opts.flow)) {
			fmt.Fprintln(opts.streams.ErrOut, flows.ScrubCardNumbers(diags.Error()))
			return nil, exitQuietly(exitProblems)
		}
		return f, nil
	}
	return nil, nil
}

// prefill gathers the answers offered in the UI: --answers (with a terminal) and --set. A card number
// is never taken as an argument: --set refuses a value that holds one (or a security code or expiry
// date) without repeating it, and refuses a sensitive answer of flow outright.
func (opts *runOptions) prefill(flow *flows.Flow) (map[string][]string, error) {
	out := map[string][]string{}
	if opts.answers != "" {
		af, err := opts.loadAnswers()
		if err != nil {
			return nil, err
		}
		for k, v := range af.Answers {
			out[k] = v
		}
	}
	for _, kv := range opts.set {
		k, v, ok := strings.Cut(kv, "=")
		if !ok || strings.TrimSpace(k) == "" {
			return nil, exitWith(exitUsage, fmt.Errorf("--set takes node=answer, like --set store=\"Example Shoes\""))
		}
		id := flows.ScrubCardNumbers(strings.TrimSpace(k))
		if flow != nil {
			if n := flow.Node(strings.TrimSpace(k)); n != nil && n.Input.IsSensitive() {
				return nil, exitWith(exitUsage, fmt.Errorf("--set %s: that answer is sensitive (card details), so it is only ever typed into unstuck, never given on the command line", id))
			}
		}
		if scrubber.String(kv) != kv {
			return nil, exitWith(exitUsage, fmt.Errorf("--set %s: the answer holds a card number, security code or expiry date; type those into unstuck when it asks, never on the command line", id))
		}
		out[strings.TrimSpace(k)] = append(out[strings.TrimSpace(k)], v)
	}
	return out, nil
}

// deliver prints the summary (or, for staff, the transcript) on stdout and saves it with --out.
// When saving fails the text is still printed, so nothing is lost, and the exit status says so.
func (opts *runOptions) deliver(st flows.State) error {
	if opts.summaryLang != "" {
		// The agent's language: the same walk, told with the flow's texts in that language.
		st = st.In(st.Flow().Localize(opts.summaryLang))
	} else {
		st = st.In(st.Flow().Localize(language(opts.streams)))
	}
	var text string
	if opts.staff {
		text = summary.Transcript(st)
	} else {
		var err error
		if text, err = summary.Of(st).Format(opts.format); err != nil {
			return exitWith(exitUsage, err)
		}
	}
	var saveErr error
	if opts.out != "" {
		// New summaries are the owner's alone; a file replaced keeps its mode; a pipe is written into.
		saveErr = files.WriteFileAtomic(opts.out, []byte(text), files.KeepMode(0o600), files.AllowStream())
	}
	if _, err := io.WriteString(opts.streams.Out, text); err != nil {
		return exitWith(exitProblems, fmt.Errorf("could not print the summary: %w", err))
	}
	if saveErr != nil {
		return exitWith(exitProblems, fmt.Errorf("the summary was printed above but could not be saved: %w", saveErr))
	}
	return nil
}

// loadAnswers reads and decodes --answers, once: a pipe (--answers <(…)) cannot be read twice. A
// file that cannot be read is said to be what it is (missing, a device, too large), not a broken one.
func (opts *runOptions) loadAnswers() (*author.AnswersFile, error) {
	if opts.answersFile != nil {
		return opts.answersFile, nil
	}
	ctx := opts.ctx
	if ctx == nil {
		ctx = context.Background()
	}
	data, err := readInput(ctx, opts.streams, opts.answers, flows.MaxFileSize, author.AnswersWait)
	if err != nil {
		return nil, readFailed(ctx, err, "the answers file", opts.answers)
	}
	af, diags := author.ParseAnswersFile(opts.answers, data)
	if diags.HasErrors() {
		fmt.Fprintln(opts.streams.ErrOut, flows.ScrubCardNumbers(diags.Error()))
		return nil, exitQuietly(exitProblems)
	}
	opts.answersFile = af
	return af, nil
}

// runWithAnswers walks the flow from a file of answers: the same engine as the UI, for scripts, tests
// and support staff preparing a case. Checks not pretended in the file run for real.
func (opts *runOptions) runWithAnswers(ctx context.Context, flow *flows.Flow) error {
	if flow == nil {
		return exitWith(exitUsage, errors.New("--answers needs a flow: unstuck run FLOW --answers FILE"))
	}
	af, err := opts.loadAnswers()
	if err != nil {
		return err
	}
	audience := flows.AudienceShopper
	if opts.staff {
		audience = flows.AudienceStaff
	}
	res, _ := af.Walk(flow, audience, opts.caseID, author.RealChecks(ctx, false)) // deliver makes the summary
	if ctx.Err() != nil {
		return exitQuietly(exitInterrupted) // a check was stopped: the walk did not really end
	}
	if !res.Passed() {
		where := opts.answers
		if res.Pos.Line > 0 {
			where = fmt.Sprintf("%s:%d:%d", where, res.Pos.Line, res.Pos.Col)
		}
		return exitWith(exitProblems, fmt.Errorf("%s: %s", where, flows.ScrubCardNumbers(res.Failure)))
	}
	return opts.deliver(*res.Final)
}

func isFile(path string) bool {
	info, err := os.Stat(path)
	return err == nil && !info.IsDir()
}

// utf8Locale reports whether the terminal's locale can show symbols such as ✓ and ›; without one the
// UI uses ASCII marks. An unset locale is taken as UTF-8, as most terminals are today.
func utf8Locale(s streams) bool {
	for _, k := range []string{"LC_ALL", "LC_CTYPE", "LANG"} {
		if v := getenv(s, k); v != "" {
			v = strings.ToLower(v)
			return strings.Contains(v, "utf-8") || strings.Contains(v, "utf8")
		}
	}
	return true
}

// colorForced reports whether colour was asked for where it is off by default (CLICOLOR_FORCE),
// unless NO_COLOR says otherwise.
func colorForced(s streams) bool {
	return getenv(s, "NO_COLOR") == "" && getenv(s, "CLICOLOR_FORCE") != "" && getenv(s, "CLICOLOR_FORCE") != "0"
}
