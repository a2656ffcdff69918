package flows

import (
	"fmt"
	"strings"
	"testing"
)

func TestDominatorsSayWhichStepsEveryPathPasses(t *testing.T) {
	// start -> a -> b -> d -> end; a -> c -> d; c -> a (a loop back); d -> e -> end; x unreachable.
	edges := map[string][]string{"start": {"a"}, "a": {"b", "c"}, "b": {"d"}, "c": {"d", "a"}, "d": {"e", "end"}, "e": {"end"}, "x": {"end"}}
	f := &Flow{Start: "start"}
	for _, id := range []string{"start", "a", "b", "c", "d", "e", "end", "x"} {
		n := &Node{ID: id}
		for _, t := range edges[id] {
			n.Branch = append(n.Branch, &Branch{Goto: t})
		}
		f.Nodes = append(f.Nodes, n)
	}
	d := newDominators(newFlowGraph(f), f.Start)
	for _, tc := range []struct {
		a, b string
		want bool
	}{
		{"start", "end", true}, {"a", "d", true}, {"a", "end", true}, {"d", "end", true}, {"d", "e", true},
		{"b", "d", false}, {"c", "d", false}, {"e", "end", false}, {"c", "a", false}, {"b", "b", true},
		{"x", "end", false}, {"start", "x", false},
	} {
		t.Run(fmt.Sprintf("%s dominates %s: %v", tc.a, tc.b, tc.want), func(t *testing.T) {
			if got := d.dominates(tc.a, tc.b); got != tc.want {
				t.Errorf("got %v", got)
			}
		})
	}
	t.Run("a chain of 50,000 steps needs no deep stack", func(t *testing.T) {
		var b strings.Builder
		b.WriteString("flow: t\ntitle: T\nstart: n0\nnodes:\n  n0: { kind: input, text: x, input: { type: text }, next: n1 }\n")
		for i := 1; i < 50_000; i++ {
			fmt.Fprintf(&b, "  n%d: { kind: message, text: x, next: n%d }\n", i, i+1)
		}
		b.WriteString("  n50000: { kind: end, title: E, text: \"{{n0}}\" }\n")
		if _, diags := Parse("t.yaml", []byte(b.String())); len(diags) > 0 {
			t.Errorf("%s", diags[0])
		}
	})
}
