package main

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"io/fs"
	"os"
	"slices"
	"sort"
	"strings"

	"github.com/spf13/cobra"

	"github.com/unstuck-dev/unstuck/flows"
	"github.com/unstuck-dev/unstuck/flows/author"
	"github.com/unstuck-dev/unstuck/flows/catalog"
	"github.com/unstuck-dev/unstuck/flows/config"
	"github.com/unstuck-dev/unstuck/flows/files"
	"github.com/unstuck-dev/unstuck/flows/saferead"
)

type lintOptions struct {
	format string
	strict bool
	ctx    context.Context // the run's: ctrl+c ends a wait on standard input (-)
	all    bool
}

// lintShown is how many diagnostics lint prints unless --all: a broken generated flow can have tens
// of thousands, and the first ones are the ones to fix.
const lintShown = 200

func newLintCmd(s streams) *cobra.Command {
	opts := &lintOptions{}
	cmd := &cobra.Command{
		Use:   "lint [PATH...]",
		Short: "Check flow files and report every problem at once",
		Long: `Reads flow files, config files (unstuck.yaml) and folders, and reports every problem in one
run. With no path it reads the whole library: the built-in flows, every library folder's flows and
the config files (unstuck list and unstuck config show them). Problems are sorted and printed as
path:line:col: severity code: message, with the line they concern and a hint where one is known.
docs/diagnostics.md explains every code.

Exit status: 0 clean (warnings alone are fine unless --strict), 1 errors found, 2 usage.`,
		Example: "  unstuck lint\n  unstuck lint flows/ my-flow.yaml\n  unstuck lint --format github flows/",
		RunE: func(cmd *cobra.Command, args []string) error {
			opts.ctx = cmd.Context()
			return runLint(s, opts, args)
		},
	}
	cmd.Flags().StringVar(&opts.format, "format", "text", "output format: text, json or github (workflow annotations)")
	cmd.Flags().BoolVar(&opts.strict, "strict", false, "exit 1 on warnings too")
	cmd.Flags().BoolVar(&opts.all, "all", false, fmt.Sprintf("print every diagnostic, not only the first %d", lintShown))
	return cmd
}

func runLint(s streams, opts *lintOptions, paths []string) error {
	switch opts.format {
	case "text", "json", "github":
	default:
		return exitWith(exitUsage, fmt.Errorf("--format is text, json or github, not %q", opts.format))
	}
	all, sources, checked := lintGather(s, opts, paths)
	all = all.Sort()
	errs, warns := 0, 0
	for _, d := range all {
		if d.Severity == flows.SeverityError {
			errs++
		} else {
			warns++
		}
	}
	if err := lintReport(s, opts, all, sources, checked, errs, warns); err != nil {
		return err
	}
	if errs > 0 || (opts.strict && warns > 0) {
		return exitQuietly(exitProblems)
	}
	return nil
}

// lintGather lints what the command line names (the whole library when it names nothing, - for
// standard input): the diagnostics, each file's source for the lines shown, and how many files.
func lintGather(s streams, opts *lintOptions, paths []string) (all flows.Diagnostics, sources map[string][]byte, checked int) {
	sources = map[string][]byte{}
	if len(paths) == 0 {
		all = append(all, lintLibraryFolders(library(s), sources, &checked)...)
	}
	if len(paths) == 0 && hasBuiltin(library(s)) {
		lib := flows.LibraryFS()
		names, _ := fs.Glob(lib, "library/*.yaml")
		sort.Strings(names)
		for _, name := range slices.DeleteFunc(names, linterSkips) {
			shown := "flows/" + name
			diags, data := author.LintFS(lib, name, shown)
			all = append(all, diags...)
			sources[shown] = data
			checked++
		}
		return all, sources, checked
	}
	if len(paths) == 0 {
		return all, sources, checked
	}
	if i := slices.Index(paths, stdinName); i >= 0 {
		// - is a flow on standard input, read once, named <stdin> in what is said about it.
		paths = slices.Delete(slices.Clone(paths), i, i+1)
		diags, data := lintStdin(opts.ctx, s)
		all = append(all, diags...)
		sources[stdinShown] = data
		checked++
	}
	if len(paths) > 0 || checked == 0 { // else only - was named
		var problems flows.Diagnostics
		paths, problems = files.FlowFiles(paths)
		all = append(all, problems...)
	}
	for _, path := range paths {
		diags, data := lintFile(path)
		all = append(all, diags...)
		sources[path] = data
		checked++
	}
	return all, sources, checked
}

// lintReport writes the diagnostics in the format asked for: the first lintShown of them unless
// --all, and how many more there are.
func lintReport(s streams, opts *lintOptions, all flows.Diagnostics, sources map[string][]byte, checked, errs, warns int) error {
	shown, more := all, 0
	if !opts.all && len(all) > lintShown {
		shown, more = all[:lintShown], len(all)-lintShown
	}
	switch opts.format {
	case "json":
		if shown == nil {
			shown = flows.Diagnostics{}
		}
		for i := range shown {
			shown[i].Message = flows.ScrubCardNumbers(shown[i].Message)
			shown[i].Hint = flows.ScrubCardNumbers(shown[i].Hint)
		}
		enc := json.NewEncoder(s.Out)
		enc.SetIndent("", "  ")
		report := map[string]any{"files": checked, "errors": errs, "warnings": warns, "diagnostics": shown}
		if more > 0 {
			report["not_shown"] = more
		}
		if err := enc.Encode(report); err != nil {
			return exitWith(exitProblems, err)
		}
	case "github":
		for _, d := range shown {
			level := "error"
			if d.Severity == flows.SeverityWarning {
				level = "warning"
			}
			msg := d.Message
			if d.Hint != "" {
				msg += " (" + d.Hint + ")"
			}
			msg = flows.ScrubCardNumbers(msg)
			fmt.Fprintf(s.Out, "::%s file=%s,line=%d,col=%d,title=%s::%s\n", level, ghProperty(flows.Sanitize(d.Path)), d.Pos.Line, d.Pos.Col, ghProperty(d.Code), ghData(msg))
		}
	default:
		writeDiagnostics(s.Out, shown, sources)
		if more > 0 {
			fmt.Fprintf(s.Out, "%s more not shown (--all shows every one).\n", plural(more, "diagnostic"))
		}
		fmt.Fprintln(s.Out, lintVerdict(checked, errs, warns))
	}
	return nil
}

func lintVerdict(files, errs, warns int) string {
	if errs == 0 && warns == 0 {
		return fmt.Sprintf("No problems in %s.", plural(files, "file"))
	}
	return fmt.Sprintf("%s and %s in %s.", plural(errs, "error"), plural(warns, "warning"), plural(files, "file"))
}

func plural(n int, word string) string {
	if n == 1 {
		return "1 " + word
	}
	return fmt.Sprintf("%d %ss", n, word)
}

// writeDiagnostics prints each diagnostic with the source line it concerns, a caret under the column
// and the hint, the way compilers do.
func writeDiagnostics(w io.Writer, diags flows.Diagnostics, sources map[string][]byte) {
	lines := map[string][]string{}
	for _, d := range diags {
		fmt.Fprintln(w, flows.ScrubCardNumbers(d.String()))
		src, ok := lines[d.Path]
		if !ok {
			data := sources[d.Path]
			if data == nil {
				// A file beside the one linted (a translation): quote it too, if it is small.
				data, _ = saferead.ReadRegular(d.Path, 1<<20)
			}
			src = nil
			if data != nil {
				src = strings.Split(string(data), "\n")
			}
			lines[d.Path] = src
		}
		if d.Pos.Line >= 1 && d.Pos.Line <= len(src) {
			text := flows.Sanitize(strings.TrimRight(src[d.Pos.Line-1], "\r"))
			col := max(1, d.Pos.Col)
			if r := []rune(text); len(r) > 160 {
				start := max(0, min(col-80, len(r)-160))
				text = string(r[start : start+160])
				col -= start
			}
			gutter := fmt.Sprintf("%5d | ", d.Pos.Line)
			fmt.Fprintf(w, "%s%s\n", gutter, flows.ScrubCardNumbers(text))
			fmt.Fprintf(w, "%s|%s^\n", strings.Repeat(" ", len(gutter)-2), strings.Repeat(" ", col))
		}
		if d.Hint != "" {
			fmt.Fprintf(w, "  help: %s\n", d.Hint)
		}
		fmt.Fprintln(w)
	}
}

// GitHub workflow commands need %, CR and LF escaped in data, and also : and , in properties.
func ghData(s string) string {
	return strings.NewReplacer("%", "%25", "\r", "%0D", "\n", "%0A").Replace(s)
}

func ghProperty(s string) string {
	return strings.NewReplacer("%", "%25", "\r", "%0D", "\n", "%0A", ":", "%3A", ",", "%2C").Replace(s)
}

// lintFile lints one file: a config file (unstuck.yaml) as a config, anything else as a flow.
func lintFile(path string) (flows.Diagnostics, []byte) {
	if !config.IsConfigFile(path) {
		return author.LintFile(path)
	}
	data, diags := files.ReadFlowFile(path)
	if diags == nil {
		_, diags = config.Parse(path, data)
	}
	return diags, data
}

// lintLibraryFolders lints what the library holds beyond the built-in flows: every library folder's
// flows (those replaced too) and the config files.
// linterSkips are the built-in library's files linted with another: flow tests, and translations
// (of a flow or of a parts file), which are linted with their flow or parts file.
func linterSkips(name string) bool {
	return flows.IsFlowTestFile(name) || flows.IsTranslationFile(name) || flows.IsPartsTranslationFile(name)
}

func lintLibraryFolders(cat *catalog.Library, sources map[string][]byte, checked *int) flows.Diagnostics {
	var all flows.Diagnostics
	for _, p := range cat.Problems {
		if !slices.Contains(cat.Files, p.Path) && !slices.Contains(cat.PartsFiles, p.Path) {
			all = append(all, p.Diags...) // a library folder that cannot be read
		}
	}
	for _, path := range append(slices.Clone(cat.PartsFiles), cat.Files...) {
		diags, data := author.LintFile(path)
		all = append(all, diags...)
		sources[path] = data
		*checked++
	}
	for _, path := range cat.ConfigFiles {
		if _, err := os.Stat(path); path != "" && err == nil {
			diags, data := lintFile(path)
			all = append(all, diags...)
			sources[path] = data
			*checked++
		}
	}
	return all
}
