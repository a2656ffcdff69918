package main

import (
	"slices"
	"strings"

	"github.com/spf13/cobra"

	"github.com/unstuck-dev/unstuck/flows"
	"github.com/unstuck-dev/unstuck/flows/session"
	"github.com/unstuck-dev/unstuck/flows/summary"
)

// Completions that know the data (unstuck completion bash|zsh|fish|powershell installs them): flow
// ids where a flow is named, saved runs for resume, the values of --format, --lang and
// --summary-lang, and file names where a path is wanted.

// addCompletions wires the completions into root's commands, found by name.
func addCompletions(root *cobra.Command, s streams) {
	flowIDs := func(_ *cobra.Command, args []string, toComplete string) ([]string, cobra.ShellCompDirective) {
		var ids []string
		for _, f := range libraryFlows(s) {
			ids = append(ids, f.ID+"\t"+completionText(f.Title))
		}
		// A path is a file: the shell completes it when no id fits.
		return matching(ids, toComplete), cobra.ShellCompDirectiveDefault
	}
	langs := func(_ *cobra.Command, _ []string, toComplete string) ([]string, cobra.ShellCompDirective) {
		return matching(flows.Languages(), toComplete), cobra.ShellCompDirectiveNoFileComp
	}
	values := func(v ...string) cobra.CompletionFunc {
		return func(_ *cobra.Command, _ []string, toComplete string) ([]string, cobra.ShellCompDirective) {
			return matching(v, toComplete), cobra.ShellCompDirectiveNoFileComp
		}
	}
	root.RegisterFlagCompletionFunc("lang", langs)
	for _, cmd := range root.Commands() {
		switch cmd.Name() {
		case "run", "graph", "translate":
			cmd.ValidArgsFunction = onlyFirst(flowIDs)
		case "test":
			cmd.ValidArgsFunction = flowIDs
		case "lint":
			cmd.ValidArgsFunction = func(*cobra.Command, []string, string) ([]string, cobra.ShellCompDirective) {
				return nil, cobra.ShellCompDirectiveDefault // files and folders
			}
		case "resume":
			cmd.ValidArgsFunction = onlyFirst(func(_ *cobra.Command, _ []string, toComplete string) ([]string, cobra.ShellCompDirective) {
				return matching(savedFlows(s), toComplete), cobra.ShellCompDirectiveNoFileComp
			})
		case "list", "check", "schema":
			cmd.ValidArgsFunction = cobra.NoFileCompletions
		}
		flag := func(name string, fn cobra.CompletionFunc) {
			if cmd.Flags().Lookup(name) != nil {
				cmd.RegisterFlagCompletionFunc(name, fn)
			}
		}
		switch cmd.Name() {
		case "run", "resume":
			flag("format", values(summary.Names()...))
		case "graph":
			flag("format", values("mermaid", "dot"))
		case "lint":
			flag("format", values("text", "json", "github"))
		case "schema":
			flag("for", values("flow", "summary"))
		case "translate":
			flag("lang", langs)
		}
		flag("summary-lang", langs)
		for _, name := range []string{"out", "answers", "from"} {
			if cmd.Flags().Lookup(name) != nil {
				cmd.MarkFlagFilename(name)
			}
		}
		if cmd.Flags().Lookup("save-dir") != nil {
			cmd.MarkFlagDirname("save-dir")
		}
	}
}

// onlyFirst completes the first argument with fn, and nothing after it.
func onlyFirst(fn cobra.CompletionFunc) cobra.CompletionFunc {
	return func(cmd *cobra.Command, args []string, toComplete string) ([]string, cobra.ShellCompDirective) {
		if len(args) > 0 {
			return nil, cobra.ShellCompDirectiveNoFileComp
		}
		return fn(cmd, args, toComplete)
	}
}

// matching keeps the completions (id, or id and a tab and its description) that start with prefix.
func matching(list []string, prefix string) []string {
	var out []string
	for _, c := range list {
		if strings.HasPrefix(c, prefix) {
			out = append(out, c)
		}
	}
	return out
}

// savedFlows are the flow ids of the saved runs resume could continue, newest first, each once.
func savedFlows(s streams) []string {
	store := session.NewStore(session.StateDir(func(k string) string { return getenv(s, k) }))
	sessions, _ := store.List()
	var out []string
	for _, sv := range sessions {
		id := completionText(sv.Snap.FlowID)
		if id != "" && !strings.ContainsAny(id, " \t") && !slices.Contains(out, id) {
			out = append(out, id)
		}
	}
	return out
}

// completionText is text from a file made safe for a shell's completion list: one line, no control
// or escape characters, no tabs (a tab starts the description).
func completionText(text string) string {
	return strings.ReplaceAll(flows.ShortLine(flows.ScrubCardNumbers(flows.Sanitize(flows.OneLine(text))), 60), "\t", " ")
}
