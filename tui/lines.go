package tui

import (
	"bufio"
	"context"
	"errors"
	"fmt"
	"io"
	"strings"
	"time"

	"github.com/unstuck-dev/unstuck/flows/session"

	"github.com/unstuck-dev/unstuck/checks"
	"github.com/unstuck-dev/unstuck/flows"
)

// ErrInputEnded is returned when the answers run out before the flow reaches an end.
var ErrInputEnded = errors.New("the input ended before the flow was finished")

// inputEnded is ErrInputEnded, said in the shopper's language.
type inputEnded struct{ lang string }

func (e inputEnded) Error() string        { return flows.Word(e.lang, ErrInputEnded.Error()) }
func (e inputEnded) Is(target error) bool { return target == ErrInputEnded }

// ErrInterrupted is returned when the caller's context ends (ctrl+c, a signal) before the flow does.
// Progress up to the last answer stays saved.
var ErrInterrupted = errors.New("the run was interrupted")

// interrupted is ErrInterrupted with the context's cause (which signal, say) kept for the caller.
type interrupted struct{ cause error }

func (e interrupted) Error() string        { return ErrInterrupted.Error() }
func (e interrupted) Is(target error) bool { return target == ErrInterrupted }
func (e interrupted) Unwrap() error        { return e.cause }

// lineReader reads lines in the background, so that waiting for the next one answers the context:
// a read from a terminal or pipe cannot be cancelled, but the wait for it can.
type lineReader struct {
	sc      *bufio.Scanner
	pending chan lineRead // the read under way, if any; it outlives a cancelled wait
}

type lineRead struct {
	text string
	ok   bool
}

func newLineReader(r io.Reader) *lineReader {
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 64*1024), 64*1024)
	return &lineReader{sc: sc}
}

// next waits for the next line; ok is false when the input ended. A read still under way when ctx
// ended is kept, so the line it brings is the one the next call returns.
func (r *lineReader) next(ctx context.Context) (line string, ok bool, err error) {
	if ctx.Err() != nil { // once interrupted, no answer is taken, even one already typed
		return "", false, interrupted{cause: context.Cause(ctx)}
	}
	if r.pending == nil {
		ch := make(chan lineRead, 1) // never blocks the reader, so it ends when its read does
		r.pending = ch
		go func() {
			ok := r.sc.Scan()
			ch <- lineRead{text: r.sc.Text(), ok: ok}
		}()
	}
	select {
	case l := <-r.pending:
		r.pending = nil
		return l.text, l.ok, nil
	case <-ctx.Done():
		return "", false, interrupted{cause: context.Cause(ctx)}
	}
}

// LineOptions configure the line-by-line runner: plain numbered prompts, no cursor movement and no
// colour, for pipes, scripts and screen readers.
type LineOptions struct {
	In     io.Reader
	Out    io.Writer // prompts and check results
	Flow   *flows.Flow
	Now    func() time.Time
	Prompt bool // show "> " before each answer (off when answers come from a file)
	Store  session.Store
	Resume *flows.State // continue this walk instead of starting
	Lang   string
	Color  bool   // colour the check marks (CLICOLOR_FORCE); off by default, for screen readers and logs
	Staff  bool   // staff mode: node ids and the flow's notes for staff are shown
	CaseID string // staff mode: the support case
	// Prefill holds answers by node id (--set): each is given at its step in turn, shown after the
	// prompt as if typed, and the step is asked as usual when it does not fit. back changes it.
	Prefill map[string][]string
	// Context ends the run (ctrl+c, a signal): a wait for an answer or a running check stops at once
	// and RunLines returns ErrInterrupted. Nil means it runs until the flow or the input ends.
	Context context.Context
	// Deps is what checks reach the outside with (checks.Input.Deps), for tests; nil: the real thing.
	Deps []any
	// Offer is an unfinished walk of this flow: before the first step the shopper is asked whether
	// to continue it or to start over (offer.go). Nil asks nothing.
	Offer *session.Saved
}

// RunLines walks the flow reading one answer a line and returns the summary when it ends.
func RunLines(opts LineOptions) (Result, error) {
	r := newLineRun(opts)
	fmt.Fprintf(r.out, "%s\n", flows.Sanitize(opts.Flow.Title))
	if opts.Offer != nil && opts.Resume == nil {
		st, err := r.offerLines(opts.Offer)
		if err != nil {
			return Result{}, err
		}
		if st != nil {
			r.st = *st
		}
	}
	for !r.st.Done() {
		if req, ok := r.st.PendingCheck(); ok {
			if err := r.check(req); err != nil {
				return Result{Unfinished: resumable(r.st, r.e.store)}, err
			}
			continue
		}
		p := r.st.Prompt()
		r.ask(p)
		if next, ok := givePrefill(opts.Prefill, r.prefillUsed, r.st, p, r.out, r.now()); ok {
			r.st = next
			if problem := r.e.save(r.st); problem != "" {
				fmt.Fprintln(r.out, problem)
			}
			continue
		}
		if err := r.answer(p); err != nil {
			return Result{Unfinished: resumable(r.st, r.e.store)}, err
		}
	}
	p := r.st.Prompt()
	fmt.Fprintf(r.out, "\n%s\n", p.Title)
	for _, a := range p.End.Advice {
		fmt.Fprintf(r.out, "- %s\n", a)
	}
	r.e.store.Forget(opts.Flow)
	return Result{Final: &r.st, Finished: true}, nil
}

// lineRun is a walk in the line mode: where it stands, and what it reads from and writes to.
type lineRun struct {
	opts        LineOptions
	e           *env
	in          *lineReader
	out         io.Writer
	ctx         context.Context
	now         func() time.Time
	st          flows.State
	prefillUsed map[string]int
}

func newLineRun(opts LineOptions) *lineRun {
	now := opts.Now
	if now == nil {
		now = time.Now
	}
	ctx := opts.Context
	if ctx == nil {
		ctx = context.Background()
	}
	audience := flows.AudienceShopper
	if opts.Staff {
		audience = flows.AudienceStaff
	}
	st := flows.StartAs(opts.Flow, now(), audience).WithCaseID(opts.CaseID)
	if opts.Resume != nil {
		st = *opts.Resume
	}
	return &lineRun{
		opts: opts, e: &env{now: now, deps: opts.Deps, store: opts.Store, lang: opts.Lang, ctx: ctx},
		in: newLineReader(opts.In), out: opts.Out, ctx: ctx, now: now, st: st, prefillUsed: map[string]int{},
	}
}

// check runs the step's check and writes its parts and result as they come.
func (r *lineRun) check(req flows.CheckRequest) error {
	opts, e, out, ctx, now, st := r.opts, r.e, r.out, r.ctx, r.now, r.st
	res := runCheck(req, e, func(part checks.Result) {
		if ctx.Err() != nil {
			return // the layers a stopped check skips are no news
		}
		lp := flows.LocalizeLayer(part, e.lang)
		fmt.Fprintf(out, "  [%s] %s: %s\n", paint(opts.Color, part.Status, flows.Word(e.lang, statusWord(part.Status))), flows.LayerName(e.lang, part.Name), flows.Sanitize(lp.Summary))
	})
	lr := flows.LocalizeResult(res, e.lang)
	if err := ctx.Err(); err != nil {
		// The check was stopped, not finished: its result is not the walk's.
		fmt.Fprintln(out)
		return interrupted{cause: context.Cause(ctx)}
	}
	// A skipped check is not said to a shopper, who can do nothing about why it was skipped; staff
	// read it, marked as skipped.
	if res.Status != checks.StatusSkipped || opts.Staff {
		fmt.Fprintf(out, "[%s] %s\n", paint(opts.Color, res.Status, flows.Word(e.lang, statusWord(res.Status))), flows.Sanitize(lr.Summary))
		if lr.Next != "" && res.Status != checks.StatusOK {
			fmt.Fprintf(out, "  %s\n", flows.Sanitize(lr.Next))
		}
	}
	next, err := st.WithResult(res, now())
	if err != nil {
		return err
	}
	r.st = next
	return nil
}

// ask writes the step as its prompt describes it.
func (r *lineRun) ask(p flows.Prompt) {
	out, e := r.out, r.e
	fmt.Fprintf(out, "\n%s %d. ", e.t("Step"), r.st.StepNumber())
	if t := p.Title; t != "" || r.opts.Staff {
		if r.opts.Staff {
			t = strings.TrimSpace("[" + p.Node + "] " + t)
		}
		fmt.Fprintf(out, "%s\n", t)
	}
	if r.opts.Staff && p.StaffNote != "" {
		fmt.Fprintf(out, "%s %s\n", r.e.t("For staff:"), p.StaffNote)
	}
	fmt.Fprintf(out, "%s\n", p.Text)
	switch {
	case p.Options != nil && p.Multiple:
		r.askTicks(p)
	case p.Options != nil:
		for i, o := range p.Options {
			fmt.Fprintf(out, "  %d. %s\n", i+1, o.Label)
		}
		fmt.Fprintf(out, e.t("Type a number from 1 to %d.")+"\n", len(p.Options))
	case p.Input != nil:
		if p.Input.Optional {
			fmt.Fprintln(out, e.t("Optional: an empty line skips it."))
		}
	case p.Continue:
		fmt.Fprintln(out, e.t("Press enter to continue."))
	}
	if p.Help != "" {
		fmt.Fprintln(out, e.t("(Type ? for help with this step.)"))
	}
	if keep := earlierAnswer(p); keep != "" {
		fmt.Fprintf(out, e.t("You answered %s before: an empty line keeps it.")+"\n", p.Earlier)
	}
}

// earlierAnswer is what an empty line gives at a step answered before the shopper went back: the
// option picked or the answer typed then; "" when there is none, or it was sensitive.
func earlierAnswer(p flows.Prompt) string {
	if p.Multiple {
		return earlierTicks(p)
	}
	for i, o := range p.Options {
		if o.Earlier {
			return fmt.Sprint(i + 1)
		}
	}
	return p.Refill
}

// answer reads lines until one answers the step, goes back, or the input ends.
func (r *lineRun) answer(p flows.Prompt) error {
	out, e := r.out, r.e
	for {
		if r.opts.Prompt {
			fmt.Fprint(out, "> ")
		}
		line, ok, err := r.in.next(r.ctx)
		if err != nil {
			fmt.Fprintln(out) // the shell's prompt starts on a line of its own
			return err
		}
		if !ok {
			fmt.Fprintln(out)
			return inputEnded{lang: e.lang}
		}
		if t := strings.TrimSpace(line); (t == "?" || t == "help") && p.Input == nil || t == "?" && p.Help != "" {
			if p.Help != "" {
				fmt.Fprintf(out, "%s\n", p.Help)
			} else {
				fmt.Fprintln(out, e.t("There is no extra help for this step. Type back to go back a step."))
			}
			continue
		}
		if t := strings.ToLower(strings.TrimSpace(line)); (t == "back" || t == strings.ToLower(e.t("back"))) && r.st.CanGoBack() {
			r.st, _ = r.st.Back()
			return nil
		}
		if keep := earlierAnswer(p); keep != "" && strings.TrimSpace(line) == "" {
			line = keep
		}
		next, err := r.st.Answer(line, r.now())
		if err != nil {
			fmt.Fprintf(out, "%s\n", err.Error())
			continue
		}
		r.st = next
		if problem := e.save(r.st); problem != "" {
			fmt.Fprintln(out, problem)
		}
		return nil
	}
}

// givePrefill answers the step the walk stands on with its next prefilled answer, if it has one
// left, and writes it after the prompt as it is shown in the summary (a sensitive answer masked), so
// that a screen reader reads it and a log shows it like a typed one. An answer that does not fit is
// explained, and the step is then asked as usual.
func givePrefill(prefill map[string][]string, used map[string]int, st flows.State, p flows.Prompt, out io.Writer, now time.Time) (flows.State, bool) {
	list := prefill[p.Node]
	if (p.Input == nil && p.Options == nil) || used[p.Node] >= len(list) {
		return st, false
	}
	value := list[used[p.Node]]
	used[p.Node]++
	next, err := st.Answer(value, now)
	if err != nil {
		fmt.Fprintf(out, "%s\n", flows.Sanitize(err.Error()))
		return st, false
	}
	fmt.Fprintf(out, "> %s\n", flows.ScrubCardNumbers(flows.Sanitize(next.Answers()[p.Node].Display)))
	return next, true
}

func statusWord(st checks.Status) string {
	return map[checks.Status]string{checks.StatusOK: "OK", checks.StatusWarning: "WARNING", checks.StatusProblem: "PROBLEM", checks.StatusSkipped: "SKIPPED"}[st]
}

// paint colours a status word with plain ANSI colours when colour was asked for.
func paint(on bool, st checks.Status, word string) string {
	if !on {
		return word
	}
	code := map[checks.Status]string{checks.StatusOK: "32", checks.StatusWarning: "33", checks.StatusProblem: "31", checks.StatusSkipped: "2"}[st]
	return "\x1b[" + code + "m" + word + "\x1b[0m"
}
