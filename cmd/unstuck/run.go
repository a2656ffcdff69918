package main

import (
	"context"
	"errors"
	"fmt"
	"io"

	"github.com/spf13/cobra"

	"github.com/unstuck-dev/unstuck/flows"
	"github.com/unstuck-dev/unstuck/tui"
)

type runOptions struct {
	streams streams
	flow    string // a built-in flow's id or a file; empty shows the menu
	ascii   bool
	saveDir string
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
	return cmd
}

func runFlow(ctx context.Context, opts *runOptions) error {
	s := opts.streams
	lib, libErr := flows.Library()
	var flow *flows.Flow
	if opts.flow != "" {
		f, diags := flows.Find(opts.flow)
		if diags.HasErrors() {
			fmt.Fprintln(s.ErrOut, flows.ScrubCardNumbers(diags.Error()))
			return exitQuietly(exitProblems)
		}
		flow = f
	} else if libErr != nil {
		return exitWith(exitProblems, fmt.Errorf("a built-in flow is broken:\n%w", libErr))
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

	res, err := tui.Run(tui.Options{Out: s.ErrOut, Flow: flow, Library: lib, SaveDir: opts.saveDir, ASCII: opts.ascii, Context: ctx})
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
