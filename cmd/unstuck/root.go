package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"strings"
	"syscall"

	"charm.land/fang/v2"
	"github.com/spf13/cobra"

	"github.com/unstuck-dev/unstuck/flows"
)

// Exit codes, in one place.
const (
	exitOK          = 0   // done
	exitProblems    = 1   // problems found: a failed check, a broken flow, input that ran out
	exitUsage       = 2   // the command line was wrong, or a check could not run
	exitInterrupted = 130 // ctrl+c (the key in the full-screen UI, or SIGINT)
)

// stopSignals end a run the way ctrl+c does: waits stop, the terminal is given back, progress stays
// saved. The exit status then says which signal it was, as a shell reports a program a signal killed:
// 128 + its number (SIGHUP 129, SIGINT 130, SIGQUIT 131, SIGTERM 143).
var stopSignals = []os.Signal{syscall.SIGHUP, syscall.SIGINT, syscall.SIGQUIT, syscall.SIGTERM}

// signalled is the cause of the run's context when a signal ended it.
type signalled struct{ sig os.Signal }

func (s signalled) Error() string { return "stopped by " + s.sig.String() }

// exitForSignal is the exit status after sig: 128 + its number.
func exitForSignal(sig os.Signal) int {
	if n, ok := sig.(syscall.Signal); ok {
		return 128 + int(n)
	}
	return exitInterrupted
}

// exitError carries an exit code; when quiet, the command has already said what went wrong.
type exitError struct {
	code  int
	err   error
	quiet bool
}

func (e *exitError) Error() string {
	if e.err == nil {
		return fmt.Sprintf("exit %d", e.code)
	}
	return e.err.Error()
}

func (e *exitError) Unwrap() error { return e.err }

// scrubbedError shows an error with anything that looks like a card number removed.
type scrubbedError struct{ err error }

func (e scrubbedError) Error() string { return flows.ScrubCardNumbers(e.err.Error()) }
func (e scrubbedError) Unwrap() error { return e.err }

func exitWith(code int, err error) error { return &exitError{code: code, err: err} }
func exitQuietly(code int) error         { return &exitError{code: code, quiet: true} }

// version is set for a release with -ldflags "-X main.version=v0.3.0"; empty, it comes from the
// build info (version.go).
var version = ""

// run is the whole program: main calls it with the real streams, tests with their own.
func run(args []string, s streams) (code int) {
	defer s.flush() // last, after the report below: the end of what the scrubbing writers hold
	defer func() {
		// Last resort: a bug anywhere else gets a short report, never a stack trace that could
		// hold an answer.
		if r := recover(); r != nil {
			fmt.Fprintln(s.ErrOut, "unstuck: an internal error stopped the program; please report this bug.")
			code = exitProblems
		}
	}()
	root := newRootCmd(s)
	root.SetArgs(args)
	root.SetIn(s.In)
	root.SetOut(s.Out)
	root.SetErr(s.ErrOut)
	ctx, stop := watchSignals(context.Background(), s)
	defer stop()
	err := fang.Execute(ctx, root, fang.WithVersion(buildVersion()), fang.WithErrorHandler(func(w io.Writer, st fang.Styles, err error) {
		// Cobra repeats unknown arguments in its errors; a card number typed there must not be echoed.
		err = scrubbedError{err}
		var ee *exitError
		if errors.As(err, &ee) && (ee.quiet || ee.err == nil) {
			return
		}
		if errors.As(err, &ee) {
			// Our own errors are plain sentences; print them without the usage block.
			fmt.Fprintf(w, "unstuck: %s\n", flows.ScrubCardNumbers(ee.err.Error()))
			return
		}
		fang.DefaultErrorHandler(w, st, err)
	}))
	if err == nil {
		return exitOK
	}
	// Whatever stopped after a signal stopped because of it; the status names the signal.
	if sg := (signalled{}); errors.As(context.Cause(ctx), &sg) {
		return exitForSignal(sg.sig)
	}
	var ee *exitError
	if errors.As(err, &ee) {
		return ee.code
	}
	return exitUsage
}

func newRootCmd(s streams) *cobra.Command {
	s.lang = new(string)
	s.lib = &libraryFlags{}
	menu := &runOptions{streams: s} // unstuck alone shows the menu, with run's options
	root := &cobra.Command{
		Use:   "unstuck",
		Short: "Find out why an online payment fails, and get a summary for support",
		Long: `unstuck walks you through a failing card or pay-later payment step by step: plain questions,
real checks on this computer (is the card number typed right, has the card expired, is the amount over
your limit), and at the end a short summary to paste into the support chat.

Run it with no arguments to pick a problem from the menu.`,
		Args: noArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			return runFlow(cmd.Context(), menu)
		},
	}
	// Run's options work before the command too (unstuck --no-save, unstuck --no-save run FLOW):
	// known here, they are not taken for a value, and run or resume reads them as its own.
	addRunFlags(root, menu)
	root.SetFlagErrorFunc(runFlagError)
	root.PersistentFlags().StringVar(s.lang, "lang", "", "the language to speak, like sv or de-AT (default: the config's language, else LANGUAGE, LC_ALL, LC_MESSAGES or LANG)")
	addLibraryFlags(root, s.lib)
	root.AddCommand(newInitCmd(s), newConfigCmd(s), newRunCmd(s), newListCmd(s), newCheckCmd(s), newLintCmd(s), newTestCmd(s), newSchemaCmd(s), newGraphCmd(s), newResumeCmd(s), newTranslateCmd(s))
	addCompletions(root, s)
	return root
}

// language is the language asked for with --lang, else the one of the environment (LANGUAGE,
// LC_ALL, LC_MESSAGES, LANG), matched to a language unstuck speaks (de-AT gives de), else English.
// A --lang that matches none is kept as given: a flow file of one's own may be translated into it.
func language(s streams) string {
	if s.lang != nil && *s.lang != "" {
		if l, ok := flows.MatchLanguage(*s.lang); ok {
			return l
		}
		return flows.NormalizeLang(*s.lang)
	}
	if l := configLanguage(s); l != "" {
		return l
	}
	return flows.EnvLanguage(func(k string) string { return getenv(s, k) })
}

// os.Getenv stand-in that tests can replace through streams.
func getenv(s streams, key string) string {
	if s.Env != nil {
		return s.Env(key)
	}
	return os.Getenv(key)
}

// runFlagError says where a run option given to another command belongs: unstuck --staff list is
// refused with the commands that take --staff, not only as an unknown flag.
func runFlagError(cmd *cobra.Command, err error) error {
	name, ok := strings.CutPrefix(err.Error(), "unknown flag: --")
	if ok && cmd.Root().Flags().Lookup(name) != nil && cmd.Flags().Lookup(name) == nil {
		// Not starting with the flag: the error's first letter is capitalised.
		return fmt.Errorf("the option --%s is for unstuck run, unstuck resume and the menu (unstuck alone), not for %s", name, cmd.CommandPath())
	}
	return err
}

// noArgs refuses arguments without repeating them (a shopper may have typed a card number there),
// except a near miss of a command's name, which is answered with cobra's suggestion: did you mean run?
func noArgs(cmd *cobra.Command, args []string) error {
	if len(args) == 0 {
		return nil
	}
	if cmd.HasAvailableSubCommands() {
		if cmd.SuggestionsMinimumDistance <= 0 {
			cmd.SuggestionsMinimumDistance = 2 // cobra's own default, set where it suggests
		}
		if sug := cmd.SuggestionsFor(args[0]); len(sug) > 0 {
			return fmt.Errorf("unknown command %q for %s (did you mean %s?)", args[0], cmd.CommandPath(), strings.Join(sug, " or "))
		}
	}
	// The message does not start with the command's name: the error's first letter is capitalised.
	return fmt.Errorf("too many arguments: %s takes none; see %s --help", cmd.CommandPath(), cmd.CommandPath())
}
