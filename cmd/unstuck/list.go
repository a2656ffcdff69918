package main

import (
	"encoding/json"
	"fmt"

	"github.com/spf13/cobra"

	"github.com/unstuck-dev/unstuck/flows"
)

// listedFlow is one line of unstuck list --format json: a flow of the library, or one that does not load.
type listedFlow struct {
	ID       string   `json:"id"`
	Version  int      `json:"version,omitempty"`  // the flow format version
	Revision string   `json:"revision,omitempty"` // a fingerprint of what the flow says, as in the summary
	Title    string   `json:"title,omitempty"`
	Source   string   `json:"source"`
	Path     string   `json:"path"`
	Replaces []string `json:"replaces,omitempty"`
	Error    string   `json:"error,omitempty"` // the first error of a flow that does not load
}

func newListCmd(s streams) *cobra.Command {
	var format string
	cmd := &cobra.Command{
		Use:   "list",
		Short: "List the flows of the library: id, revision, title and where each comes from",
		Long: `Lists every flow unstuck offers: the built-in ones and those of the library folders
($XDG_DATA_DIRS/unstuck/flows, $XDG_DATA_HOME/unstuck/flows, UNSTUCK_FLOWS, --flows), a later
folder's flow replacing an earlier one of the same id. Each line gives the flow's id, its revision
(the fingerprint the summary names), its title and where it comes from. A flow file that does not
load is listed with its first error. Each line is tab-separated: id, revision, title, source.

Exit status: 0, or 1 when a flow of the library does not load.`,
		Example: "  unstuck list\n  unstuck list --flows ./team-flows --format json",
		Args:    noArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			return runList(s, format)
		},
	}
	cmd.Flags().StringVar(&format, "format", "text", "text or json")
	return cmd
}

func runList(s streams, format string) error {
	if format != "text" && format != "json" {
		return exitWith(exitUsage, fmt.Errorf("--format is text or json, not %q", format))
	}
	lib := library(s)
	sayConfigProblems(s, lib)
	lang := language(s)
	var rows []listedFlow
	for _, e := range lib.Entries {
		h := e.Heading // a built-in flow's is compiled in: the list reads no built-in flow
		row := listedFlow{ID: h.ID, Version: h.Version, Revision: h.Revision, Title: flows.Sanitize(h.In(lang).Title), Source: flows.Sanitize(e.Source.String()), Path: flows.Sanitize(e.Path)}
		for _, r := range e.Replaces {
			row.Replaces = append(row.Replaces, flows.Sanitize(r.String()))
		}
		rows = append(rows, row)
	}
	for _, p := range lib.Problems {
		rows = append(rows, listedFlow{ID: flows.Sanitize(p.ID), Source: flows.Sanitize(p.Source.String()), Path: flows.Sanitize(p.Path), Error: flows.Sanitize(p.First())})
	}
	if format == "json" {
		enc := json.NewEncoder(s.Out)
		enc.SetIndent("", "  ")
		if rows == nil {
			rows = []listedFlow{}
		}
		if err := enc.Encode(map[string]any{"flows": rows}); err != nil {
			return exitWith(exitProblems, err)
		}
	} else {
		// Tab-separated, one flow a line, so a script can cut it.
		for _, r := range rows {
			if r.Error != "" {
				fmt.Fprintf(s.Out, "%s\t-\t%s\t%s\n", r.ID, "does not load: "+flows.Sanitize(r.Error), r.Source)
				continue
			}
			fmt.Fprintf(s.Out, "%s\t%s\t%s\t%s\n", r.ID, r.Revision, r.Title, r.Source)
		}
	}
	if len(lib.Problems) > 0 {
		return exitQuietly(exitProblems)
	}
	return nil
}
