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
			lib, err := flows.Library()
			if err != nil {
				return exitWith(exitProblems, fmt.Errorf("a built-in flow is broken:\n%w", err))
			}
			lang := language(s)
			for _, f := range lib {
				fmt.Fprintf(s.Out, "%s\t%s\n", f.ID, flows.Sanitize(f.Localize(lang).Title))
			}
			return nil
		},
	}
}
