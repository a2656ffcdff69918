package main

import (
	"encoding/json"
	"fmt"

	"github.com/spf13/cobra"

	"github.com/unstuck-dev/unstuck/flows"
	"github.com/unstuck-dev/unstuck/flows/config"
)

func newConfigCmd(s streams) *cobra.Command {
	var format string
	cmd := &cobra.Command{
		Use:   "config",
		Short: "Show the settings in effect (provider, language, staff mode) and which file each came from",
		Long: `Shows every setting unstuck reads from config files, its value and the file that set it. The
files are read in this order, a later one winning setting by setting:

  $XDG_CONFIG_HOME/unstuck/config.yaml (default ~/.config/unstuck/config.yaml), the user's
  unstuck.yaml at the root of each library folder, in the order flows are found
  ($XDG_DATA_DIRS/unstuck/flows, $XDG_DATA_HOME/unstuck/flows, UNSTUCK_FLOWS, --flows)

The provider settings are used by every flow, built-in ones included; a flow's own provider: block
is the fallback for a setting no file sets. unstuck schema --for config prints the format's schema;
unstuck lint FILE checks a config file.`,
		Example: "  unstuck config\n  unstuck config --flows ./team-flows --format json",
		Args:    noArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			if format != "text" && format != "json" {
				return exitWith(exitUsage, fmt.Errorf("--format is text or json, not %q", format))
			}
			lib := library(s)
			sayConfigProblems(s, lib)
			settings := lib.Settings.List()
			if format == "json" {
				enc := json.NewEncoder(s.Out)
				enc.SetIndent("", "  ")
				files := lib.Settings.Files
				if files == nil {
					files = []string{}
				}
				if err := enc.Encode(map[string]any{"files": files, "settings": settings}); err != nil {
					return exitWith(exitProblems, err)
				}
			} else {
				if len(lib.Settings.Files) == 0 {
					fmt.Fprintf(s.Out, "No config file is read (the user's would be %s).\n", orNone(config.UserFile(func(k string) string { return getenv(s, k) })))
				}
				for _, st := range settings {
					from := st.From
					if from == "" {
						from = "not set"
					}
					fmt.Fprintf(s.Out, "%s\t%s\t%s\n", st.Key, flows.Sanitize(st.Value), flows.Sanitize(from))
				}
			}
			if lib.ConfigProblems.HasErrors() {
				return exitQuietly(exitProblems)
			}
			return nil
		},
	}
	cmd.Flags().StringVar(&format, "format", "text", "text or json")
	return cmd
}

func orNone(path string) string {
	if path == "" {
		return "none: HOME is not set"
	}
	return path
}
