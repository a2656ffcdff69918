package flows

import (
	"strings"
	"testing"
)

// A text input whose rules no answer can keep is an error at the rule to change; rules some answer
// keeps are not.
func TestATextInputWhoseRulesNoAnswerKeepsIsAnError(t *testing.T) {
	for _, tc := range []struct {
		name, input, want string
	}{
		{"a pattern shorter than min_length", `{ type: text, pattern: "[a-z]{3}", min_length: 5 }`, "at most 3 characters, but min_length asks for 5"},
		{"a pattern longer than max_length", `{ type: text, pattern: "[0-9]{8}-[0-9]+", max_length: 6 }`, "at least 10 characters, but at most 6 are allowed"},
		{"a pattern longer than the default most", `{ type: text, pattern: "x{501}" }`, "at least 501 characters, but at most 500"},
		{"min_length over max_length", `{ type: text, min_length: 40, max_length: 10 }`, "at least 40 characters but allows at most 10"},
		{"alternatives, one long enough", `{ type: text, pattern: "ab|[a-z]{6,}", min_length: 5 }`, ""},
		{"an optional part and a repeat", `{ type: text, pattern: "(AB-)?[0-9]{6}", min_length: 9, max_length: 9 }`, ""},
		{"an open repeat", `{ type: text, pattern: "[a-z]+", min_length: 300 }`, ""},
	} {
		t.Run(tc.name, func(t *testing.T) {
			_, diags := Parse("fit.yaml", []byte("flow: fit\ntitle: Fit\nstart: a\nnodes:\n  a:\n    kind: input\n    text: A?\n    input: "+tc.input+"\n    next: e\n  e: { kind: end }\n"))
			got := diags.Error()
			if tc.want == "" {
				if diags.HasErrors() {
					t.Errorf("unexpected: %s", got)
				}
				return
			}
			if !strings.Contains(got, tc.want) || !strings.Contains(got, "fit.yaml:8:") {
				t.Errorf("got %s\nwant %q on line 8", got, tc.want)
			}
		})
	}
}
