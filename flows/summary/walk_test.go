package summary

import (
	"os"
	"strings"
	"testing"
	"time"

	"github.com/unstuck-dev/unstuck/checks"
	"github.com/unstuck-dev/unstuck/flows"
)

var t0 = time.Date(2026, 3, 14, 15, 9, 26, 0, time.FixedZone("CET", 3600))

func mustLoad(t *testing.T, path string) *flows.Flow {
	t.Helper()
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	f, diags := flows.Parse(path, data)
	if diags.HasErrors() {
		t.Fatalf("loading %s:\n%s", path, diags.Error())
	}
	return f
}

// walk gives the answers in turn (a result for a check node), from t0.
func walk(t *testing.T, f *flows.Flow, answers []string) flows.State {
	t.Helper()
	st := flows.Start(f, t0)
	for i, a := range answers {
		var err error
		if st, err = st.Answer(a, t0); err != nil {
			t.Fatalf("answer %d at node %q: %v", i+1, st.Node().ID, err)
		}
	}
	return st
}

func TestSummaryMasksTheCard(t *testing.T) {
	f := mustLoad(t, "../testdata/every-kind.yaml")
	st := walk(t, f, []string{"", "1", "200", "4242 4242 4242 4242"})
	st, _ = st.WithResult(checks.Result{Name: "card", Status: checks.StatusOK, Outcome: "ok"}, t0)
	text := Of(st).Text()
	if strings.Contains(text, "4242424242424242") || strings.Contains(text, "4242 4242 4242 4242") || !strings.Contains(text, "4242") {
		t.Errorf("summary shows the card wrongly:\n%s", text)
	}
}

func TestCheckLabelsComeFromTheCheckDefinitions(t *testing.T) {
	r := checks.Result{Name: "card", Status: checks.StatusProblem, Outcome: "luhn_failed", Summary: "english", Next: "english next"}
	if got := checkLabel("sv", r); got != "Kortnummer" {
		t.Errorf("checkLabel(sv, card) = %q", got)
	}
}

func TestSummaryText(t *testing.T) {
	f := mustLoad(t, "../testdata/every-kind.yaml")
	st := walk(t, f, []string{"", "1", "20", ""})
	text := Of(st).Text()
	for _, want := range []string{
		"Support summary from unstuck: U-", "Problem: A flow with every kind of node", "Result: All good, Fine",
		"2026-03-14 15:09 CET (+01:00)", "What happened: It went well for 20.00.", "Amount: 20.00", "Already tried: Said fine",
	} {
		if !strings.Contains(text, want) {
			t.Errorf("summary lacks %q:\n%s", want, text)
		}
	}
	if strings.Contains(text, "Note:") {
		t.Errorf("a skipped answer should be left out:\n%s", text)
	}
	if strings.Contains(text, "Mood: Fine") {
		t.Errorf("an answer whose option adds its own line (tried: Said fine) should be said once, there:\n%s", text)
	}
}

func TestTheTextSummaryHasOneLinePerItem(t *testing.T) {
	f := mustLoad(t, "../testdata/every-kind.yaml")
	st := walk(t, f, []string{"", "1", "20", ""})
	sm := Of(st)
	long := "The shopper says the payment page shows a long red message about a declined payment, then goes back to the basket and empties it, every time they try."
	sm.Happened = append(sm.Happened, long)
	for _, format := range []string{"text", "markdown"} {
		t.Run("the "+format+" summary keeps a long item on one line", func(t *testing.T) {
			out, _ := sm.Format(format)
			if !strings.Contains(out, "- "+long+"\n") {
				t.Errorf("the item was folded:\n%s", out)
			}
		})
	}
}

func TestARestartedWalkHasItsOwnReference(t *testing.T) {
	f, diags := flows.Parse("r.yaml", []byte("flow: r\ntitle: R\nstart: hello\nnodes:\n  hello: {kind: message, text: Hi, next: done}\n  done: {kind: end, outcome: solved}\n"))
	if diags.HasErrors() {
		t.Fatal(diags.Error())
	}
	t0 := time.Date(2026, 3, 14, 15, 9, 26, 0, time.UTC)
	first := flows.Start(f, t0)
	again := first.Restart(t0.Add(time.Hour))
	if Of(again).Reference == Of(first).Reference {
		t.Errorf("a restarted walk kept the first walk's reference %s", Of(first).Reference)
	}
}
