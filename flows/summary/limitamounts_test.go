package summary_test

import (
	"strings"
	"testing"
	"time"

	"github.com/unstuck-dev/unstuck/flows"
	"github.com/unstuck-dev/unstuck/flows/summary"
)

// The limit check's amounts reach the agent's sentence as numbers the result carries, not by
// reading its technical line back: a technical line worded otherwise changes nothing, and the
// amounts survive a saved walk that is continued.
func TestTheLimitSentenceTakesTheResultsAmounts(t *testing.T) {
	want := "The amount is 20.50 over the shopper's available spending limit of 100.00."
	st := walkCaseWith(t, goldenCases["over-limit"], "en", nil)
	t.Run("with the technical line worded otherwise", func(t *testing.T) {
		steps := st.Steps()
		for i := range steps {
			if r := steps[i].Result; r != nil && r.Name == "limit" {
				r.Detail = "compared"
			}
		}
		if out := summary.Of(st).Text(); !strings.Contains(out, want) {
			t.Errorf("the summary lacks %q:\n%s", want, out)
		}
	})
	t.Run("after the walk was saved and continued", func(t *testing.T) {
		data, err := flows.MarshalSnapshot(st.Snapshot(time.Date(2026, 6, 15, 15, 0, 0, 0, time.UTC)))
		if err != nil {
			t.Fatal(err)
		}
		snap, err := flows.UnmarshalSnapshot(data)
		if err != nil {
			t.Fatal(err)
		}
		back := flows.Restore(st.Flow(), snap, time.Date(2026, 6, 15, 15, 1, 0, 0, time.UTC))
		if out := summary.Of(back).Text(); !strings.Contains(out, want) {
			t.Errorf("the summary lacks %q:\n%s", want, out)
		}
	})
}
