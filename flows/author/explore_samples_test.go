package author

import (
	"strings"
	"testing"

	"github.com/unstuck-dev/unstuck/flows"
)

// Explore types answers that keep each input's own rules, so the ends after an input are reached.
func TestExploreAnswersEachInputByItsRules(t *testing.T) {
	cases := []struct {
		name, input string
	}{
		{"a required text with a pattern", `{ type: text, pattern: "[A-Z]{2}-[0-9]{6}" }`},
		{"a required text with a least length", `{ type: text, min_length: 12 }`},
		{"a required text with a pattern and a least length", `{ type: text, pattern: "[a-z]+[0-9]*", min_length: 10, max_length: 12 }`},
		{"a text that only the writer's example can answer", `{ type: text, pattern: "(a|bb)c", min_length: 3, example: bbc }`},
		{"a money input with a most under ten", `{ type: money, max: "5.00" }`},
		{"a money input with a least and a most", `{ type: money, min: "500", max: "900" }`},
		{"a number input below one", `{ type: number, min: "-10", max: "-3" }`},
		{"a date input", `{ type: date }`},
		{"an expiry input", `{ type: expiry }`},
		{"a card number input", `{ type: card-number }`},
		{"a yes-no input", `{ type: yes-no }`},
	}
	for _, c := range cases {
		t.Run(c.name+" lets explore reach the end after it", func(t *testing.T) {
			f := inputFlow(t, c.input)
			for _, ex := range Explore(f, t0) {
				if ex.Problem != "" {
					t.Errorf("%s: %s", ex.End, ex.Problem)
				}
			}
		})
	}
	t.Run("an input no answer can keep is named", func(t *testing.T) {
		// A word boundary between two digits: lengths alone cannot tell, so the loader takes it (a
		// pattern too short for its min_length is a lint error of its own now, input_fit.go).
		f := inputFlow(t, `{ type: text, pattern: "[0-9]{3}\\b[0-9]" }`)
		ex := Explore(f, t0)
		if len(ex) != 1 || !strings.Contains(ex[0].Problem, `explore found no answer that input "q" accepts`) {
			t.Errorf("got %+v", ex)
		}
	})
}

func inputFlow(t *testing.T, input string) *flows.Flow {
	t.Helper()
	f, diags := flows.Parse("in.yaml", []byte("flow: in\ntitle: In\nstart: q\nnodes:\n  q:\n    kind: input\n    text: Which?\n    input: "+input+"\n    next: done\n  done: { kind: end, outcome: solved }\n"))
	if diags.HasErrors() {
		t.Fatal(diags.Error())
	}
	return f
}
