package flows

import (
	"fmt"
	"io/fs"
	"strings"
	"testing"

	"go.yaml.in/yaml/v3"
)

// generateFlow writes a flow of n nodes: a chain of choices, inputs and checks with branches, every
// few steps a way out to one of several end nodes, so that every rule of the linter has work to do.
func generateFlow(n int) []byte {
	var b strings.Builder
	b.Grow(n * 160)
	b.WriteString("flow: generated\ntitle: A generated flow\nstart: n0\nnodes:\n")
	ends := 4
	body := n - ends
	for i := 0; i < body; i++ {
		next := fmt.Sprintf("n%d", i+1)
		if i == body-1 {
			next = "end0"
		}
		switch i % 4 {
		case 0:
			fmt.Fprintf(&b, "  n%d:\n    kind: choice\n    text: \"Question %d: did it work?\"\n    label: Answer %d\n    options:\n      - { label: \"Yes\", value: \"yes\", goto: end1 }\n      - { label: \"No\", value: \"no\", goto: %s }\n", i, i, i, next)
		case 1:
			fmt.Fprintf(&b, "  n%d:\n    kind: input\n    text: How much was step %d?\n    input: { type: money, min: \"1\" }\n    branches:\n      - when: { answer: n%d, gt: \"1000\" }\n        goto: end2\n      - goto: %s\n", i, i, i, next)
		case 2:
			fmt.Fprintf(&b, "  n%d:\n    kind: message\n    text: Step %d says {{n%d}}.\n    next: %s\n", i, i, i-1, next)
		case 3:
			fmt.Fprintf(&b, "  n%d:\n    kind: check\n    check: limit\n    with: { amount: \"{{n%d}}\", available: \"500\" }\n    branches:\n      - when: { outcome: [over_limit, over_cap] }\n        goto: end3\n      - goto: %s\n", i, i-2, next)
		}
	}
	for e := 0; e < ends; e++ {
		fmt.Fprintf(&b, "  end%d:\n    kind: end\n    title: End %d\n    outcome: done\n", e, e)
	}
	return []byte(b.String())
}

func TestGeneratedFlowsAreClean(t *testing.T) {
	for _, n := range []int{8, 100, 1000} {
		if _, diags := Parse("gen.yaml", generateFlow(n)); len(diags) > 0 {
			t.Fatalf("%d nodes:\n%s", n, diags.Error())
		}
	}
}

// BenchmarkLint measures the whole loader (YAML parse, strict decode, validation) against the floor
// of parsing the same bytes into yaml.Node alone. Compare ns/op of the two at each size.
func BenchmarkLint(b *testing.B) {
	for _, n := range []int{1_000, 10_000, 100_000} {
		data := generateFlow(n)
		b.Run(fmt.Sprintf("nodes=%d/floor-yaml-node", n), func(b *testing.B) {
			b.SetBytes(int64(len(data)))
			b.ReportAllocs()
			for b.Loop() {
				var root yaml.Node
				if err := yaml.Unmarshal(data, &root); err != nil {
					b.Fatal(err)
				}
			}
		})
		b.Run(fmt.Sprintf("nodes=%d/lint", n), func(b *testing.B) {
			b.SetBytes(int64(len(data)))
			b.ReportAllocs()
			for b.Loop() {
				if _, diags := Parse("gen.yaml", data); len(diags) > 0 {
					b.Fatal(diags.Error())
				}
			}
		})
	}
}

// BenchmarkLibrary measures loading every built-in flow with its translations, which every command
// that shows the menu or runs a flow does once at start-up.
func BenchmarkLibrary(b *testing.B) {
	b.ReportAllocs()
	names, _ := fs.Glob(libraryFS, "library/*.yaml")
	for b.Loop() { // each file read anew: Library and Builtin keep what they read
		for _, n := range names {
			if !IsFlowTestFile(n) && !IsTranslationFile(n) && !IsPartsFile(n) {
				if _, diags := readBuiltin(n, names, BuiltinParts()); diags.HasErrors() {
					b.Fatal(diags.Error())
				}
			}
		}
	}
}
