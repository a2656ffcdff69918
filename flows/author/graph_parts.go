package author

import (
	"fmt"
	"strings"

	"github.com/unstuck-dev/unstuck/flows"
)

// partGroup is the steps one call of a part runs, as the loader copied them (flows/parts.go): the
// graph draws them in a box named after the call and the part.
type partGroup struct {
	label string
	nodes []int // indexes into flowMap.nodes (the same as into the flow's nodes)
}

// partGroups gathers each call's copies of its part's steps, in the order of the flow's nodes.
func partGroups(f *flows.Flow) []partGroup {
	var out []partGroup
	at := map[string]int{}
	for i, n := range f.Nodes {
		part, _ := f.PartOf(n)
		if part == "" {
			continue
		}
		call := n.ID[:strings.LastIndex(n.ID, ".")] // a copy is named call.step
		g, ok := at[call]
		if !ok {
			g = len(out)
			at[call] = g
			out = append(out, partGroup{label: call + " · part " + part})
		}
		out[g].nodes = append(out[g].nodes, i)
	}
	return out
}

func (m *flowMap) mermaidParts(b *strings.Builder) {
	for g, p := range m.parts {
		fmt.Fprintf(b, "    subgraph part%d [\"%s\"]\n", g, mermaidText(flows.ShortLine(p.label, 80)))
		for _, i := range p.nodes {
			fmt.Fprintf(b, "        %s\n", m.mermaidID(i))
		}
		b.WriteString("    end\n")
	}
}

func (m *flowMap) dotParts(b *strings.Builder) {
	for g, p := range m.parts {
		fmt.Fprintf(b, "    subgraph cluster_part%d {\n        label=%s; style=\"rounded,dashed\";\n", g, dotString(flows.ShortLine(p.label, 80)))
		for _, i := range p.nodes {
			fmt.Fprintf(b, "        %s;\n", m.dotID(i))
		}
		b.WriteString("    }\n")
	}
}
