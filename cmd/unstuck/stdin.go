package main

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"time"

	"github.com/unstuck-dev/unstuck/flows"
	"github.com/unstuck-dev/unstuck/flows/files"
	"github.com/unstuck-dev/unstuck/flows/saferead"
)

// stdinName is the path that means standard input, for lint, graph, test, run --answers and --from.
const stdinName = "-"

// readInput reads path, at most max bytes: "-" is standard input, read to its end; anything else
// is a file or a pipe (<(…)), given up after wait when nothing arrives. ctx ends either wait: a
// terminal that is never closed with ctrl+d still answers ctrl+c and SIGTERM.
func readInput(ctx context.Context, s streams, path string, max int64, wait time.Duration) ([]byte, error) {
	if ctx == nil {
		ctx = context.Background()
	}
	if path != stdinName {
		return saferead.ReadFileOrPipe(ctx, path, max, wait)
	}
	type read struct {
		data []byte
		err  error
	}
	done := make(chan read, 1)
	go func() {
		data, err := saferead.ReadStream(s.In, max)
		done <- read{data, err}
	}()
	select {
	case r := <-done:
		return r.data, r.err
	case <-ctx.Done():
		return nil, context.Cause(ctx)
	}
}

// stdinShown names standard input in diagnostics, as gofmt does.
const stdinShown = "<stdin>"

// stdinError is the error for standard input that could not be read: ctrl+c, or too much.
func stdinError(ctx context.Context, err error) error {
	if ctx != nil && ctx.Err() != nil {
		return exitQuietly(exitInterrupted)
	}
	return exitWith(exitProblems, fmt.Errorf("cannot read standard input: %w", err))
}

// lintStdin lints a flow given on standard input.
func lintStdin(ctx context.Context, s streams) (flows.Diagnostics, []byte) {
	data, err := readInput(ctx, s, stdinName, flows.MaxFileSize, 0)
	if err != nil {
		return flows.Diagnostics{{Path: stdinShown, Pos: flows.Pos{Line: 1, Col: 1}, Severity: flows.SeverityError, Code: flows.CodeSyntax,
			Message: "cannot read standard input: " + files.PlainError(err)}}, nil
	}
	_, diags := flows.Parse(stdinShown, data)
	return diags, data
}

// findOrStdin is files.Find, with - for a flow on standard input; data is what standard input held.
func findOrStdin(ctx context.Context, s streams, name string) (f *flows.Flow, diags flows.Diagnostics, data []byte) {
	if name != stdinName {
		f, diags = library(s).Get(name)
		return f, diags, nil
	}
	data, err := readInput(ctx, s, stdinName, flows.MaxFileSize, 0)
	if err != nil {
		return nil, flows.Diagnostics{{Path: stdinShown, Pos: flows.Pos{Line: 1, Col: 1}, Severity: flows.SeverityError, Code: flows.CodeSyntax,
			Message: "cannot read standard input: " + files.PlainError(err)}}, nil
	}
	f, diags = flows.Parse(stdinShown, data)
	return f, diags, data
}

// readFailed is the error for an input that could not be read (readInput): quiet on an interrupt,
// otherwise what was read and why, without Go's wording ("open x: no such file or directory").
func readFailed(ctx context.Context, err error, what, name string) error {
	if ctx.Err() != nil {
		return exitQuietly(exitInterrupted)
	}
	reason := err
	var pe *fs.PathError
	if errors.As(err, &pe) {
		reason = pe.Err
	}
	if errors.Is(err, fs.ErrNotExist) {
		reason = errors.New("no such file")
	}
	return exitWith(exitProblems, fmt.Errorf("cannot read %s %s: %w", what, name, reason))
}
