package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"time"

	"github.com/spf13/cobra"

	"github.com/unstuck-dev/unstuck/checks"
	"github.com/unstuck-dev/unstuck/flows"
	"github.com/unstuck-dev/unstuck/tui"
)

type runOptions struct {
	streams streams
	flow    string // a built-in flow's id or a file; empty shows the menu
	ascii   bool
	saveDir string
	answers string // a file of answers: run with no terminal and print the summary
	watch   bool   // live preview: reload the flow file when it changes
}

func newRunCmd(s streams) *cobra.Command {
	opts := &runOptions{streams: s}
	cmd := &cobra.Command{
		Use:   "run FLOW|FILE",
		Short: "Run a built-in flow by its id, or a flow file",
		Long: `Run a flow. FLOW is a built-in flow's id (see unstuck list) or the path of a flow file.

The full-screen UI draws on standard error; when the flow ends, the support summary is printed on
standard output, so "unstuck run payment-fails > case.txt" keeps it. Without a terminal, the flow
runs line by line: one answer a line on standard input.`,
		Example: "  unstuck run payment-fails\n  unstuck run ./my-flow.yaml",
		Args: func(cmd *cobra.Command, args []string) error {
			if len(args) != 1 {
				return fmt.Errorf("name one flow to run, like: unstuck run payment-fails (unstuck list shows them all)")
			}
			return nil
		},
		RunE: func(cmd *cobra.Command, args []string) error {
			opts.flow = args[0]
			return runFlow(cmd.Context(), opts)
		},
	}
	cmd.Flags().BoolVar(&opts.ascii, "ascii", false, "draw plain ASCII marks instead of symbols")
	cmd.Flags().StringVar(&opts.saveDir, "save-dir", "", "folder where s on the end screen saves the summary (default: the current folder)")
	cmd.Flags().BoolVar(&opts.watch, "watch", false, "live preview for writers: reload the flow file when it changes, keeping the answers given so far")
	cmd.Flags().StringVar(&opts.answers, "answers", "", "run with no terminal from a file of answers (and pretended check results), printing the summary")
	return cmd
}

func runFlow(ctx context.Context, opts *runOptions) error {
	s := opts.streams
	lib, libErr := flows.Library()
	var flow *flows.Flow
	if opts.flow != "" {
		f, diags := flows.Find(opts.flow)
		if diags.HasErrors() && !(opts.watch && isFile(opts.flow)) {
			fmt.Fprintln(s.ErrOut, flows.ScrubCardNumbers(diags.Error()))
			return exitQuietly(exitProblems)
		}
		flow = f
	} else if libErr != nil {
		return exitWith(exitProblems, fmt.Errorf("a built-in flow is broken:\n%w", libErr))
	}

	if opts.answers != "" {
		return runWithAnswers(s, flow, opts.answers)
	}

	if !s.InTTY || !s.ErrTTY || getenv(s, "TERM") == "dumb" {
		if flow == nil {
			return exitWith(exitUsage, errors.New("without a terminal, name a flow: unstuck run FLOW (see unstuck list)"))
		}
		res, err := tui.RunLines(tui.LineOptions{In: s.In, Out: s.ErrOut, Flow: flow, Prompt: s.InTTY})
		if errors.Is(err, tui.ErrInputEnded) {
			return exitWith(exitProblems, err)
		}
		if err != nil {
			return exitWith(exitProblems, err)
		}
		return printSummary(s.Out, res.Summary)
	}

	topts := tui.Options{Out: s.ErrOut, Flow: flow, Library: lib, SaveDir: opts.saveDir, ASCII: opts.ascii, Context: ctx}
	if opts.watch {
		if !isFile(opts.flow) {
			return exitWith(exitUsage, errors.New("--watch previews a flow file: name its path, like unstuck run ./my-flow.yaml --watch"))
		}
		topts.Watch = opts.flow
	}
	res, err := tui.Run(topts)
	if err != nil && !res.Interrupted {
		if errors.Is(ctx.Err(), context.Canceled) {
			return exitQuietly(exitInterrupted)
		}
		return exitWith(exitProblems, fmt.Errorf("the screen stopped: %w", err))
	}
	if res.Interrupted {
		return exitQuietly(exitInterrupted)
	}
	if res.Finished {
		return printSummary(s.Out, res.Summary)
	}
	return nil
}

func printSummary(w io.Writer, summary string) error {
	if _, err := io.WriteString(w, summary); err != nil {
		return exitWith(exitProblems, fmt.Errorf("could not print the summary: %w", err))
	}
	return nil
}

// runWithAnswers walks the flow from a file of answers: the same engine as the UI, for scripts, tests
// and support staff preparing a case. Checks not pretended in the file run for real.
func runWithAnswers(s streams, flow *flows.Flow, path string) error {
	if flow == nil {
		return exitWith(exitUsage, errors.New("--answers needs a flow: unstuck run FLOW --answers FILE"))
	}
	af, diags := flows.LoadAnswersFile(path)
	if diags.HasErrors() {
		fmt.Fprintln(s.ErrOut, flows.ScrubCardNumbers(diags.Error()))
		return exitQuietly(exitProblems)
	}
	res, _ := af.Run(flow, func(req flows.CheckRequest, now time.Time) (checks.Result, error) {
		spec, ok := checks.Lookup(req.Check)
		if !ok {
			return checks.Result{}, fmt.Errorf("there is no check called %q", req.Check)
		}
		ctx, cancel := context.WithTimeout(context.Background(), 20*time.Second)
		defer cancel()
		return spec.Run(ctx, checks.Input{Params: req.Params, Now: now}), nil
	})
	if !res.Passed() {
		return exitWith(exitProblems, fmt.Errorf("%s: %s", path, flows.ScrubCardNumbers(res.Failure)))
	}
	return printSummary(s.Out, res.Summary)
}

func isFile(path string) bool {
	info, err := os.Stat(path)
	return err == nil && !info.IsDir()
}
