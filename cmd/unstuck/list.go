package main

import (
	"fmt"

	"github.com/spf13/cobra"

	"github.com/unstuck-dev/unstuck/flows"
)

func newListCmd(s streams) *cobra.Command {
	return &cobra.Command{
		Use:   "list",
		Short: "List the built-in flows: id, then title",
		Args:  noArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			list, err := flows.LibraryListing(language(s)) // the tops of the files: no flow is loaded whole
			if err != nil {
				return exitWith(exitProblems, fmt.Errorf("a built-in flow is broken:\n%w", err))
			}
			for _, f := range list {
				fmt.Fprintf(s.Out, "%s\t%s\n", f.ID, f.Title)
			}
			return nil
		},
	}
}
