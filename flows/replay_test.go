package flows

import (
	"strings"
	"testing"

	"github.com/unstuck-dev/unstuck/checks"
)

// replayFlow has a shopper's part (a message, a choice, an amount, a card and its check) and a
// staff-only step after them, where an agent picks up.
const replayFlow = `flow: replay
version: 1
title: Replay
start: hello
nodes:
  hello:
    kind: message
    text: Hello
    next: how
  how:
    kind: choice
    text: How do you pay
    label: Method
    options:
      - label: By card
        value: card
      - label: By invoice
        value: invoice
        goto: end-invoice
    next: amount
  amount:
    kind: input
    text: How much
    label: Amount
    input: {type: money}
    next: note
  note:
    kind: input
    text: Anything else
    input: {type: text, optional: true}
    next: card
  card:
    kind: input
    text: Card number
    label: Card
    input: {type: card-number}
    next: check
  check:
    kind: check
    check: card
    with: {number: "{{card}}"}
    next: agent
  agent:
    kind: choice
    audience: staff
    text: Did the bank confirm
    options:
      - label: "Yes"
        value: "yes"
      - label: "No"
        value: "no"
    next: end
  end:
    kind: end
    title: Done
    outcome: done
  end-invoice:
    kind: end
    title: Invoice
    outcome: invoice
`

func recordOf(answers map[string]RecordedAnswer, results map[string]checks.Result) Record {
	return Record{FlowID: "replay", Reference: "U-ABCDEF", Started: t0, Answers: answers, Results: results}
}

var cardOK = checks.Result{Name: "card", Status: checks.StatusOK, Outcome: "ok", Summary: "The card number looks right."}

func replayTestFlow(t *testing.T) *Flow {
	t.Helper()
	f, diags := Parse("replay.yaml", []byte(replayFlow))
	if diags.HasErrors() {
		t.Fatal(diags.Error())
	}
	return f
}

func TestReplayRecordGivesTheShoppersWalkAgain(t *testing.T) {
	f := replayTestFlow(t)
	shopper := map[string]RecordedAnswer{
		"how":    {Value: "card", Shown: "By card"},
		"amount": {Value: "120.50 SEK", Shown: "120.50 SEK"},
		"card":   {Shown: "Visa ending 4242", Withheld: true},
	}
	tests := []struct {
		name     string
		rec      Record
		at       string
		replayed int
		stop     string // in the reason for stopping, when there is one
		unused   []string
	}{
		{name: "a whole shopper's walk stops at the first staff-only step, with the card shown and its check's result taken as it was",
			rec: recordOf(shopper, map[string]checks.Result{"check": cardOK}), at: "agent", replayed: 4},
		{name: "a check whose result is missing and that needs the withheld card stops at the card, saying it was not replayed",
			rec: recordOf(shopper, nil), at: "card", replayed: 2, stop: "card: not replayed: the check at check needs this answer"},
		{name: "an option the flow no longer has stops there and names the answer",
			rec: recordOf(map[string]RecordedAnswer{"how": {Value: "cash"}, "amount": {Value: "10"}}, nil), at: "how", stop: `the answer "cash" is none of this step's options now`, unused: []string{"amount"}},
		{name: "a typed answer the step now refuses stops there",
			rec: recordOf(map[string]RecordedAnswer{"how": {Value: "card"}, "amount": {Value: "lots"}}, nil), at: "amount", replayed: 1, stop: "amount: the answer no longer fits this step"},
		{name: "a walk the shopper left after the choice stands at the next step, with nothing to say",
			rec: recordOf(map[string]RecordedAnswer{"how": {Value: "card"}}, nil), at: "amount", replayed: 1},
		{name: "a walk to another end follows the option's own way there",
			rec: Record{FlowID: "replay", Finished: true, Answers: map[string]RecordedAnswer{"how": {Value: "invoice"}}}, at: "end-invoice", replayed: 1},
		{name: "a result of another check than the node's is not taken",
			rec: recordOf(shopper, map[string]checks.Result{"check": {Name: "limit", Status: checks.StatusOK}}), at: "check", replayed: 3, stop: "the summary's result is of the limit check"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			st, rep := ReplayRecord(f, tt.rec, AudienceStaff, t0)
			if st.Node().ID != tt.at || rep.StoppedAt != tt.at {
				t.Errorf("the walk stands at %s (report: %s), want %s", st.Node().ID, rep.StoppedAt, tt.at)
			}
			if rep.Replayed != tt.replayed {
				t.Errorf("replayed %d, want %d", rep.Replayed, tt.replayed)
			}
			if !strings.Contains(rep.Stop, tt.stop) || tt.stop == "" && rep.Stop != "" {
				t.Errorf("stop reason %q, want one with %q", rep.Stop, tt.stop)
			}
			if strings.Join(rep.Unused, ",") != strings.Join(tt.unused, ",") {
				t.Errorf("unused %v, want %v", rep.Unused, tt.unused)
			}
			if st.Audience() != AudienceStaff {
				t.Errorf("audience %q, want staff", st.Audience())
			}
		})
	}
}

func TestReplayRecordShowsTheShoppersPathAndNeverAValue(t *testing.T) {
	f := replayTestFlow(t)
	rec := recordOf(map[string]RecordedAnswer{
		"how":    {Value: "card"},
		"amount": {Value: "120.50"},
		"card":   {Shown: "Visa ending 4242 \x1b[31m4242424242424242", Withheld: true},
	}, map[string]checks.Result{"check": {Name: "card", Status: checks.StatusOK, Outcome: "ok", Summary: "ok \x1b]52;c;aGk=\x07"}})
	rec.Reference = "U-1\x1b[2J"
	rec.Revision = "not-this-one"
	st, rep := ReplayRecord(f, rec, AudienceStaff, t0)
	if !rep.OtherVersion {
		t.Error("a summary of another revision is not said to be one")
	}
	steps := st.Steps()
	var path []string
	for _, s := range steps {
		path = append(path, s.Node)
		if s.Answer != nil && s.Answer.Sensitive && s.Answer.Value != "" {
			t.Errorf("a withheld answer has a value at %s", s.Node)
		}
		if s.Answer != nil && strings.ContainsAny(s.Answer.Display, "\x1b\x07") || s.Result != nil && strings.ContainsAny(s.Result.Summary, "\x1b\x07") {
			t.Errorf("escape sequences from the summary reached step %s", s.Node)
		}
		if s.Answer != nil && strings.Contains(s.Answer.Display, "4242424242424242") {
			t.Errorf("a card number from the summary reached step %s", s.Node)
		}
	}
	if got := strings.Join(path, " "); got != "hello how amount note card check agent" {
		t.Errorf("path %q", got)
	}
	if got := steps[4].Answer.Display; got != "(given, not shown)" {
		t.Errorf("a shown form holding a card number is shown as %q", got)
	}
	notes := steps[4].Notes // the card's: the check after it is not in the history
	if len(notes) != 1 || !strings.Contains(notes[0].Text, "from their summary U-1") || strings.Contains(notes[0].Text, "\x1b") {
		t.Errorf("the last replayed step's notes are %q, want one naming the summary", notes)
	}
}
