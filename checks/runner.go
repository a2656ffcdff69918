package checks

import (
	"context"
	"errors"
	"fmt"
	"sync"
	"time"
)

// DefaultTimeout bounds one run of a check whose Spec sets no Timeout. Checks with bounds of their
// own (connectivity's timeout parameter, 5s by default) stay well inside it; it guards against a
// check that has none.
const DefaultTimeout = 20 * time.Second

// OutcomeSkipped is the outcome of a result the runner makes itself, when a check could not give
// one: unknown, stopped, out of time or crashed. A flow's branches on a check's own outcomes do not
// match it, so the walk takes the check node's next.
const OutcomeSkipped = "skipped"

// stopGrace is how long Run waits, once the run's deadline has passed or the caller has cancelled,
// for the check to return by itself with what it found. A check that takes longer is left behind.
// A variable so tests of a check that never returns need not wait.
var stopGrace = 2 * time.Second

// RunNamed runs the check called name with Run; a name no check has comes back skipped.
func RunNamed(ctx context.Context, name string, in Input) Result {
	spec, ok := Lookup(name)
	if !ok {
		return Result{Name: name, Status: StatusSkipped, Outcome: OutcomeSkipped,
			Summary: "This check is not available in this version.",
			Detail:  fmt.Sprintf("there is no check called %q", name)}
	}
	return Run(ctx, spec, in)
}

// Run runs one check. It is the one way every front end runs a check (the full-screen UI, the line
// mode, --answers and flow tests), so each gets the same rules:
//   - The run's context derives from ctx, so the caller's cancel (ctrl+c, SIGTERM) stops the check,
//     and carries the spec's Timeout (DefaultTimeout when it sets none).
//   - When that context ends, the check has a moment to return what it found; a check that does not
//     return in that moment is left behind, and Run returns a skipped result saying why.
//   - A check that panics comes back as a problem result that names the check and nothing else: the
//     panic's text may hold what the shopper typed, so it is never shown.
//   - in.Progress hears each part the check reports, one at a time, and never once the run's
//     context has ended or Run has returned. It should not block.
func Run(ctx context.Context, spec Spec, in Input) Result {
	if ctx == nil {
		ctx = context.Background()
	}
	timeout := spec.Timeout
	if timeout <= 0 {
		timeout = DefaultTimeout
	}
	runCtx, cancel := context.WithTimeout(ctx, timeout)
	defer cancel()
	gate := &partGate{ctx: runCtx, to: in.Progress}
	defer gate.close()
	if in.Progress != nil {
		in.Progress = gate.report
	}
	done := make(chan Result, 1) // room for the result, so a check left behind never blocks
	go func() { done <- runGuarded(runCtx, spec, in) }()
	select {
	case r := <-done:
		return r
	case <-runCtx.Done():
	}
	grace := time.NewTimer(stopGrace)
	defer grace.Stop()
	select {
	case r := <-done:
		return r
	case <-grace.C:
		return stoppedResult(ctx, spec, timeout)
	}
}

// runGuarded runs the check and turns a panic into a result.
func runGuarded(ctx context.Context, spec Spec, in Input) (r Result) {
	defer func() {
		if p := recover(); p != nil {
			r = Result{Name: spec.Name, Status: StatusProblem, Outcome: OutcomeSkipped,
				Summary: "The check stopped unexpectedly, so it could not give an answer.",
				Detail:  "internal error in check " + spec.Name}
		}
	}()
	return spec.Run(ctx, in)
}

// stoppedResult says why a check that was left behind has no result: the caller stopped it, or it
// ran out of time.
func stoppedResult(caller context.Context, spec Spec, timeout time.Duration) Result {
	r := Result{Name: spec.Name, Status: StatusSkipped, Outcome: OutcomeSkipped}
	if err := caller.Err(); err != nil {
		r.Summary = "The check was stopped before it finished."
		r.Detail = fmt.Sprintf("check %s stopped: %v", spec.Name, context.Cause(caller))
		if errors.Is(err, context.DeadlineExceeded) {
			r.Detail = fmt.Sprintf("check %s stopped: the caller's time ran out", spec.Name)
		}
		return r
	}
	r.Summary = "The check took too long, so it was skipped."
	r.Detail = fmt.Sprintf("check %s did not finish within %s", spec.Name, timeout)
	return r
}

// partGate passes a check's parts on to the caller one at a time, and none once the run has ended.
type partGate struct {
	mu     sync.Mutex
	ctx    context.Context
	to     func(Result)
	closed bool
}

func (g *partGate) report(part Result) {
	g.mu.Lock()
	defer g.mu.Unlock()
	if g.closed || g.ctx.Err() != nil {
		return
	}
	g.to(part)
}

func (g *partGate) close() {
	g.mu.Lock()
	g.closed = true
	g.mu.Unlock()
}
