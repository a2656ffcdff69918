package checks

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"strings"
	"sync"
	"testing"
	"time"

	"go.uber.org/goleak"
)

// shortGrace makes Run give up on a check that ignores its context at once, and restores the grace
// when the test ends.
func shortGrace(t *testing.T) {
	t.Helper()
	old := stopGrace
	stopGrace = time.Millisecond
	t.Cleanup(func() { stopGrace = old })
}

// stubborn is a check that ignores its context until the test ends, then returns: Run must leave it
// behind, and the goroutine must still end (goleak checks after the release).
func stubborn(t *testing.T) Spec {
	release := make(chan struct{})
	t.Cleanup(func() { close(release) })
	return Spec{Name: "stubborn", Timeout: time.Millisecond, Run: func(context.Context, Input) Result {
		<-release
		return Result{Name: "stubborn", Status: StatusOK, Outcome: "ok"}
	}}
}

func TestRunAppliesTheSpecsTimeoutAndTheCallersContext(t *testing.T) {
	t.Cleanup(func() { goleak.VerifyNone(t) })
	patient := func(timeout time.Duration, started chan<- struct{}) Spec {
		return Spec{Name: "patient", Timeout: timeout, Run: func(ctx context.Context, _ Input) Result {
			if started != nil {
				close(started)
			}
			<-ctx.Done()
			return Result{Name: "patient", Status: StatusSkipped, Outcome: "late", Detail: ctx.Err().Error()}
		}}
	}

	t.Run("a check that honours its deadline comes back with what it found", func(t *testing.T) {
		r := Run(context.Background(), patient(time.Millisecond, nil), Input{})
		if r.Outcome != "late" || r.Detail != context.DeadlineExceeded.Error() {
			t.Errorf("got %+v, want the check's own result after its deadline", r)
		}
	})
	t.Run("the caller's cancel reaches the check", func(t *testing.T) {
		ctx, cancel := context.WithCancel(context.Background())
		started := make(chan struct{})
		go func() { <-started; cancel() }()
		r := Run(ctx, patient(time.Hour, started), Input{})
		if r.Outcome != "late" || r.Detail != context.Canceled.Error() {
			t.Errorf("got %+v, want the check stopped by the caller", r)
		}
	})
	t.Run("a check with no timeout of its own gets the default one", func(t *testing.T) {
		var deadline time.Time
		var ok bool
		before := time.Now()
		Run(context.Background(), Spec{Name: "quick", Run: func(ctx context.Context, _ Input) Result {
			deadline, ok = ctx.Deadline()
			return Result{}
		}}, Input{})
		if !ok || deadline.After(time.Now().Add(DefaultTimeout)) || deadline.Before(before.Add(DefaultTimeout/2)) {
			t.Errorf("deadline %v (set: %v), want about %s from the start", deadline, ok, DefaultTimeout)
		}
	})
	t.Run("a shorter deadline of the caller's wins", func(t *testing.T) {
		ctx, cancel := context.WithTimeout(context.Background(), time.Millisecond)
		defer cancel()
		r := Run(ctx, patient(time.Hour, nil), Input{})
		if r.Detail != context.DeadlineExceeded.Error() {
			t.Errorf("got %+v, want the check stopped at the caller's deadline", r)
		}
	})
}

func TestRunLeavesBehindACheckThatIgnoresItsContext(t *testing.T) {
	t.Cleanup(func() { goleak.VerifyNone(t) }) // runs after stubborn's release: the check has ended
	shortGrace(t)

	t.Run("out of time, it is skipped as too slow", func(t *testing.T) {
		r := Run(context.Background(), stubborn(t), Input{})
		if r.Name != "stubborn" || r.Status != StatusSkipped || r.Outcome != OutcomeSkipped || !strings.Contains(r.Summary, "too long") {
			t.Errorf("got %+v, want a skipped result saying it took too long", r)
		}
		if !strings.Contains(r.Detail, "did not finish within 1ms") {
			t.Errorf("detail %q does not give the bound", r.Detail)
		}
	})
	t.Run("stopped by the caller, it is skipped as stopped", func(t *testing.T) {
		ctx, cancel := context.WithCancelCause(context.Background())
		cancel(errors.New("interrupted"))
		spec := stubborn(t)
		spec.Timeout = time.Hour
		r := Run(ctx, spec, Input{})
		if r.Status != StatusSkipped || r.Outcome != OutcomeSkipped || !strings.Contains(r.Summary, "stopped before it finished") {
			t.Errorf("got %+v, want a skipped result saying it was stopped", r)
		}
		if r.Detail != "check stubborn stopped: interrupted" {
			t.Errorf("detail %q, want the caller's cause", r.Detail)
		}
	})
	t.Run("its parts after Run returned are not passed on", func(t *testing.T) {
		release, finished := make(chan struct{}), make(chan struct{})
		spec := Spec{Name: "stubborn", Timeout: time.Millisecond, Run: func(_ context.Context, in Input) Result {
			defer close(finished)
			in.Progress(Result{Name: "early part"})
			<-release
			in.Progress(Result{Name: "late part"})
			return Result{Name: "stubborn"}
		}}
		var mu sync.Mutex
		var heard []string
		r := Run(context.Background(), spec, Input{Progress: func(p Result) {
			mu.Lock()
			defer mu.Unlock()
			heard = append(heard, p.Name)
		}})
		close(release)
		<-finished
		mu.Lock()
		defer mu.Unlock()
		if r.Outcome != OutcomeSkipped || strings.Join(heard, ",") != "early part" {
			t.Errorf("got %+v and heard %v; want skipped, and only the part before Run returned", r, heard)
		}
	})
}

func TestRunTurnsAPanicIntoAProblemThatNamesOnlyTheCheck(t *testing.T) {
	t.Cleanup(func() { goleak.VerifyNone(t) })
	for _, tc := range []struct {
		name  string
		panic any
	}{
		{"a panic with a string that holds a card number", "bad card 4242424242424242 cvc 123"},
		{"a panic with an error that holds an answer", fmt.Errorf("parsing %q", "5555555555554444")},
		{"a runtime error", nil},
	} {
		t.Run(tc.name, func(t *testing.T) {
			spec := Spec{Name: "fragile", Run: func(context.Context, Input) Result {
				if tc.panic == nil {
					var m map[string]int
					m["x"]++ // a nil map write panics with a runtime error
				}
				panic(tc.panic)
			}}
			r := Run(context.Background(), spec, Input{})
			if r.Name != "fragile" || r.Status != StatusProblem || r.Outcome != OutcomeSkipped {
				t.Errorf("got %+v, want a problem result for the check", r)
			}
			if r.Summary == "" || r.Detail != "internal error in check fragile" {
				t.Errorf("summary %q detail %q, want a plain line and the check's name only", r.Summary, r.Detail)
			}
			out, _ := json.Marshal(r)
			for _, leak := range []string{"4242", "4444", "123", "nil map", "parsing"} {
				if strings.Contains(string(out), leak) {
					t.Errorf("the result %s shows %q from the panic", out, leak)
				}
			}
		})
	}
}

func TestRunPassesPartsOnWhileTheCheckRuns(t *testing.T) {
	t.Cleanup(func() { goleak.VerifyNone(t) })
	t.Run("parts come one at a time, in the order reported", func(t *testing.T) {
		var heard []string
		spec := Spec{Name: "layered", Parts: []string{"one", "two"}, Run: func(_ context.Context, in Input) Result {
			for _, p := range []string{"one", "two"} {
				in.Progress(Result{Name: p, Status: StatusOK})
			}
			return Result{Name: "layered", Status: StatusOK}
		}}
		Run(context.Background(), spec, Input{Progress: func(p Result) { heard = append(heard, p.Name) }})
		if strings.Join(heard, ",") != "one,two" {
			t.Errorf("heard %v, want one,two", heard)
		}
	})
	t.Run("parts reported after the caller cancelled are not passed on", func(t *testing.T) {
		ctx, cancel := context.WithCancel(context.Background())
		var heard []string
		spec := Spec{Name: "layered", Run: func(ctx context.Context, in Input) Result {
			in.Progress(Result{Name: "before"})
			cancel()
			<-ctx.Done()
			in.Progress(Result{Name: "after"})
			return Result{Name: "layered"}
		}}
		Run(ctx, spec, Input{Progress: func(p Result) { heard = append(heard, p.Name) }})
		if strings.Join(heard, ",") != "before" {
			t.Errorf("heard %v, want only the part before the cancel", heard)
		}
	})
	t.Run("a check may report parts when the caller does not listen", func(t *testing.T) {
		spec := Spec{Name: "layered", Run: func(_ context.Context, in Input) Result {
			if in.Progress != nil {
				in.Progress(Result{Name: "one"})
			}
			return Result{Name: "layered", Outcome: "ok"}
		}}
		if r := Run(context.Background(), spec, Input{}); r.Outcome != "ok" {
			t.Errorf("got %+v", r)
		}
	})
}

func TestRunNamedFindsTheCheckInTheRegistry(t *testing.T) {
	t.Run("a registered check runs", func(t *testing.T) {
		r := RunNamed(context.Background(), "limit", Input{Params: map[string]string{"amount": "50", "available": "100"}})
		if r.Name != "limit" || r.Status != StatusOK {
			t.Errorf("got %+v, want the limit check's own result", r)
		}
	})
	t.Run("an unknown name comes back skipped, not a crash", func(t *testing.T) {
		r := RunNamed(context.Background(), "teleport", Input{})
		if r.Name != "teleport" || r.Status != StatusSkipped || r.Outcome != OutcomeSkipped || !strings.Contains(r.Summary, "not available") {
			t.Errorf("got %+v", r)
		}
	})
}

func TestDepFindsTheValueOfTheCheckersType(t *testing.T) {
	type clock struct{ name string }
	in := Input{Deps: []any{"a string", &clock{"fake"}}}
	if c, ok := Dep[*clock](in); !ok || c.name != "fake" {
		t.Errorf("Dep[*clock] = %v, %v; want the fake", c, ok)
	}
	if _, ok := Dep[int](in); ok {
		t.Error("Dep[int] found a value that is not there")
	}
	if _, ok := Dep[*clock](Input{}); ok {
		t.Error("Dep found a value in no deps")
	}
}
