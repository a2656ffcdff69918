package author

import (
	"slices"
	"testing"

	"github.com/unstuck-dev/unstuck/flows"
)

// The path explore prints is the path: a test case expects, call steps and a part's way back
// included, so a writer can copy it into a case.
func TestExplorePathIsTheOneATestCaseExpects(t *testing.T) {
	f, diags := flows.Parse("call.yaml", []byte(`flow: call
title: Call
start: hello
nodes:
  hello: { kind: message, text: Hello., next: first }
  first: { kind: call, part: ask, next: done }
  done: { kind: end }
parts:
  ask:
    start: q
    nodes:
      q: { kind: input, text: "Name?", input: { type: text }, next: back }
      back: { kind: end, outcome: return }
`))
	if diags.HasErrors() {
		t.Fatal(diags.Error())
	}
	want := []string{"hello", "first", "first.q", "first.back", "done"}
	ex := Explore(f, t0)
	if len(ex) != 1 || ex[0].Problem != "" || !slices.Equal(ex[0].Path, want) {
		t.Fatalf("explored %+v, want the path %v", ex, want)
	}
	c := &TestCase{Name: "copied", Answers: map[string][]string{"first.q": {"Ann"}}, Expect: Expect{Path: ex[0].Path}}
	if r := RunCase(f, c, t0, nil); !r.Passed() {
		t.Errorf("a case with explore's path fails: %s", r.Failure)
	}
}
