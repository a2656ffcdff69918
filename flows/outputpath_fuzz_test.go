package flows_test

import (
	"strings"
	"testing"
	"time"

	"github.com/unstuck-dev/unstuck/checks/redact"
	"github.com/unstuck-dev/unstuck/flows"
	"github.com/unstuck-dev/unstuck/flows/summary"
)

// outputFlow asks for free text twice (one optional), once in the summary's details and once only
// in the end's summary text, so that the fuzzer's text reaches every part of every output.
const outputFlow = `flow: output-path
title: Output path
start: said
nodes:
  said:
    kind: input
    text: What did the error say?
    label: Error
    input: { type: text }
    next: more
  more:
    kind: input
    text: Anything else?
    label: More
    input: { type: text, optional: true }
    next: done
  done:
    kind: end
    title: Done
    summary: "The shopper saw: {{said}} / {{more}}"
`

// FuzzOutputPath sends any answers, staff notes and case ids through the whole output path (the
// text, Markdown and JSON summaries, the staff transcript and the saved session) and fails when a
// Luhn-valid 12–19 digit run, in any script's digits and with any separators, comes out anywhere.
func FuzzOutputPath(f *testing.F) {
	flow, diags := flows.Parse("output-path.yaml", []byte(outputFlow))
	if diags.HasErrors() {
		f.Fatalf("the fuzz flow does not load: %v", diags)
	}
	card := "5555555555554444" // a published test card
	for _, sep := range []string{" ", "-", ".", "/", "_", ",", "  ", "\t", "\u3000", "\u00a0", "\u2013", ""} {
		grouped := card[:4] + sep + card[4:8] + sep + card[8:12] + sep + card[12:]
		f.Add("card "+grouped+" exp 11/29 cvv 8374", "note "+grouped, "case "+grouped)
	}
	f.Add("５５５５ ５５５５ ５５５５ ４４４４", "٥٥٥٥٥٥٥٥٥٥٥٥٤٤٤٤", "۵۵۵۵ ۵۵۵۵ ۵۵۵۵ ۴۴۴۴")
	f.Add("5555 5555\n5555 4444", "5555\r\n5555 5555 4444", "5555 5555 5555 4444\x1b[0m")
	f.Add("order 2026-12-03, 120.50 kr", "", "")
	now := time.Date(2026, 6, 15, 12, 0, 0, 0, time.UTC)
	f.Fuzz(func(t *testing.T, said, note, caseID string) {
		st := flows.StartAs(flow, now, flows.AudienceStaff).WithCaseID(caseID)
		st = st.WithNote(note, now)
		next, err := st.Answer(said, now)
		if err != nil {
			return // refused: nothing of it is kept
		}
		st = next.WithNote(note, now)
		if next, err = st.Answer(said+" "+note, now); err == nil {
			st = next
		}
		outputs := map[string]string{"the transcript": summary.Transcript(st)}
		for _, format := range summary.Names() {
			out, err := summary.Of(st).Format(format)
			if err != nil {
				t.Fatal(err)
			}
			outputs["the "+format+" summary"] = out
		}
		data, err := flows.MarshalSnapshot(st.Snapshot(now))
		if err != nil {
			t.Fatal(err)
		}
		outputs["the saved session"] = string(data)
		for what, out := range outputs {
			if redact.HasCard(out) {
				t.Errorf("a card number came out in %s:\n%s", what, redact.String(out))
			}
		}
	})
}

func TestACardSplitOverLinesInANoteOrCaseIDIsRemoved(t *testing.T) {
	flow, _ := flows.Parse("output-path.yaml", []byte(outputFlow))
	now := time.Date(2026, 6, 15, 12, 0, 0, 0, time.UTC)
	for _, br := range []string{"\n", "\r\n", "\r", "\u2028"} {
		split := "5555 5555" + br + "5555 4444"
		st := flows.StartAs(flow, now, flows.AudienceStaff).WithCaseID("case "+split).WithNote("note "+split, now)
		for what, out := range map[string]string{"the transcript": summary.Transcript(st), "the summary": summary.Of(st).Text()} {
			if strings.Contains(out, "5555") {
				t.Errorf("a card split by %q kept its middle digits in %s", br, what)
			}
		}
	}
}
