package main

import (
	"errors"
	"fmt"
	"time"

	"github.com/spf13/cobra"

	"github.com/unstuck-dev/unstuck/flows"
)

func newResumeCmd(s streams) *cobra.Command {
	opts := &runOptions{streams: s}
	cmd := &cobra.Command{
		Use:   "resume [FLOW]",
		Short: "Continue an interrupted run where it stopped",
		Long: `Continues the most recent run that did not finish (or the one of FLOW), even after the terminal
was closed or the program was killed. Answers that are never saved, such as a card number, are
asked for again. A saved session that cannot be read is set aside with a message, never a crash.`,
		Example: "  unstuck resume\n  unstuck resume payment-fails",
		Args: func(cmd *cobra.Command, args []string) error {
			if len(args) > 1 {
				return errors.New("name at most one flow to resume")
			}
			return nil
		},
		RunE: func(cmd *cobra.Command, args []string) error {
			store := opts.store()
			sessions, problems := store.List()
			for _, p := range problems {
				fmt.Fprintln(s.ErrOut, p)
			}
			for _, sv := range sessions {
				if len(args) == 0 || sv.Snap.FlowID == args[0] {
					sv := sv
					opts.resume = &sv
					break
				}
			}
			if opts.resume == nil {
				what := "no run to continue"
				if len(args) == 1 {
					what = fmt.Sprintf("no run of %q to continue", args[0])
				}
				return exitWith(exitProblems, fmt.Errorf("%s: every run so far was finished, or nothing was saved", what))
			}
			fmt.Fprintf(s.ErrOut, "Continuing %s\n", opts.resume.Describe(time.Now(), func(w string) string { return flows.Word(language(s), w) }))
			opts.staff = opts.staff || opts.resume.Snap.Audience == "staff"
			return runFlow(cmd.Context(), opts)
		},
	}
	addRunFlags(cmd, opts)
	return cmd
}
