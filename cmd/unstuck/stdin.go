package main

import (
	"context"
	"time"

	"github.com/unstuck-dev/unstuck/flows/saferead"
)

// stdinName is the path that means standard input, for lint, graph, test, run --answers and --from.
const stdinName = "-"

// readInput reads path, at most max bytes: "-" is standard input, read to its end; anything else
// is a file or a pipe (<(…)), given up after wait when nothing arrives. ctx ends either wait: a
// terminal that is never closed with ctrl+d still answers ctrl+c and SIGTERM.
func readInput(ctx context.Context, s streams, path string, max int64, wait time.Duration) ([]byte, error) {
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
