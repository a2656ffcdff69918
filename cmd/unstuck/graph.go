package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"slices"
	"strings"

	"github.com/spf13/cobra"

	"github.com/unstuck-dev/unstuck/flows"
	"github.com/unstuck-dev/unstuck/flows/author"
	"github.com/unstuck-dev/unstuck/flows/saferead"
)

type graphOptions struct {
	streams streams
	flow    string // a built-in flow's id or a file; - is standard input
	format  string
	ctx     context.Context
}

func newGraphCmd(s streams) *cobra.Command {
	opts := &graphOptions{streams: s}
	cmd := &cobra.Command{
		Use:   "graph FLOW|FILE",
		Short: "Draw a map of a flow: every step and every way out, in Mermaid or DOT",
		Long: `Prints a map of a flow on standard output: every node, with its id and title, and every way out
of it, labelled with the option picked, the branch's condition in plain words (amount > 100,
outcome: expired, else) or next. Choices are diamonds, inputs parallelograms, checks hexagons and
ends rounded, filled boxes. Nodes that cannot be reached from start, dead ends and loops with no way
to an end are marked in red with a ⚠ line; ways out that can never be taken are dashed.

--format mermaid (the default) renders on GitHub inside a ` + "```mermaid" + ` block; --format dot renders with
Graphviz.

When the flow has errors, they are printed on standard error as unstuck run prints them, and the map
is still drawn as far as the file can be read, with the problems marked. The exit status is then 1.

Exit status: 0 drawn, 1 the flow has errors, 2 usage.`,
		Example: "  unstuck graph payment-fails\n  unstuck graph --format dot my-flow.yaml | dot -Tsvg > map.svg",
		Args: func(cmd *cobra.Command, args []string) error {
			if len(args) != 1 {
				return exitWith(exitUsage, errors.New("name one flow to draw, like: unstuck graph payment-fails (unstuck list shows them all)"))
			}
			return nil
		},
		RunE: func(cmd *cobra.Command, args []string) error {
			opts.flow, opts.ctx = args[0], cmd.Context()
			return runGraph(opts)
		},
	}
	cmd.Flags().StringVar(&opts.format, "format", "mermaid", "the map's format: mermaid (renders on GitHub) or dot (Graphviz)")
	return cmd
}

func runGraph(opts *graphOptions) error {
	s := opts.streams
	if !slices.Contains(author.GraphFormats, opts.format) {
		return exitWith(exitUsage, fmt.Errorf("--format is %s, not %q", strings.Join(author.GraphFormats, " or "), opts.format))
	}
	f, diags, data := findOrStdin(opts.ctx, s, opts.flow)
	if len(diags) > 0 {
		fmt.Fprintln(s.ErrOut, flows.ScrubCardNumbers(diags.Error()))
	}
	if diags.HasErrors() {
		// A map helps most while a flow is broken, so draw what the file holds, problems marked.
		if loose := looseFlow(opts.flow, data); loose != nil {
			if out, err := author.Graph(loose, opts.format); err == nil {
				io.WriteString(s.Out, out)
			}
		}
		return exitQuietly(exitProblems)
	}
	out, err := author.Graph(f, opts.format)
	if err != nil {
		return exitWith(exitProblems, err)
	}
	if _, err := io.WriteString(s.Out, out); err != nil {
		return exitWith(exitProblems, fmt.Errorf("could not print the map: %w", err))
	}
	return nil
}

// looseFlow reads a flow file that does not load, without checking it; nil when it is not a readable
// file or not a YAML mapping.
func looseFlow(path string, stdin []byte) *flows.Flow {
	if path == stdinName {
		return flows.DecodeLoose(stdinShown, stdin)
	}
	data, err := saferead.ReadRegular(path, flows.MaxFileSize)
	if err != nil {
		return nil
	}
	return flows.DecodeLoose(path, data)
}
