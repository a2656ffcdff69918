package author

import (
	"go.yaml.in/yaml/v3"
)

// bareAnswers lets an answers file leave out its `answers:` wrapper: in a file with no `answers:`
// key, every top-level key other than now: and checks: is a node id and its value that node's
// answer (a line, or a list of lines). A key whose value is a set of keys is no answer: it is left
// where it is, to be reported as an unknown key with a did-you-mean (`answer: {…}`).
// A flow with a node named now or checks needs the wrapper.
func bareAnswers(doc *yaml.Node) {
	if doc.Kind != yaml.MappingNode {
		return
	}
	for i := 0; i+1 < len(doc.Content); i += 2 {
		if doc.Content[i].Value == "answers" {
			return
		}
	}
	var kept, moved []*yaml.Node
	for i := 0; i+1 < len(doc.Content); i += 2 {
		k, v := doc.Content[i], doc.Content[i+1]
		switch {
		case k.Kind != yaml.ScalarNode, k.Value == "now", k.Value == "checks", v.Kind == yaml.MappingNode:
			kept = append(kept, k, v)
		default:
			moved = append(moved, k, v)
		}
	}
	if len(moved) == 0 {
		return
	}
	first := moved[0]
	kept = append(kept,
		&yaml.Node{Kind: yaml.ScalarNode, Tag: "!!str", Value: "answers", Line: first.Line, Column: first.Column},
		&yaml.Node{Kind: yaml.MappingNode, Tag: "!!map", Content: moved, Line: first.Line, Column: first.Column})
	doc.Content = kept
}
