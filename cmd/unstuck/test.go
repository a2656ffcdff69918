package main

import (
	"context"
	"fmt"
	"io/fs"
	"slices"
	"strings"
	"time"

	"github.com/spf13/cobra"

	"github.com/unstuck-dev/unstuck/flows"
	"github.com/unstuck-dev/unstuck/flows/author"
	"github.com/unstuck-dev/unstuck/flows/catalog"
	"github.com/unstuck-dev/unstuck/flows/files"
)

type testOptions struct {
	coverage bool
	explore  bool
	ctx      context.Context // the run's: ctrl+c ends a wait on standard input (-)
}

func newTestCmd(s streams) *cobra.Command {
	opts := &testOptions{}
	cmd := &cobra.Command{
		Use:   "test [PATH...]",
		Short: "Run flow tests: answers in, the path, the end and the summary checked",
		Long: `Runs the cases in flow test files (name.test.yaml; folders are searched for them), or, with no
path, those of the whole library: the built-in flows' (passed over for a flow the library replaces)
and every library folder's. Each case gives answers by node id, pretends the
results of checks (those that need the network must be pretended), and says what to expect: the end
node, the exact path, lines the summary must or must not contain. A case with staff: true walks
the flow in staff mode. docs/testing.md explains every key, with examples.

--coverage lists the nodes and ways out that no case reaches, with file:line:col.
--explore finds the shortest walk to every end node of each flow under test (and of flow files
named directly) and replays it, reporting ends no walk reaches and walks that crash or never end.

Exit status: 0 when every case passes, 1 when one fails (or --explore finds a problem), 2 usage.`,
		Example: "  unstuck test\n  unstuck test flows/ --coverage\n  unstuck test my-flow.test.yaml --explore",
		RunE: func(cmd *cobra.Command, args []string) error {
			opts.ctx = cmd.Context()
			return runTests(s, opts, args)
		},
	}
	cmd.Flags().BoolVar(&opts.coverage, "coverage", false, "list nodes and ways out that no case reaches")
	cmd.Flags().BoolVar(&opts.explore, "explore", false, "also walk the shortest path to every end node")
	return cmd
}

// testInput is a test file to run, or a flow to explore that has none.
type testInput struct {
	shown string
	data  []byte
	flow  *flows.Flow // set for a flow file named directly
	// builtin marks a built-in flow's tests: they test the built-in flow, and are passed over when
	// the library replaces it.
	builtin bool
}

func runTests(s streams, opts *testOptions, paths []string) error {
	var inputs []testInput
	var loadProblems flows.Diagnostics
	cat := library(s)
	if len(paths) == 0 {
		inputs, loadProblems = libraryTests(cat)
	} else {
		if i := slices.Index(paths, stdinName); i >= 0 {
			// - is a flow test file on standard input; a flow it names by path is found from here.
			paths = slices.Delete(slices.Clone(paths), i, i+1)
			data, err := readInput(opts.ctx, s, stdinName, flows.MaxFileSize, 0)
			if err != nil {
				return stdinError(opts.ctx, err)
			}
			inputs = append(inputs, testInput{shown: stdinShown, data: data})
		}
		var found []string
		var problems flows.Diagnostics
		if len(paths) > 0 { // else only - was named
			found, problems = files.FindFiles(paths, flows.IsFlowTestFile, "this folder has no flow tests (NAME.test.yaml)")
		}
		loadProblems = append(loadProblems, problems...)
		for _, p := range found {
			if flows.IsFlowTestFile(p) {
				data, diags := files.ReadFlowFile(p)
				if diags != nil {
					loadProblems = append(loadProblems, diags...)
					continue
				}
				inputs = append(inputs, testInput{shown: p, data: data})
				continue
			}
			f, diags := files.LoadFile(p)
			if diags.HasErrors() {
				loadProblems = append(loadProblems, diags...)
				continue
			}
			inputs = append(inputs, testInput{shown: p, flow: f})
		}
	}
	if len(inputs) == 0 && len(loadProblems) == 0 {
		return exitWith(exitUsage, fmt.Errorf("no flow tests found (files named NAME.test.yaml)"))
	}
	passed, failed, problems := 0, 0, len(loadProblems)
	if len(loadProblems) > 0 {
		fmt.Fprintln(s.Out, loadProblems.Sort().Error())
	}
	explored := map[*flows.Flow]bool{}
	for _, in := range inputs {
		f := in.flow
		var results []author.CaseResult
		if f == nil {
			tf, diags := author.ParseTestFile(in.shown, in.data)
			if diags.HasErrors() {
				fmt.Fprintln(s.Out, diags.Error())
				problems++
				continue
			}
			tf.Path = in.shown
			var fdiags flows.Diagnostics
			if f, fdiags = testedFlow(cat, in, tf); f == nil && fdiags == nil {
				fmt.Fprintf(s.Out, "%s: passed over: the library's %s replaces the built-in %s\n", in.shown, cat.Find(tf.Flow).Path, tf.Flow)
				continue
			}
			if fdiags.HasErrors() {
				fmt.Fprintf(s.Out, "%s: the flow %q does not load:\n%s\n", in.shown, tf.Flow, fdiags.Error())
				problems++
				continue
			}
			now, _ := tf.Time()
			fmt.Fprintf(s.Out, "%s (%s)\n", in.shown, f.ID)
			for _, c := range tf.Cases {
				r := author.RunCase(f, c, now, nil)
				results = append(results, r)
				if r.Passed() {
					passed++
					fmt.Fprintf(s.Out, "  ok    %s\n", flows.Sanitize(c.Name))
				} else {
					failed++
					fmt.Fprintf(s.Out, "  FAIL  %s\n        %s:%d:%d: %s\n", flows.Sanitize(c.Name), in.shown, r.Pos.Line, r.Pos.Col, flows.ScrubCardNumbers(flows.Sanitize(r.Failure)))
				}
			}
			if opts.coverage {
				writeCoverage(s, f, results)
			}
		}
		if opts.explore && !explored[f] {
			explored[f] = true
			problems += writeExplore(s, f)
		}
	}
	fmt.Fprintf(s.Out, "\n%d passed, %d failed\n", passed, failed)
	if failed > 0 || problems > 0 {
		return exitQuietly(exitProblems)
	}
	return nil
}

func writeCoverage(s streams, f *flows.Flow, results []author.CaseResult) {
	gaps := author.Coverage(f, results)
	if len(gaps) == 0 {
		fmt.Fprintf(s.Out, "  coverage: every node and way out of %s is reached\n", f.ID)
		return
	}
	fmt.Fprintf(s.Out, "  coverage: %d not reached in %s:\n", len(gaps), f.ID)
	for _, g := range gaps {
		fmt.Fprintf(s.Out, "    %s:%d:%d: %s\n", f.Path, g.Pos.Line, g.Pos.Col, g.Message)
	}
}

func writeExplore(s streams, f *flows.Flow) int {
	problems := 0
	fmt.Fprintf(s.Out, "  explore %s:\n", f.ID)
	for _, ex := range author.Explore(f, time.Now()) {
		if ex.Problem != "" {
			problems++
			fmt.Fprintf(s.Out, "    FAIL  %s: %s\n", ex.End, ex.Problem)
			continue
		}
		mode := ""
		if ex.Staff {
			mode = " in staff mode"
		}
		fmt.Fprintf(s.Out, "    ok    %s in %d steps%s: %s\n", ex.End, len(ex.Path)-1, mode, strings.Join(ex.Path, " → "))
	}
	return problems
}

// libraryTests are the whole library's tests: the built-in flows' (unless --no-builtin) and every
// library folder's.
func libraryTests(cat *catalog.Library) ([]testInput, flows.Diagnostics) {
	var inputs []testInput
	var problems flows.Diagnostics
	if hasBuiltin(cat) {
		for _, name := range flows.LibraryTests() {
			data, _ := fs.ReadFile(flows.LibraryFS(), name)
			inputs = append(inputs, testInput{shown: "flows/" + name, data: data, builtin: true})
		}
	}
	for _, p := range cat.Tests {
		data, diags := files.ReadFlowFile(p)
		if diags != nil {
			problems = append(problems, diags...)
			continue
		}
		inputs = append(inputs, testInput{shown: p, data: data})
	}
	return inputs, problems
}

// testedFlow is the flow a test file is about: a flow of the library by its id, as its file says,
// else as the test file names it. A built-in flow's tests test the built-in flow: when the library
// replaces it, there is none to test (nil, nil).
func testedFlow(cat *catalog.Library, in testInput, tf *author.TestFile) (*flows.Flow, flows.Diagnostics) {
	e := cat.Find(tf.Flow)
	switch {
	case in.builtin && e != nil && e.Source.Via != catalog.ViaBuiltin:
		return nil, nil
	case e != nil && !in.builtin:
		return e.File(), nil
	}
	return tf.ResolveFlow()
}
