// Command parsefloor is the floor for unstuck's runs without a terminal (bench/startup): a Go
// program that only reads the same flow file and answers file, parses both into yaml.Node, and
// prints a summary of them (the flow's title, then each answer). Whatever unstuck does beyond this
// (decoding, checking, walking the flow, its checks, the summary's words) is what the ratio shows.
//
// The flow unstuck runs is more than its file: a `kind: call` step runs a shared part, and shared
// parts live in the parts files beside the flow (NAME.parts.yaml in the same folder; unstuck reads
// all of them, since a part's name need not be its file's). So the floor parses those too, found the
// way unstuck finds them (a glob of the folder, not their translations), and takes a label of a
// part's step from them (an answer call-id.step). With -flow-only it parses the flow file alone,
// as the first version of this floor did, so that both ratios can be written down.
package main

import (
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"strings"

	"go.yaml.in/yaml/v3"
)

func parse(path string) *yaml.Node {
	data, err := os.ReadFile(path)
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	var root yaml.Node
	if err := yaml.Unmarshal(data, &root); err != nil || len(root.Content) == 0 {
		fmt.Fprintln(os.Stderr, path, err)
		os.Exit(1)
	}
	return root.Content[0]
}

// value is the value of key in mapping m, or nil.
func value(m *yaml.Node, key string) *yaml.Node {
	for i := 0; m != nil && i+1 < len(m.Content); i += 2 {
		if m.Content[i].Value == key {
			return m.Content[i+1]
		}
	}
	return nil
}

func main() {
	flowOnly := flag.Bool("flow-only", false, "parse the flow file alone, not the parts files beside it")
	flag.Parse()
	if flag.NArg() != 2 {
		fmt.Fprintln(os.Stderr, "usage: parsefloor [-flow-only] FLOW.yaml ANSWERS.yaml")
		os.Exit(2)
	}
	flow, answers := parse(flag.Arg(0)), parse(flag.Arg(1))
	var parts []*yaml.Node // each parts file's parts:, by part name
	if !*flowOnly {
		names, _ := filepath.Glob(filepath.Join(filepath.Dir(flag.Arg(0)), "*.parts.yaml"))
		for _, name := range names {
			parts = append(parts, value(parse(name), "parts"))
		}
	}
	var b strings.Builder
	if t := value(flow, "title"); t != nil {
		fmt.Fprintf(&b, "%s\n\n", t.Value)
	}
	nodes := value(flow, "nodes")
	given := value(answers, "answers")
	for i := 0; given != nil && i+1 < len(given.Content); i += 2 {
		label := given.Content[i].Value
		if n := value(value(nodes, label), "label"); n != nil {
			label = n.Value
		} else if call, step, ok := strings.Cut(label, "."); ok {
			// A part's step, call-id.step: its label is in the part the call step runs.
			part := value(value(nodes, call), "part")
			for _, p := range parts {
				if part == nil {
					break
				}
				if n := value(value(value(value(p, part.Value), "nodes"), step), "label"); n != nil {
					label = n.Value
				}
			}
		}
		fmt.Fprintf(&b, "- %s: %s\n", label, given.Content[i+1].Value)
	}
	os.Stdout.WriteString(b.String())
}
