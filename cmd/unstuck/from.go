package main

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"strings"
	"time"

	"github.com/unstuck-dev/unstuck/flows"
	"github.com/unstuck-dev/unstuck/flows/summary"
)

// An agent picks up where the shopper stopped: unstuck run --from SUMMARY --staff reads the
// summary the shopper pasted (JSON, or text where it reads back), finds its flow in the library and
// gives the shopper's answers and check results again, in staff mode.

// libraryFlows is the library that flow ids are looked up in: by --from, and by completions.
func libraryFlows(s streams) []*flows.Flow {
	return library(s).Flows() // a flow that does not load is said by run, list and lint; here it is left out
}

// withSummary reads --from, when given, and returns the flow its walk is replayed in: named is the
// flow named on the command line, if any.
func (opts *runOptions) withSummary(ctx context.Context, named *flows.Flow) (*flows.Flow, error) {
	if opts.from == "" {
		return named, nil
	}
	rec, err := opts.readSummary(ctx)
	if err != nil {
		return nil, err
	}
	opts.fromRecord = rec
	return opts.summaryFlow(rec, named)
}

// readSummary reads --from (a file, a pipe, or - for standard input) into a record of the walk.
func (opts *runOptions) readSummary(ctx context.Context) (*flows.Record, error) {
	if !opts.staff {
		return nil, exitWith(exitUsage, errors.New("--from is for support agents: add --staff, like unstuck run --from summary.json --staff"))
	}
	if ctx == nil {
		ctx = context.Background()
	}
	data, err := readInput(ctx, opts.streams, opts.from, summary.MaxSummaryBytes, 5*time.Second)
	if err != nil {
		return nil, readFailed(ctx, err, "the summary", opts.from)
	}
	rec, err := summary.ReadBack(data, libraryFlows(opts.streams))
	if err != nil {
		return nil, exitWith(exitProblems, fmt.Errorf("%s: %w", opts.from, err))
	}
	return &rec, nil
}

// summaryFlow is the flow the summary was made with: the one named on the command line (which
// must be the same flow), else the library's flow of that id. A summary's id is never a path.
func (opts *runOptions) summaryFlow(rec *flows.Record, named *flows.Flow) (*flows.Flow, error) {
	if named != nil {
		if named.ID != rec.FlowID {
			return nil, exitWith(exitUsage, fmt.Errorf("the summary is of the flow %q, not %q", flows.ShortLine(rec.FlowID, 40), named.ID))
		}
		return named, nil
	}
	for _, f := range libraryFlows(opts.streams) {
		if f.ID == rec.FlowID {
			return f, nil
		}
	}
	return nil, exitWith(exitProblems, fmt.Errorf("the summary is of the flow %q, which is not in the library; name its file: unstuck run FILE --from SUMMARY --staff", flows.ShortLine(rec.FlowID, 40)))
}

// replayFrom gives the summary's walk again to flow (already in the agent's language), tells the
// agent what was replayed on standard error, and returns the walk and the same words for the screen.
func (opts *runOptions) replayFrom(rec *flows.Record, flow *flows.Flow) (flows.State, string) {
	st, rep := flows.ReplayRecord(flow, *rec, flows.AudienceStaff, time.Now())
	if opts.caseID != "" {
		st = st.WithCaseID(opts.caseID) // --case names the agent's case, over the shopper's
	}
	var lines []string
	if rep.OtherVersion {
		lines = append(lines, fmt.Sprintf("The summary comes from another version of the flow %s: what still fits is replayed.", flow.ID))
	}
	lines = append(lines, fmt.Sprintf("Replayed %d answers and check results from the shopper's summary %s; the walk stands at %s.", rep.Replayed, rec.Reference, rep.StoppedAt))
	if rep.Stop != "" && !slices.Contains(rep.NotReplayed, rep.Stop) {
		lines = append(lines, "Stopped at "+rep.Stop+".")
	}
	for _, n := range rep.NotReplayed {
		lines = append(lines, "Not replayed: "+n+".")
	}
	if n := len(rep.Unused); n > 0 {
		list := strings.Join(rep.Unused[:min(n, 10)], ", ") // a summary from elsewhere may name any number
		if n > 10 {
			list += fmt.Sprintf(" and %d more", n-10)
		}
		lines = append(lines, "Not reached, so not replayed: "+list+".")
	}
	for i, l := range lines {
		lines[i] = flows.ScrubCardNumbers(flows.Sanitize(flows.OneLine(l))) // names from the summary are someone else's text
	}
	text := strings.Join(lines, "\n")
	fmt.Fprintln(opts.streams.ErrOut, text)
	return st, text
}
