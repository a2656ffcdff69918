package tui

import (
	"errors"
	"io"
	"net"
	"strings"
	"sync"
	"testing"
	"time"

	tea "charm.land/bubbletea/v2"

	"github.com/unstuck-dev/unstuck/flows"

	"go.uber.org/goleak"
)

// No test of the UI may leave a goroutine behind: a check still running after the screen moved on,
// a watcher, a listener on a channel nobody sends to.
func TestMain(m *testing.M) {
	goleak.VerifyTestMain(m)
}

// The real program, on a pipe instead of a terminal: ctrl+c at once, and in the middle of a check.
// Whatever it started must have ended when Run returns (TestMain checks).
func TestRunEndsEverythingItStarted(t *testing.T) {
	lib, _ := flows.Library()
	for _, tc := range []struct {
		name, keys  string
		interrupted bool // q at the menu leaves before anything began: no interruption (exit 0)
	}{
		{"ctrl+c on the first screen", "\x03", true},
		{"ctrl+c after some answers", "\rShop\r50\r\r\r\x03", true},
		{"q on the menu", "q", false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			res, err := Run(Options{In: strings.NewReader(tc.keys), UnscrubbedScreen: io.Discard, Menu: MenuOf(lib), Flow: flowFor(tc.name, lib),
				Env: []string{"TERM=xterm-256color"}, Now: func() time.Time { return fixedNow }})
			if err != nil && !errors.Is(err, tea.ErrProgramKilled) {
				t.Fatalf("Run: %v", err)
			}
			if res.Interrupted != tc.interrupted || res.Finished {
				t.Errorf("the run ended as %+v, want interrupted %v and not finished", res, tc.interrupted)
			}
		})
	}
}

func flowFor(name string, lib []*flows.Flow) *flows.Flow {
	if strings.Contains(name, "menu") {
		return nil
	}
	return lib[0]
}

func TestRunStopsARunningCheckWhenItEnds(t *testing.T) {
	// A loopback server that takes connections and never answers: the connectivity check waits.
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	var conns []net.Conn
	var mu sync.Mutex
	reached := make(chan struct{}) // closed at the check's first connection: it is waiting
	go func() {
		for {
			c, err := ln.Accept()
			if err != nil {
				return
			}
			mu.Lock()
			if conns = append(conns, c); len(conns) == 1 {
				close(reached)
			}
			mu.Unlock()
		}
	}()
	t.Cleanup(func() {
		ln.Close()
		mu.Lock()
		for _, c := range conns {
			c.Close()
		}
		mu.Unlock()
	})
	before := goleak.IgnoreCurrent()
	lib, _ := flows.Library()
	// Answers up to the connection check, then ctrl+c while it waits.
	in, w := io.Pipe()
	go func() {
		io.WriteString(w, "\r"+ln.Addr().String()+"\r50\r\r\r1")
		select { // ctrl+c once the check waits on the server
		case <-reached:
		case <-time.After(15 * time.Second):
			t.Errorf("the connection check never reached the server, so ctrl+c stopped no running check")
		}
		io.WriteString(w, "\x03")
		w.Close()
	}()
	res, err := Run(Options{In: in, UnscrubbedScreen: io.Discard, Flow: lib[0], Env: []string{"TERM=xterm-256color"}, Now: func() time.Time { return fixedNow }})
	if err != nil && !errors.Is(err, tea.ErrProgramKilled) {
		t.Fatalf("Run: %v", err)
	}
	if !res.Interrupted {
		t.Errorf("not interrupted: %+v", res)
	}
	// The check waits up to seconds for an answer that never comes; it must have stopped with Run.
	goleak.VerifyNone(t, before)
}
