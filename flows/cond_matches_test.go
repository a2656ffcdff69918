package flows

import (
	"strings"
	"testing"
)

const matchesFlow = `flow: matches
title: Matches
start: store
nodes:
  store:
    kind: input
    text: Which store?
    input: { type: text }
    branches:
      - when: { answer: store, matches: '(https?://|\S\.[^\s.;])' }
        goto: address
      - goto: name
  address:
    kind: end
    title: An address
  name:
    kind: end
    title: A name
`

func TestMatchesTestsTypedText(t *testing.T) {
	f, diags := Parse("matches.yaml", []byte(matchesFlow))
	if diags.HasErrors() {
		t.Fatalf("the flow does not load:\n%s", diags.Error())
	}
	for _, tc := range []struct{ answer, end string }{
		{"shop.example.com", "address"},
		{"Example Shoes, HTTPS://EXAMPLE.COM", "address"},
		{"Example Shoes", "name"},
		{"Dr. Martens", "name"},
	} {
		t.Run(tc.answer+" leads to "+tc.end, func(t *testing.T) {
			st, err := Start(f, t0).Answer(tc.answer, t0)
			if err != nil {
				t.Fatal(err)
			}
			if st.Node().ID != tc.end {
				t.Errorf("at %s, want %s", st.Node().ID, tc.end)
			}
		})
	}
}

func TestMatchesIsCheckedByTheLoader(t *testing.T) {
	for _, tc := range []struct{ name, from, to, want string }{
		{"a pattern that does not compile is an error", `'(https?://|\S\.[^\s.;])'`, `'(unclosed'`, "matches: error parsing regexp"},
		{"a choice cannot be tested with matches", "answer: store, matches", "answer: pick, matches", "is not a text input"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			src := strings.Replace(matchesFlow, tc.from, tc.to, 1)
			src += "  pick:\n    kind: choice\n    text: Pick\n    options: [{label: A, goto: name}]\n"
			_, diags := Parse("matches.yaml", []byte(src))
			if !strings.Contains(diags.Error(), tc.want) {
				t.Errorf("diagnostics:\n%s\nwant one saying %q", diags.Error(), tc.want)
			}
		})
	}
}
