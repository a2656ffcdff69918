package main

import (
	"fmt"

	"github.com/spf13/cobra"

	"github.com/unstuck-dev/unstuck/flows"
	"github.com/unstuck-dev/unstuck/flows/author"
	"github.com/unstuck-dev/unstuck/flows/config"
	"github.com/unstuck-dev/unstuck/flows/summary"
)

func newSchemaCmd(s streams) *cobra.Command {
	var of string
	cmd := &cobra.Command{
		Use:   "schema",
		Short: "Print the JSON Schema of the flow format (or of test files, answers files, the JSON summary), for editors and tools",
		Long: `Prints the JSON Schema (draft 2020-12) of the flow format on standard output. It is generated from
the definitions the loader itself reads, so it always matches this version of unstuck.

Editors with YAML support (any that use yaml-language-server, such as VS Code with the YAML
extension) use it to complete keys, explain each key, and underline mistakes as you type. Save it
beside your flows and point the first line of each flow file at it:

  unstuck schema > flow.schema.json

  # yaml-language-server: $schema=./flow.schema.json

The built-in flows point at the same schema in unstuck's source, docs/schema/flow.json.
The schema checks a flow's shape (keys, kinds of node, types of value); unstuck lint checks the rest,
such as targets that do not exist and nodes that cannot be reached.

With --for test it prints the schema of flow test files (NAME.test.yaml, for unstuck test), with
--for answers that of answers files (unstuck run --answers FILE); docs/testing.md explains both.
With --for parts it prints the schema of parts files (NAME.parts.yaml, docs/flow-format.md).
With --for summary it prints the schema of the summary that unstuck run --format json writes
(docs/summary.md explains it), for a tool or an agent that reads it. With --for config it prints
the schema of the config file (unstuck.yaml, ~/.config/unstuck/config.yaml).`,
		Example: "  unstuck schema > flow.schema.json\n  unstuck schema --for test > test.schema.json\n  unstuck schema --for summary > summary.schema.json\n  unstuck schema --for config > config.schema.json",
		Args:    noArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			var b []byte
			switch of {
			case "flow", "":
				var err error
				if b, err = flows.Schema(); err != nil {
					return exitWith(exitProblems, err)
				}
			case "test", "answers":
				gen := author.TestSchema
				if of == "answers" {
					gen = author.AnswersSchema
				}
				var err error
				if b, err = gen(); err != nil {
					return exitWith(exitProblems, err)
				}
			case "parts":
				var err error
				if b, err = flows.PartsSchema(); err != nil {
					return exitWith(exitProblems, err)
				}
			case "summary":
				b = summary.Schema()
			case "config":
				var err error
				if b, err = config.Schema(); err != nil {
					return exitWith(exitProblems, err)
				}
			default:
				hint := ""
				if h := flows.Suggest(of, []string{"flow", "test", "answers", "parts", "summary", "config"}); h != "" {
					hint = ": " + h
				}
				return exitWith(exitUsage, fmt.Errorf("--for takes flow, test, answers, parts, summary or config, not %q%s", of, hint))
			}
			if _, err := s.Out.Write(b); err != nil {
				return exitWith(exitProblems, fmt.Errorf("could not print the schema: %w", err))
			}
			return nil
		},
	}
	cmd.Flags().StringVar(&of, "for", "flow", "which schema: flow (the flow format), test (flow test files), answers (answers files), parts (parts files), summary (unstuck run --format json) or config (unstuck.yaml)")
	return cmd
}
