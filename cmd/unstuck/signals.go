package main

import (
	"context"
	"os"
	"os/signal"
	"time"

	"github.com/charmbracelet/x/term"

	"github.com/unstuck-dev/unstuck/tui"
)

// signalGrace is how long the program has after a stop signal to end the ordinary way (the terminal
// given back, the status said); after it, or at a second signal, it ends at once.
const signalGrace = time.Second

// watchSignals returns a context that ends when one of stopSignals arrives, with signalled as its
// cause. Every wait answers that context and ends within milliseconds; should something not (a write
// to a pipe nobody reads), the program still ends once signalGrace has passed or at a second signal,
// with the signal's status and the terminal's line settings put back as they were found. While the
// full-screen UI is suspended (ctrl+z), it ends at once.
// Catching SIGQUIT also keeps Go from printing its goroutine dump, which could hold answers.
func watchSignals(parent context.Context, s streams) (context.Context, func()) {
	ctx, cancel := context.WithCancelCause(parent)
	var restore func()
	if s.InTTY {
		if st, err := term.GetState(s.inFd); err == nil {
			restore = func() { _ = term.Restore(s.inFd, st) }
		}
	}
	sigs := make(chan os.Signal, 2)
	signal.Notify(sigs, stopSignals...)
	done := make(chan struct{})
	go func() {
		var grace <-chan time.Time
		var last os.Signal
		for {
			select {
			case <-done:
				return
			case sig := <-sigs:
				if tui.Suspended() || s.InTTY && inBackground(s.inFd) {
					// The shell has the terminal (suspended, or continued in the background without
					// fg): touching it would stop us again, and the suspend gave it back already.
					exitNow(sig, nil)
				}
				if last != nil {
					exitNow(sig, restore)
				}
				last = sig
				cancel(signalled{sig})
				grace = time.After(signalGrace)
			case <-grace:
				exitNow(last, restore)
			}
		}
	}()
	return ctx, func() {
		signal.Stop(sigs)
		close(done)
		cancel(nil)
	}
}

// exitNow ends the program at once with the status for sig.
func exitNow(sig os.Signal, restore func()) {
	if restore != nil {
		restore()
	}
	os.Exit(exitForSignal(sig))
}
