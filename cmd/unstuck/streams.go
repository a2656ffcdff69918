package main

import (
	"bytes"
	"io"
	"os"
	"strings"

	"github.com/charmbracelet/x/term"

	// Named apart: the privacy tests of this package have their own redact.
	scrubber "github.com/unstuck-dev/unstuck/checks/redact"
)

// streams are the program's standard streams, and whether each is a terminal, so tests can pretend.
// Out and ErrOut scrub everything written to them (scrubber.Writer): the one way out for text, so no
// card number, security code or expiry date leaves the program; run flushes them when it returns.
type streams struct {
	In     io.Reader
	Out    io.Writer
	ErrOut io.Writer
	InTTY  bool
	OutTTY bool
	ErrTTY bool
	// ScreenTTY says the full-screen UI has a terminal to draw on: stderr, or, when stderr is
	// redirected (unstuck 2>log), the terminal itself, opened as fzf and gum do.
	ScreenTTY bool
	inFd      uintptr // for reading a card number without echo; valid when InTTY
	Env       func(string) string
	lang      *string       // --lang, shared by every command
	lib       *libraryFlags // --flows and --no-builtin, and the library they give (library.go)

	// unscrubbedScreen is the raw terminal the full-screen UI draws on, and nothing else: Bubble Tea
	// writes only the changes between frames, which no stream scrubber can read, so the UI scrubs
	// each whole frame itself before drawing it (tui.App.View).
	unscrubbedScreen io.Writer
}

func systemStreams() streams {
	isTTY := func(f *os.File) bool { return term.IsTerminal(f.Fd()) }
	s := streams{
		In: os.Stdin, Out: scrubber.NewWriter(os.Stdout), ErrOut: scrubber.NewWriter(os.Stderr), unscrubbedScreen: os.Stderr,
		InTTY: isTTY(os.Stdin), OutTTY: isTTY(os.Stdout), ErrTTY: isTTY(os.Stderr),
		inFd: os.Stdin.Fd(), Env: os.Getenv,
	}
	s.ScreenTTY = s.ErrTTY
	if !s.ErrTTY && (s.InTTY || s.OutTTY) {
		// stderr goes to a file, but a person is at a terminal: draw there, and leave stderr to
		// the messages it was redirected for. Opened once, for the life of the program.
		if tty, err := os.OpenFile(ttyPath, os.O_RDWR, 0); err == nil && isTTY(tty) {
			s.unscrubbedScreen, s.ScreenTTY = tty, true
		} else if err == nil {
			tty.Close()
		}
	}
	return s
}

// ttyPath names the process's terminal, whatever its standard streams are.
const ttyPath = "/dev/tty"

// flush writes out what the scrubbing writers still hold (the end of a number that might have gone
// on). run calls it when it returns; the full-screen UI's caller calls it before drawing.
func (s streams) flush() {
	for _, w := range []io.Writer{s.Out, s.ErrOut} {
		if f, ok := w.(*scrubber.Writer); ok {
			f.Flush()
		}
	}
}

// testStreams reads input from a string and collects output, with no terminal anywhere.
func testStreams(input string) (streams, *bytes.Buffer, *bytes.Buffer) {
	var out, errOut bytes.Buffer
	return streams{In: strings.NewReader(input), Out: scrubber.NewWriter(&out), ErrOut: scrubber.NewWriter(&errOut), unscrubbedScreen: &errOut,
		Env: noSystemFlows}, &out, &errOut
}

// noSystemFlows is an empty environment, but for XDG_DATA_DIRS, which names no folder: unset, it
// would mean /usr/share, and a library installed on the machine would reach the tests.
func noSystemFlows(key string) string {
	if key == "XDG_DATA_DIRS" {
		return "/nonexistent/unstuck-tests"
	}
	return ""
}
