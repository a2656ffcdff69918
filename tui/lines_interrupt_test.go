package tui

import (
	"context"
	"errors"
	"io"
	"net"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/unstuck-dev/unstuck/flows/session"

	"go.uber.org/goleak"

	"github.com/unstuck-dev/unstuck/flows"
)

// syncBuffer collects a runner's output while the test reads it.
type syncBuffer struct {
	mu sync.Mutex
	b  strings.Builder
}

func (s *syncBuffer) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.Write(p)
}

func (s *syncBuffer) String() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.String()
}

// eventually polls cond; bounded, so a hang fails the test instead of blocking it.
func eventually(t *testing.T, what string, cond func() bool) {
	t.Helper()
	deadline := time.Now().Add(10 * time.Second)
	for !cond() {
		if time.Now().After(deadline) {
			t.Fatalf("gave up waiting for %s", what)
		}
		time.Sleep(10 * time.Millisecond)
	}
}

// linesRun is a line-mode run in the background, its answers typed into a pipe that stays open, as a
// terminal does while nobody types.
type linesRun struct {
	out    *syncBuffer
	typing *io.PipeWriter
	cancel context.CancelCauseFunc
	done   chan struct{}
	res    Result
	err    error
}

func startLines(t *testing.T, opts LineOptions) *linesRun {
	t.Helper()
	in, w := io.Pipe()
	ctx, cancel := context.WithCancelCause(context.Background())
	r := &linesRun{out: &syncBuffer{}, typing: w, cancel: cancel, done: make(chan struct{})}
	opts.In, opts.Out, opts.Context, opts.Prompt = in, r.out, ctx, true
	if opts.Now == nil {
		opts.Now = func() time.Time { return fixedNow }
	}
	go func() {
		defer close(r.done)
		r.res, r.err = RunLines(opts)
	}()
	t.Cleanup(func() {
		cancel(nil)
		w.Close() // ends the read a cancelled wait left behind
		<-r.done
	})
	return r
}

func (r *linesRun) answer(t *testing.T, lines ...string) {
	t.Helper()
	for _, l := range lines {
		if _, err := io.WriteString(r.typing, l+"\n"); err != nil {
			t.Fatalf("typing %q: %v", l, err)
		}
	}
}

// ended waits for RunLines to return; bounded, so a wait that ignores the context fails the test.
func (r *linesRun) ended(t *testing.T) (Result, error) {
	t.Helper()
	select {
	case <-r.done:
		return r.res, r.err
	case <-time.After(10 * time.Second):
		t.Fatalf("RunLines did not return after its context ended (it waits for input nobody types); output so far:\n%s", r.out.String())
		return Result{}, nil
	}
}

func TestRunLinesAnswersItsContext(t *testing.T) {
	lib, _ := flows.Library()
	flow := lib[0]

	t.Run("a wait for an answer that never comes ends when the context is cancelled, with the interrupted error", func(t *testing.T) {
		r := startLines(t, LineOptions{Flow: flow})
		eventually(t, "the first prompt", func() bool { return strings.Contains(r.out.String(), "> ") })
		cause := errors.New("SIGTERM, say")
		r.cancel(cause)
		res, err := r.ended(t)
		if !errors.Is(err, ErrInterrupted) {
			t.Fatalf("err = %v, want ErrInterrupted", err)
		}
		if !errors.Is(err, cause) {
			t.Errorf("err = %v; the context's cause (which signal) is lost", err)
		}
		if res.Finished || errors.Is(err, ErrInputEnded) {
			t.Errorf("an interrupted run reads as finished or as input that ran out: %+v, %v", res, err)
		}
	})

	t.Run("an interruption keeps the progress saved up to the last answer", func(t *testing.T) {
		store := session.Store{Dir: t.TempDir()}
		r := startLines(t, LineOptions{Flow: flow, Store: store})
		r.answer(t, "", "Example Shoes")
		eventually(t, "the store answer to be saved", func() bool {
			saved, _ := store.List()
			return len(saved) == 1 && flows.Restore(flow, saved[0].Snap, fixedNow).Node().ID == "connection-check"
		})
		r.cancel(nil)
		if _, err := r.ended(t); !errors.Is(err, ErrInterrupted) {
			t.Fatalf("err = %v, want ErrInterrupted", err)
		}
		saved, problems := store.List()
		if len(saved) != 1 || len(problems) != 0 {
			t.Fatalf("after the interruption the store holds %d sessions (problems %v), want the one in progress", len(saved), problems)
		}
		if at := flows.Restore(flow, saved[0].Snap, fixedNow).Node().ID; at != "connection-check" {
			t.Errorf("the saved session stands at %s, want connection-check (the check after the last answer, run again on resume)", at)
		}
	})

	t.Run("a check still running stops when the context is cancelled, and its result is not kept", func(t *testing.T) {
		// A loopback site that takes connections and never answers: the connection check waits.
		ln, err := net.Listen("tcp", "127.0.0.1:0")
		if err != nil {
			t.Fatal(err)
		}
		var mu sync.Mutex
		var conns []net.Conn
		go func() {
			for {
				c, err := ln.Accept()
				if err != nil {
					return
				}
				mu.Lock()
				conns = append(conns, c)
				mu.Unlock()
			}
		}()
		defer func() {
			ln.Close()
			mu.Lock()
			for _, c := range conns {
				c.Close()
			}
			mu.Unlock()
		}()
		before := goleak.IgnoreCurrent()
		store := session.Store{Dir: t.TempDir()}
		r := startLines(t, LineOptions{Flow: flow, Store: store})
		r.answer(t, "", ln.Addr().String(), "1") // "1": yes, test the address typed as the store
		eventually(t, "the check to reach the site", func() bool {
			mu.Lock()
			defer mu.Unlock()
			return len(conns) > 0
		})
		r.cancel(nil)
		if _, err := r.ended(t); !errors.Is(err, ErrInterrupted) {
			t.Fatalf("err = %v, want ErrInterrupted; output:\n%s", err, r.out.String())
		}
		if out := r.out.String(); strings.Contains(out, "[PROBLEM]") || strings.Contains(out, "[SKIPPED]") {
			t.Errorf("the stopped check was reported as a result:\n%s", out)
		}
		saved, _ := store.List()
		if len(saved) != 1 {
			t.Fatalf("the store holds %d sessions, want the one in progress", len(saved))
		}
		if st := flows.Restore(flow, saved[0].Snap, fixedNow); st.Node().ID != "connection-check" {
			t.Errorf("the saved session stands at %s, want connection-check (the checks not done, so resume runs them again)", st.Node().ID)
		}
		r.typing.Close()
		goleak.VerifyNone(t, before) // the check's dials and timers ended with it
	})
}
