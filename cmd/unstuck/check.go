package main

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"strings"
	"time"

	"github.com/charmbracelet/x/term"
	"github.com/spf13/cobra"

	"github.com/unstuck-dev/unstuck/checks"
	"github.com/unstuck-dev/unstuck/checks/connectivity"
	"github.com/unstuck-dev/unstuck/flows"
	"github.com/unstuck-dev/unstuck/flows/saferead"
)

// unstuck check is a front end of two particular checks, so unlike the rest of cmd it names them: a
// card number is read from stdin (never argv) and a report shows every connectivity layer, which a
// generic "run check NAME" could not do. It calls their own packages (checks.CheckCard,
// connectivity.CheckConnectivity); flows find checks through the registry, by name, as always.
func newCheckCmd(s streams) *cobra.Command {
	cmd := &cobra.Command{
		Use:   "check",
		Short: "Run one check on its own",
		Args:  noArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			return cmd.Help()
		},
	}
	cmd.AddCommand(newCheckCardCmd(s), newCheckConnectivityCmd(s))
	return cmd
}

type checkCardOptions struct {
	expiry string
	json   bool
	now    func() time.Time
}

func newCheckCardCmd(s streams) *cobra.Command {
	opts := &checkCardOptions{now: time.Now}
	cmd := &cobra.Command{
		Use:   "card",
		Short: "Check a card number for typos, its brand and length, and its expiry date",
		Long: `Reads a card number from standard input (never from the command line, where it would be kept in
your shell's history) and checks it: do the digits add up (the Luhn check), which brand is it, is the
length right for that brand, and with --expiry, has it expired. Only the brand and the last four digits
are ever printed.

Exit status: 0 when nothing is wrong, 1 when a problem was found, 2 when the input could not be read.`,
		Example: "  unstuck check card --expiry 08/27\n  printf '%s' \"$CARD\" | unstuck check card --json",
		Args: func(cmd *cobra.Command, args []string) error {
			if len(args) > 0 {
				return exitWith(exitUsage, errors.New("a card number is never taken from the command line, where your shell would keep it in its history; run unstuck check card and type it when asked, or pipe it in"))
			}
			return nil
		},
		RunE: func(cmd *cobra.Command, _ []string) error {
			return runCheckCard(cmd.Context(), s, opts)
		},
	}
	cmd.Flags().StringVar(&opts.expiry, "expiry", "", "the card's expiry date, MM/YY or MM/YYYY")
	cmd.Flags().BoolVar(&opts.json, "json", false, "print one JSON object instead of a report")
	return cmd
}

// maxCardLine bounds the line a card number is read from on standard input.
const maxCardLine = 4 << 10

func readCardNumber(s streams) (string, error) {
	if s.InTTY {
		fmt.Fprint(s.ErrOut, "Card number (not shown as you type): ")
		b, err := term.ReadPassword(s.inFd)
		fmt.Fprintln(s.ErrOut)
		if err != nil {
			return "", errors.New("could not read the card number")
		}
		return string(b), nil
	}
	// A card number is one short line: endless input (</dev/zero) is refused after a few kilobytes.
	line, err := saferead.ReadLine(s.In, maxCardLine)
	if errors.Is(err, saferead.ErrTooLarge) {
		return "", fmt.Errorf("standard input holds more than %s without a line break; a card number is one short line", saferead.Size(maxCardLine))
	}
	if err != nil {
		return "", errors.New("no card number on standard input; type it, or pipe it in")
	}
	return strings.TrimSpace(line), nil
}

// readCardNumberUntil is readCardNumber answering ctx: a read from a terminal or a pipe cannot be
// stopped, so it is left to end with the program, and the terminal's echo is put back.
func readCardNumberUntil(ctx context.Context, s streams) (string, error) {
	var restore func()
	if s.InTTY {
		if st, err := term.GetState(s.inFd); err == nil {
			restore = func() { _ = term.Restore(s.inFd, st) }
		}
	}
	type read struct {
		number string
		err    error
	}
	ch := make(chan read, 1)
	go func() {
		n, err := readCardNumber(s)
		ch <- read{n, err}
	}()
	select {
	case r := <-ch:
		return r.number, r.err
	case <-ctx.Done():
		if restore != nil {
			restore()
		}
		fmt.Fprintln(s.ErrOut)
		return "", ctx.Err()
	}
}

func runCheckCard(ctx context.Context, s streams, opts *checkCardOptions) error {
	number, err := readCardNumberUntil(ctx, s)
	if ctx.Err() != nil {
		return exitQuietly(exitInterrupted)
	}
	if err != nil {
		return exitWith(exitUsage, err)
	}
	report, result, err := checks.CheckCard(number, opts.expiry, opts.now())
	if digits, ok := checks.WrongLength(number, err); ok {
		// Too few or too many digits is a problem found, like a typo: the same report, exit 1.
		number = ""
		return reportWrongLength(s, opts, digits)
	}
	number = ""
	if err != nil {
		if opts.json {
			enc := json.NewEncoder(s.Out)
			enc.Encode(map[string]any{"error": err.Error()})
		}
		return exitWith(exitUsage, fmt.Errorf("that is not a card number: %w", err))
	}
	if opts.json {
		out := map[string]any{
			"luhn_valid":   report.LuhnValid,
			"brand":        string(report.Card.Brand()),
			"length_valid": report.LengthValid,
			"length":       report.Card.Len(),
			"masked":       report.Card.Masked(),
			"status":       string(result.Status),
			"outcome":      result.Outcome,
			"summary":      result.Summary,
			"warnings":     append([]string{}, report.Warnings...),
		}
		if report.Expiry != nil {
			out["expired"] = report.Expiry.Expired
		}
		enc := json.NewEncoder(s.Out)
		enc.SetIndent("", "  ")
		if err := enc.Encode(out); err != nil {
			return exitWith(exitProblems, err)
		}
	} else {
		mark := map[checks.Status]string{checks.StatusOK: "OK", checks.StatusWarning: "Warning", checks.StatusProblem: "Problem", checks.StatusSkipped: "Skipped"}[result.Status]
		fmt.Fprintf(s.Out, "Card:    %s\n", report.Card.Masked())
		fmt.Fprintf(s.Out, "Digits:  %s\n", yesNo(report.LuhnValid, "add up (Luhn check passed)", "do not add up (Luhn check failed): probably a typo"))
		fmt.Fprintf(s.Out, "Length:  %s\n", yesNo(report.LengthValid, fmt.Sprintf("%d digits, right for %s", report.Card.Len(), report.Card.Brand().Title()), fmt.Sprintf("%d digits, wrong for %s", report.Card.Len(), report.Card.Brand().Title())))
		if report.Expiry != nil {
			fmt.Fprintf(s.Out, "Expiry:  %s\n", yesNo(!report.Expiry.Expired, "not expired", "expired: the month printed on the card has passed"))
		}
		for _, w := range report.Warnings {
			fmt.Fprintf(s.Out, "Note:    %s\n", w)
		}
		fmt.Fprintf(s.Out, "\n%-8s %s\n", mark+":", result.Summary)
		if result.Next != "" && result.Status != checks.StatusOK {
			fmt.Fprintf(s.Out, "Next:    %s\n", result.Next)
		}
	}
	if result.Status == checks.StatusProblem {
		return exitQuietly(exitProblems)
	}
	return nil
}

// reportWrongLength says what check card says of a number with fewer than 12 or more than 19 digits,
// in the shape of every other report: the digits are counted and Luhn-checked, never shown.
func reportWrongLength(s streams, opts *checkCardOptions, digits string) error {
	summary := fmt.Sprintf("The card number has %d digits, but card numbers have 12 to 19. A digit is probably missing or typed twice.", len(digits))
	next := "Count the digits on your card and type the number again at checkout."
	luhn := len(digits) > 1 && checks.Luhn(digits)
	if opts.json {
		enc := json.NewEncoder(s.Out)
		enc.SetIndent("", "  ")
		if err := enc.Encode(map[string]any{
			"luhn_valid": luhn, "brand": "unknown", "length_valid": false, "length": len(digits), "masked": "",
			"status": string(checks.StatusProblem), "outcome": "wrong_length", "summary": summary, "warnings": []string{},
		}); err != nil {
			return exitWith(exitProblems, err)
		}
		return exitQuietly(exitProblems)
	}
	fmt.Fprintf(s.Out, "Digits:  %d, %s\n", len(digits), yesNo(luhn, "which add up (Luhn check passed)", "which do not add up (Luhn check failed)"))
	fmt.Fprintf(s.Out, "Length:  wrong: card numbers have 12 to 19 digits\n")
	fmt.Fprintf(s.Out, "\n%-8s %s\n", "Problem:", summary)
	fmt.Fprintf(s.Out, "Next:    %s\n", next)
	return exitQuietly(exitProblems)
}

func yesNo(ok bool, yes, no string) string {
	if ok {
		return yes
	}
	return no
}

type checkConnOptions struct {
	urls    []string
	timeout time.Duration
	json    bool
	ascii   bool
}

func newCheckConnectivityCmd(s streams) *cobra.Command {
	opts := &checkConnOptions{}
	cmd := &cobra.Command{
		Use:   "connectivity",
		Short: "Find out, layer by layer, why a payment page can't be reached",
		Long: `Checks the way from this computer to a payment site, layer by layer: proxy settings, looking
up the address, connecting, a Wi-Fi sign-in page, the secure connection, the site's answer and this
computer's clock. Each line says what was found in plain words; the details at the end are for
support staff. Only the sites you name are contacted, and no redirect to another site is followed.

Exit status: 0 when all is well, 1 when a problem was found, 2 when the check could not run.`,
		Example: "  unstuck check connectivity --url https://pay.example.com\n  unstuck check connectivity --url shop.example.com --timeout 3s --json",
		Args:    noArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			return runCheckConnectivity(cmd.Context(), s, opts)
		},
	}
	cmd.Flags().StringArrayVar(&opts.urls, "url", nil, "a payment site to check (https URL or host name); repeat for more")
	cmd.Flags().DurationVar(&opts.timeout, "timeout", 5*time.Second, "the longest the whole check may take")
	cmd.Flags().BoolVar(&opts.json, "json", false, "print one JSON object instead of a report")
	cmd.Flags().BoolVar(&opts.ascii, "ascii", false, "plain ASCII marks instead of symbols")
	return cmd
}

func runCheckConnectivity(ctx context.Context, s streams, opts *checkConnOptions) error {
	if len(opts.urls) == 0 {
		return exitWith(exitUsage, errors.New("name the payment site to check with --url, like --url https://pay.example.com"))
	}
	if opts.timeout <= 0 {
		return exitWith(exitUsage, errors.New("--timeout must be more than zero, like 5s"))
	}
	marks := map[checks.Status]string{checks.StatusOK: "✓", checks.StatusWarning: "!", checks.StatusProblem: "✗", checks.StatusSkipped: "–"}
	if opts.ascii || getenv(s, "TERM") == "dumb" {
		marks = map[checks.Status]string{checks.StatusOK: "ok", checks.StatusWarning: "!!", checks.StatusProblem: "XX", checks.StatusSkipped: "--"}
	}
	if !opts.json {
		fmt.Fprintf(s.Out, "Checking the way to %s (at most %s)\n\n", strings.Join(opts.urls, ", "), opts.timeout)
	}
	rep, err := connectivity.CheckConnectivity(ctx, connectivity.ConnOptions{Targets: opts.urls, Timeout: opts.timeout})
	if err != nil && rep.Checks == nil {
		return exitWith(exitUsage, fmt.Errorf("the check could not run: %w", err))
	}
	if errors.Is(err, context.Canceled) {
		return exitQuietly(exitInterrupted)
	}
	if opts.json {
		enc := json.NewEncoder(s.Out)
		enc.SetIndent("", "  ")
		if err := enc.Encode(rep); err != nil {
			return exitWith(exitProblems, err)
		}
	} else {
		for _, c := range rep.Checks {
			fmt.Fprintf(s.Out, "  %-2s %-7s %s (%s)\n", marks[c.Status], c.Name, flows.Sanitize(c.Summary), c.Duration.Round(time.Millisecond))
		}
		fmt.Fprintf(s.Out, "\n%s\n", flows.Sanitize(rep.Verdict))
		for _, c := range rep.Checks {
			if c.Outcome == rep.Outcome && c.Next != "" && rep.Status != checks.StatusOK {
				fmt.Fprintf(s.Out, "What to do: %s\n", flows.Sanitize(c.Next))
				break
			}
		}
		fmt.Fprintf(s.Out, "\nDetails for support (took %s):\n", rep.Duration.Round(time.Millisecond))
		for _, c := range rep.Checks {
			if c.Detail != "" {
				fmt.Fprintf(s.Out, "  %s: %s\n", c.Name, flows.Sanitize(c.Detail))
			}
		}
	}
	if rep.Status == checks.StatusProblem {
		return exitQuietly(exitProblems)
	}
	return nil
}
