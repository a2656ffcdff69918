package summary_test

import (
	"strings"
	"testing"
	"time"

	"github.com/unstuck-dev/unstuck/flows"
	"github.com/unstuck-dev/unstuck/flows/summary"
)

// Every end of a built-in flow says its result for the agent (result:), in every language the flow
// ships: the title speaks to the shopper ("The amount is over your limit"), the summary to the agent.
func TestEveryBuiltInEndHasAResultForTheAgentInEveryLanguage(t *testing.T) {
	lib, err := flows.Library()
	if err != nil {
		t.Fatal(err)
	}
	for _, f := range lib {
		for _, n := range f.Nodes {
			if n.Kind != flows.KindEnd {
				continue
			}
			if n.Result == "" {
				t.Errorf("%s: the end %s has no result: for the summary", f.ID, n.ID)
				continue
			}
			for _, lang := range f.Languages()[1:] {
				if got := f.Localize(lang).Node(n.ID).Result; got == n.Result {
					t.Errorf("%s: the end %s's result is not translated into %s", f.ID, n.ID, lang)
				}
			}
		}
	}
}

// The text summary's Result line is the end's result in the walk's language, on every walk.
func TestTheResultLineIsTheEndsResult(t *testing.T) {
	everyEnd(t, func(t *testing.T, st flows.State, sm summary.Summary) {
		end := st.Node()
		want := flows.Word(st.Flow().Language, "Result") + ": " + st.Text(end.Result)
		if text := sm.Text(); !strings.Contains(text, want+"\n") {
			t.Errorf("the summary has no line %q:\n%s", want, text)
		}
	})
}

func TestAnEndWithNoResultIsSummedUpByItsTitle(t *testing.T) {
	f, diags := flows.Parse("r.yaml", []byte(`flow: r
title: R
start: done
nodes:
  done: { kind: end, title: Bye for now }
`))
	if diags.HasErrors() {
		t.Fatal(diags.Error())
	}
	sm := summary.Of(flows.Start(f, time.Date(2026, 6, 15, 14, 30, 0, 0, time.UTC)))
	if sm.Result != "Bye for now" || !strings.Contains(sm.Text(), "\nResult: Bye for now\n") {
		t.Errorf("the result is %q, not the title:\n%s", sm.Result, sm.Text())
	}
}
