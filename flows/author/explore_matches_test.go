package author

import (
	"testing"

	"github.com/unstuck-dev/unstuck/flows"
)

// A branch on matches: is taken by an answer made from the expression, so its end is reached.
func TestExploreTypesAnAnswerAMatchesConditionFinds(t *testing.T) {
	f, diags := flows.Parse("matches.yaml", []byte(`flow: matches
title: Matches
start: store
nodes:
  store:
    kind: input
    text: Which store?
    input: { type: text, max_length: 40 }
    branches:
      - when: { answer: store, matches: '(https?://|\S\.[a-z]{2,})' }
        goto: end-web
      - goto: end-name
  end-web: { kind: end }
  end-name: { kind: end }
`))
	if diags.HasErrors() {
		t.Fatal(diags.Error())
	}
	for _, ex := range Explore(f, t0) {
		if ex.Problem != "" {
			t.Errorf("%s: %s", ex.End, ex.Problem)
		}
	}
}
