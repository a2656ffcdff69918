package tui

import (
	"bufio"
	"context"
	"errors"
	"fmt"
	"io"
	"strings"
	"time"

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
	Net    *checks.NetDeps
	Prompt bool // show "> " before each answer (off when answers come from a file)
	Store  Store
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
}

// RunLines walks the flow reading one answer a line and returns the summary when it ends.
func RunLines(opts LineOptions) (Result, error) {
	now := opts.Now
	if now == nil {
		now = time.Now
	}
	ctx := opts.Context
	if ctx == nil {
		ctx = context.Background()
	}
	e := &env{now: now, net: opts.Net, store: opts.Store, lang: opts.Lang, ctx: ctx}
	in := newLineReader(opts.In)
	out := opts.Out
	audience := flows.AudienceShopper
	if opts.Staff {
		audience = flows.AudienceStaff
	}
	st := flows.StartAs(opts.Flow, now(), audience).WithCaseID(opts.CaseID)
	if opts.Resume != nil {
		st = *opts.Resume
	}
	fmt.Fprintf(out, "%s\n", flows.Sanitize(opts.Flow.Title))
	prefillUsed := map[string]int{}
	for !st.Done() {
		n := st.Node()
		if req, ok := st.PendingCheck(); ok {
			r := runCheck(req, e, func(part checks.Result) {
				if ctx.Err() != nil {
					return // the layers a stopped check skips are no news
				}
				lp := flows.LocalizeLayer(part, e.lang)
				fmt.Fprintf(out, "  [%s] %s: %s\n", paint(opts.Color, part.Status, flows.Word(e.lang, statusWord(part.Status))), flows.LayerName(e.lang, part.Name), flows.Sanitize(lp.Summary))
			})
			lr := flows.LocalizeResult(r, e.lang)
			if err := ctx.Err(); err != nil {
				// The check was stopped, not finished: its result is not the walk's.
				fmt.Fprintln(out)
				return Result{}, interrupted{cause: context.Cause(ctx)}
			}
			fmt.Fprintf(out, "[%s] %s\n", paint(opts.Color, r.Status, flows.Word(e.lang, statusWord(r.Status))), flows.Sanitize(lr.Summary))
			if lr.Next != "" && r.Status != checks.StatusOK {
				fmt.Fprintf(out, "  %s\n", flows.Sanitize(lr.Next))
			}
			next, err := st.WithResult(r, now())
			if err != nil {
				return Result{}, err
			}
			st = next
			continue
		}
		fmt.Fprintf(out, "\n%s %d. ", e.t("Step"), st.StepNumber())
		if t := st.Text(n.Title); t != "" || opts.Staff {
			if opts.Staff {
				t = strings.TrimSpace("[" + n.ID + "] " + t)
			}
			fmt.Fprintf(out, "%s\n", t)
		}
		if opts.Staff && n.StaffNote != "" {
			fmt.Fprintf(out, "%s %s\n", e.t("For staff:"), st.Text(n.StaffNote))
		}
		fmt.Fprintf(out, "%s\n", st.Text(strings.TrimRight(n.Text, "\n")))
		switch n.Kind {
		case flows.KindChoice:
			for i, o := range n.Options {
				fmt.Fprintf(out, "  %d. %s\n", i+1, st.Text(o.Label))
			}
			fmt.Fprintf(out, e.t("Type a number from 1 to %d.")+"\n", len(n.Options))
		case flows.KindInput:
			if n.Input.Optional {
				fmt.Fprintln(out, e.t("Optional: an empty line skips it."))
			}
		case flows.KindMessage:
			fmt.Fprintln(out, e.t("Press enter to continue."))
		}
		if n.Help != "" {
			fmt.Fprintln(out, e.t("(Type ? for help with this step.)"))
		}
		if next, ok := givePrefill(opts.Prefill, prefillUsed, st, out, now()); ok {
			st = next
			if problem := e.save(st); problem != "" {
				fmt.Fprintln(out, problem)
			}
			continue
		}
		for {
			if opts.Prompt {
				fmt.Fprint(out, "> ")
			}
			line, ok, err := in.next(ctx)
			if err != nil {
				fmt.Fprintln(out) // the shell's prompt starts on a line of its own
				return Result{}, err
			}
			if !ok {
				fmt.Fprintln(out)
				return Result{}, inputEnded{lang: e.lang}
			}
			if t := strings.TrimSpace(line); (t == "?" || t == "help") && n.Kind != flows.KindInput || t == "?" && n.Help != "" {
				if n.Help != "" {
					fmt.Fprintf(out, "%s\n", st.Text(n.Help))
				} else {
					fmt.Fprintln(out, e.t("There is no extra help for this step. Type back to go back a step."))
				}
				continue
			}
			if t := strings.ToLower(strings.TrimSpace(line)); (t == "back" || t == strings.ToLower(e.t("back"))) && st.CanGoBack() {
				st, _ = st.Back()
				break
			}
			next, err := st.Answer(line, now())
			if err != nil {
				fmt.Fprintf(out, "%s\n", err.Error())
				continue
			}
			st = next
			if problem := e.save(st); problem != "" {
				fmt.Fprintln(out, problem)
			}
			break
		}
	}
	end := st.Node()
	fmt.Fprintf(out, "\n%s\n", st.Text(end.Title))
	for _, a := range end.Advice {
		fmt.Fprintf(out, "- %s\n", st.Text(a))
	}
	e.store.Forget(opts.Flow)
	return Result{Final: &st, Finished: true}, nil
}

// givePrefill answers the step the walk stands on with its next prefilled answer, if it has one
// left, and writes it after the prompt as it is shown in the summary (a sensitive answer masked), so
// that a screen reader reads it and a log shows it like a typed one. An answer that does not fit is
// explained, and the step is then asked as usual.
func givePrefill(prefill map[string][]string, used map[string]int, st flows.State, out io.Writer, now time.Time) (flows.State, bool) {
	n := st.Node()
	list := prefill[n.ID]
	if (n.Kind != flows.KindInput && n.Kind != flows.KindChoice) || used[n.ID] >= len(list) {
		return st, false
	}
	value := list[used[n.ID]]
	used[n.ID]++
	next, err := st.Answer(value, now)
	if err != nil {
		fmt.Fprintf(out, "%s\n", flows.Sanitize(err.Error()))
		return st, false
	}
	fmt.Fprintf(out, "> %s\n", flows.ScrubCardNumbers(flows.Sanitize(next.Answers()[n.ID].Display)))
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
