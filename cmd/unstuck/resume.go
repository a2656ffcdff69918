package main

import (
	"errors"
	"fmt"
	"time"

	"github.com/unstuck-dev/unstuck/flows/session"

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
asked for again. A saved session that cannot be read is set aside with a message, never a crash.

Every run saves its own session. A session open in another unstuck is locked until that run ends,
so resume continues the newest one that is free, and says so when every one is open elsewhere.
The menu (unstuck with no arguments) lists every run that can be continued.`,
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
			// The newest session (of FLOW) that no other unstuck has open; claiming it locks it, so
			// two resumes never continue one session.
			var busy *session.InUseError
			for i := range sessions {
				sv := &sessions[i]
				if len(args) == 1 && sv.Snap.FlowID != args[0] {
					continue
				}
				err := sv.Claim()
				var inUse *session.InUseError
				switch {
				case err == nil:
					opts.resume = sv
				case errors.As(err, &inUse):
					if busy == nil {
						busy = inUse
					}
				case !errors.Is(err, session.ErrSessionGone):
					fmt.Fprintln(s.ErrOut, flows.ScrubCardNumbers(err.Error()))
				}
				if opts.resume != nil {
					break
				}
			}
			if opts.resume == nil {
				if busy != nil {
					return exitWith(exitProblems, busy)
				}
				what := "no run to continue"
				if len(args) == 1 {
					what = fmt.Sprintf("no run of %q to continue", args[0])
				}
				return exitWith(exitProblems, fmt.Errorf("%s: every run so far was finished, or nothing was saved", what))
			}
			defer opts.resume.Release()
			if busy != nil {
				fmt.Fprintf(s.ErrOut, "A newer run is open in another unstuck%s, so an older one is continued.\n", pidNote(busy.PID))
			}
			fmt.Fprintf(s.ErrOut, "Continuing %s\n", opts.resume.Describe(time.Now(), func(w string, a ...any) string { return flows.Wordf(language(s), w, a...) }))
			opts.staff = opts.staff || opts.resume.Snap.Audience == "staff"
			return runFlow(cmd.Context(), opts)
		},
	}
	addRunFlags(cmd, opts)
	return cmd
}

// pidNote names the other unstuck's process, when it said.
func pidNote(pid int) string {
	if pid > 0 {
		return fmt.Sprintf(" (pid %d)", pid)
	}
	return ""
}
