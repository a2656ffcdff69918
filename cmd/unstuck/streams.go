package main

import (
	"bytes"
	"io"
	"os"
	"strings"

	"github.com/charmbracelet/x/term"
)

// streams are the program's standard streams, and whether each is a terminal, so tests can pretend.
type streams struct {
	In     io.Reader
	Out    io.Writer
	ErrOut io.Writer
	InTTY  bool
	OutTTY bool
	ErrTTY bool
	inFd   uintptr // for reading a card number without echo; valid when InTTY
	Env    func(string) string
	lang   *string // --lang, shared by every command
}

func systemStreams() streams {
	isTTY := func(f *os.File) bool { return term.IsTerminal(f.Fd()) }
	return streams{
		In: os.Stdin, Out: os.Stdout, ErrOut: os.Stderr,
		InTTY: isTTY(os.Stdin), OutTTY: isTTY(os.Stdout), ErrTTY: isTTY(os.Stderr),
		inFd: os.Stdin.Fd(), Env: os.Getenv,
	}
}

// testStreams reads input from a string and collects output, with no terminal anywhere.
func testStreams(input string) (streams, *bytes.Buffer, *bytes.Buffer) {
	var out, errOut bytes.Buffer
	return streams{In: strings.NewReader(input), Out: &out, ErrOut: &errOut, Env: func(string) string { return "" }}, &out, &errOut
}
