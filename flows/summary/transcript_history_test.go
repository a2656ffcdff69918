package summary

import (
	"strings"
	"testing"
	"time"

	"github.com/unstuck-dev/unstuck/flows"
)

const historyFlow = `flow: h
title: H
start: store
nodes:
  store:
    kind: input
    title: Store
    text: "Which store?"
    input: { type: text }
    next: amount
  amount:
    kind: input
    title: Amount
    text: "How much?"
    input: { type: money }
    next: done
  done: { kind: end, title: Done, outcome: solved }
`

// The transcript keeps what really happened: answers taken back with back stay, marked as undone;
// a walk interrupted and resumed keeps each step's real time and says when it stopped and went on.
func TestTheTranscriptKeepsUndoneStepsAndInterruptions(t *testing.T) {
	f, diags := flows.Parse("h.yaml", []byte(historyFlow))
	if diags.HasErrors() {
		t.Fatal(diags.Error())
	}
	t0 := time.Date(2026, 6, 15, 10, 0, 0, 0, time.UTC)
	st := flows.StartAs(f, t0, flows.AudienceStaff)
	st, _ = st.Answer("First Shop", t0.Add(10*time.Second))
	st, _ = st.Back()
	st, _ = st.Answer("Second Shop", t0.Add(20*time.Second))
	st = st.WithNote("asked about the receipt", t0.Add(25*time.Second))

	tr := Transcript(st)
	if !strings.Contains(tr, "First Shop (undone with back)") || !strings.Contains(tr, "Second Shop") {
		t.Errorf("the undone answer is not in the transcript:\n%s", tr)
	}

	// Interrupted at 10:01, resumed at 11:00 from the saved session.
	back := flows.Restore(f, st.Snapshot(t0.Add(time.Minute)), t0.Add(time.Hour))
	back, _ = back.Answer("40", t0.Add(time.Hour+5*time.Second))
	tr = Transcript(back)
	for _, want := range []string{"10:00:20", "First Shop (undone with back)", "asked about the receipt",
		"10:01:00 → 11:00:00", "continued later with unstuck resume"} {
		if !strings.Contains(tr, want) {
			t.Errorf("the resumed transcript lacks %q:\n%s", want, tr)
		}
	}
}
