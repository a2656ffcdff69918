package summary_test

import (
	"strings"
	"testing"

	"github.com/unstuck-dev/unstuck/flows"
	"github.com/unstuck-dev/unstuck/flows/summary"
)

func TestTheSummaryNamesTheFlowsLibrary(t *testing.T) {
	const flow = "flow: team\ntitle: Team\nstart: e\nnodes:\n  e:\n    kind: end\n    title: Done\n"
	f, diags := flows.Parse("team.yaml", []byte(flow))
	if diags.HasErrors() {
		t.Fatal(diags.Error())
	}
	cases := []struct {
		name     string
		flow     *flows.Flow
		library  string
		flowLine bool
	}{
		{"a flow of a library folder is named with its revision and folder in every format", f.Placed("/srv/flows (UNSTUCK_FLOWS)", flows.Provider{Name: "Acme Pay"}), "/srv/flows (UNSTUCK_FLOWS)", true},
		{"a built-in flow is said to be built in, with no line of its own", flows.Builtin("payment-fails"), "built-in", false},
		{"a flow file run on its own is said to be a file, with no line of its own", f, "file", false},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			sm := summary.Of(flows.Start(c.flow, summaryT0))
			if sm.Library != c.library {
				t.Errorf("library = %q, want %q", sm.Library, c.library)
			}
			line := "Flow: " + c.flow.ID + " " + c.flow.Revision() + " (" + c.library + ")"
			if got := strings.Contains(sm.Text(), line); got != c.flowLine {
				t.Errorf("the text has %q: %v, want %v:\n%s", line, got, c.flowLine, sm.Text())
			}
			md, _ := sm.Format("markdown")
			if got := strings.Contains(md, "**Flow:** "+c.flow.ID+" "+c.flow.Revision()); got != c.flowLine {
				t.Errorf("the Markdown names the flow: %v, want %v:\n%s", got, c.flowLine, md)
			}
		})
	}
	t.Run("the team's provider is the summary's provider", func(t *testing.T) {
		if got := summary.Of(flows.Start(cases[0].flow, summaryT0)).Provider; got != "Acme Pay" {
			t.Errorf("provider = %q", got)
		}
	})
}
