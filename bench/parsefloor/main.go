// Command parsefloor is the floor for unstuck's runs without a terminal (bench/startup): a Go
// program that only reads the same flow file and answers file, parses both into yaml.Node, and
// prints a summary of them (the flow's title, then each answer). Whatever unstuck does beyond this
// (decoding, checking, walking the flow, its checks, the summary's words) is what the ratio shows.
package main

import (
	"fmt"
	"os"
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
	if len(os.Args) != 3 {
		fmt.Fprintln(os.Stderr, "usage: parsefloor FLOW.yaml ANSWERS.yaml")
		os.Exit(2)
	}
	flow, answers := parse(os.Args[1]), parse(os.Args[2])
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
		}
		fmt.Fprintf(&b, "- %s: %s\n", label, given.Content[i+1].Value)
	}
	os.Stdout.WriteString(b.String())
}
