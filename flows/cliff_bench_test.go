package flows

import (
	"fmt"
	"regexp"
	"testing"
)

// Cliffs: inputs on which the loader once grew much faster than the file. Each benchmark here sits
// beside the valid input of the same size, so a cliff coming back shows as a ratio, not a guess.
// See BENCHMARKS.md (issue 15).

// generateDanglingFlow is generateFlow with every way on (goto, next, answer, check and {{refs}})
// pointing at a node that does not exist, one edit away from a real id (n12 → m12): the worst case
// for the "did you mean" hints, which must compare each unknown name with ids of its length.
func generateDanglingFlow(n int) []byte {
	return danglingRefs.ReplaceAll(generateFlow(n), []byte("${1}m$2"))
}

var danglingRefs = regexp.MustCompile(`(goto: |next: |answer: |\{\{)n(\d+)`)

func TestDanglingFlowReportsEveryTargetWithHints(t *testing.T) {
	_, diags := Parse("gen.yaml", generateDanglingFlow(100))
	unknown, hinted := 0, 0
	for _, d := range diags {
		if d.Code == CodeUnknownTarget || d.Code == CodeUnknownAnswer {
			unknown++
			if d.Hint != "" {
				hinted++
			}
		}
	}
	if unknown < 100 || hinted != unknown {
		t.Fatalf("got %d unknown names, %d with a hint; want over 100, all hinted", unknown, hinted)
	}
}

func TestNameIndexSuggestsTheFirstNearestName(t *testing.T) {
	x := newNameIndex([]string{"card-number", "card-numbers", "cardnumber", "expiry"}, 1000)
	for _, c := range []struct{ got, want string }{
		{"card-numbr", `did you mean "card-number"?`},
		{"CARD-NUMBER", `did you mean "card-number"?`},
		{"expirey", `did you mean "expiry"?`},
		{"something-else", ""},
	} {
		t.Run(fmt.Sprintf("%s gets %q", c.got, c.want), func(t *testing.T) {
			if got := x.suggest(c.got); got != c.want {
				t.Fatalf("got %q", got)
			}
			if got := suggest(c.got, x.names); got != c.want {
				t.Fatalf("suggest got %q", got)
			}
		})
	}
}

// BenchmarkLintDangling: a flow whose every goto dangles, beside the valid flow of the same size.
// Target: within 2x of valid at every size (it was quadratic: 10k nodes took 131 s against 0.55 s).
func BenchmarkLintDangling(b *testing.B) {
	for _, n := range []int{1_000, 10_000} {
		for _, c := range []struct {
			name string
			data []byte
		}{{"valid", generateFlow(n)}, {"dangling", generateDanglingFlow(n)}} {
			b.Run(fmt.Sprintf("nodes=%d/%s", n, c.name), func(b *testing.B) {
				b.SetBytes(int64(len(c.data)))
				b.ReportAllocs()
				for b.Loop() {
					Parse("gen.yaml", c.data)
				}
			})
		}
	}
}

// BenchmarkTooManyValues: a 30 MB flow, under the size cap but over the cap on values, is refused
// from a count over its bytes, before the YAML reader builds its nodes. It took 6 s and 1 GB when
// the cap was checked while decoding; watch B/op (the generation of the input is not counted).
func BenchmarkTooManyValues(b *testing.B) {
	data := generateFlow(180_000)
	b.SetBytes(int64(len(data)))
	b.ReportAllocs()
	for b.Loop() {
		if _, diags := Parse("big.yaml", data); len(diags) != 1 || diags[0].Code != CodeTooLarge {
			b.Fatal(diags.Error())
		}
	}
}
