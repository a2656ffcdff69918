package summary_test

import (
	"bytes"
	"fmt"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/santhosh-tekuri/jsonschema/v6"

	"github.com/unstuck-dev/unstuck/flows"
	"github.com/unstuck-dev/unstuck/flows/author"
	"github.com/unstuck-dev/unstuck/flows/summary"
)

// endWalk is a built-in flow walked in one language to one of its ends, with its summary.
type endWalk struct {
	name string
	st   flows.State
	sm   summary.Summary
	skip string // why the walk does not replay in this language, if it does not
}

// endWalks are the walks of everyEnd, made once for all the tests that read them: exploring every
// flow and summing up every end is the same work for each.
var endWalks = sync.OnceValues(func() ([]endWalk, error) {
	lib, err := flows.Library()
	if err != nil {
		return nil, err
	}
	now := time.Date(2026, 6, 15, 14, 30, 0, 0, time.FixedZone("CEST", 2*3600))
	var walks []endWalk
	for _, f := range lib {
		for _, ex := range author.Explore(f, now) {
			if ex.Problem != "" {
				continue // the flow's own tests report it
			}
			for _, lang := range []string{"en", "sv", "de", "es", "pl"} {
				w := endWalk{name: f.ID + " to " + ex.End + " in " + lang, st: flows.Start(f.Localize(lang), now)}
				for _, m := range ex.Moves {
					var err error
					if m.Result != nil {
						w.st, err = w.st.WithResult(*m.Result, now)
					} else {
						w.st, err = w.st.Answer(m.Answer, now)
					}
					if err != nil {
						w.skip = fmt.Sprintf("the walk does not replay in %s at %s: %v", lang, m.Node, err)
						break
					}
				}
				if w.skip == "" {
					w.sm = summary.Of(w.st)
				}
				walks = append(walks, w)
			}
		}
	}
	return walks, nil
})

// everyEnd walks every built-in flow, in every language it has, to every end by the explorer's
// shortest walk, and calls fn with the state at the end and its summary (summary.Of of it).
func everyEnd(t *testing.T, fn func(t *testing.T, st flows.State, sm summary.Summary)) {
	walks, err := endWalks()
	if err != nil {
		t.Fatal(err)
	}
	for _, w := range walks {
		t.Run(w.name, func(t *testing.T) {
			if w.skip != "" {
				t.Skip(w.skip)
			}
			fn(t, w.st, w.sm)
		})
	}
}

func TestEveryJSONSummaryFollowsTheSchema(t *testing.T) {
	doc, err := jsonschema.UnmarshalJSON(bytes.NewReader(summary.Schema()))
	if err != nil {
		t.Fatalf("the schema is not JSON: %v", err)
	}
	c := jsonschema.NewCompiler()
	c.AssertFormat()
	if err := c.AddResource(summary.SchemaID, doc); err != nil {
		t.Fatal(err)
	}
	sch, err := c.Compile(summary.SchemaID)
	if err != nil {
		t.Fatalf("the schema does not compile: %v", err)
	}
	everyEnd(t, func(t *testing.T, st flows.State, sm summary.Summary) {
		out := sm.JSON()
		v, err := jsonschema.UnmarshalJSON(strings.NewReader(out))
		if err != nil {
			t.Fatalf("not JSON: %v\n%s", err, out)
		}
		if err := sch.Validate(v); err != nil {
			t.Errorf("the summary does not follow the schema: %v\n%s", err, out)
		}
	})
}

// maxSummaryLines is the most lines a text summary of a walk to an end may take: about fifteen is
// typical; more is an agent scrolling.
const maxSummaryLines = 20

func TestEveryTextSummaryIsShort(t *testing.T) {
	everyEnd(t, func(t *testing.T, st flows.State, sm summary.Summary) {
		text := strings.TrimRight(sm.Text(), "\n")
		if n := strings.Count(text, "\n") + 1; n > maxSummaryLines {
			t.Errorf("the text summary takes %d lines, over %d:\n%s", n, maxSummaryLines, text)
		}
	})
}
