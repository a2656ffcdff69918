package summary_test

import (
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/unstuck-dev/unstuck/checks"
	"github.com/unstuck-dev/unstuck/flows"
	"github.com/unstuck-dev/unstuck/flows/summary"
)

func pathOf(st flows.State) []string {
	var out []string
	for _, s := range st.Steps() {
		out = append(out, s.Node)
	}
	return out
}

func TestEveryJSONSummaryReadsBackToTheSameWalk(t *testing.T) {
	lib, err := flows.Library()
	if err != nil {
		t.Fatal(err)
	}
	byID := map[string]*flows.Flow{}
	for _, f := range lib {
		byID[f.ID] = f
	}
	everyEnd(t, func(t *testing.T, st flows.State, sm summary.Summary) {
		rec, err := summary.ReadBack([]byte(sm.JSON()), lib)
		if err != nil {
			t.Fatal(err)
		}
		// The agent reads English, whatever the shopper spoke: values carry over, words do not.
		again, rep := flows.ReplayRecord(byID[rec.FlowID].Localize("en"), rec, flows.AudienceStaff, time.Now())
		if got, want := pathOf(again), pathOf(st); !slices.Equal(got, want) {
			t.Errorf("replayed path %v,\nwant %v (report %+v)", got, want, rep)
		}
		if rep.OtherVersion || rep.Stop != "" || len(rep.Unused) > 0 {
			t.Errorf("a summary of this very flow replays with a report %+v", rep)
		}
	})
}

func TestTheTextSummaryReadsBackWhatItShows(t *testing.T) {
	lib, err := flows.Library()
	if err != nil {
		t.Fatal(err)
	}
	var f *flows.Flow
	for _, l := range lib {
		if l.ID == "card-declined" {
			f = l
		}
	}
	answers := map[string]string{"store": "Example Shoes", "amount": "120.50", "error-seen": "Card declined", "card.number": "4242 4242 4242 4242", "card.expiry": "08/29", "funds": "no"}
	for _, lang := range []string{"en", "sv", "de"} {
		t.Run("a walk in "+lang+" gives back its flow, its end and its shown answers", func(t *testing.T) {
			st := walkTo(t, f.Localize(lang), answers, map[string]checks.Result{"card.check": {Name: "card", Status: checks.StatusOK, Outcome: "ok"}}, "end-not-enough-money")
			rec, err := summary.ReadBack([]byte(summary.Of(st).Text()), lib)
			if err != nil {
				t.Fatal(err)
			}
			if rec.FlowID != "card-declined" || !rec.Finished || rec.Reference != summary.Of(st).Reference {
				t.Errorf("record %+v", rec)
			}
			for node, want := range map[string]string{"store": "Example Shoes", "error-seen": "Card declined", "funds": "no"} {
				if got := rec.Answers[node].Value; got != want {
					t.Errorf("%s: %q, want %q", node, got, want)
				}
			}
			if card := rec.Answers["card.number"]; !card.Withheld || card.Value != "" || !strings.Contains(card.Shown, "4242") {
				t.Errorf("the card reads back as %+v", card)
			}
			if r := rec.Results["card.check"]; r.Name != "card" || r.Status != checks.StatusOK || r.Outcome != "ok" {
				t.Errorf("the card check reads back as %+v", r)
			}
			// The expiry is sensitive and has no label, so the text never shows it: it is given, not
			// shown, and the walk goes on with the card check's result to the shopper's end.
			again, rep := flows.ReplayRecord(f.Localize("en"), rec, flows.AudienceStaff, time.Now())
			if got, want := pathOf(again), pathOf(st); !slices.Equal(got, want) || rep.Stop != "" {
				t.Errorf("the replay's path is %v, want %v: %+v", got, want, rep)
			}
		})
	}
}

func TestASummaryReadBackIsCheckedAndCleaned(t *testing.T) {
	lib, _ := flows.Library()
	tests := []struct {
		name, summary, err string
	}{
		{"text that is no summary is refused", "hello\nworld\n", "neither a JSON summary nor a text summary"},
		{"JSON that is no summary is refused", `{"schema_version": 1}`, "does not name its flow"},
		{"a later schema version is refused", `{"schema_version": 9, "flow": "card-declined"}`, "schema_version is 9"},
		{"broken JSON is refused without repeating a card number", `{"flow": "4242 4242 4242 4242", `, "not JSON unstuck wrote"},
		{"a text summary of a problem not in the library is refused", "Support summary from unstuck: U-ABCDEF, x\nProblem: Something else\n", "is none of the flows here"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := summary.ReadBack([]byte(tt.summary), lib)
			if err == nil || !strings.Contains(err.Error(), tt.err) || strings.Contains(err.Error(), "4242 4242") {
				t.Errorf("error %v, want one with %q", err, tt.err)
			}
		})
	}
	t.Run("escape sequences and card numbers in a summary's strings are taken out", func(t *testing.T) {
		rec, err := summary.ReadBack([]byte(`{"schema_version": 1, "flow": "card-declined\u001b[2J", "reference": "U-1\u001b]52;c;aGk=\u0007",
			"answers": [{"node": "store", "text": "x", "value": "Shop\u001b[31m 4242424242424242"}],
			"checks": [{"node": "card.check", "result": {"name": "card", "status": "ok", "outcome": "ok", "summary": "fine\u001b[0m"}}]}`), lib)
		if err != nil {
			t.Fatal(err)
		}
		all := rec.FlowID + rec.Reference + rec.Answers["store"].Value
		if strings.ContainsAny(all, "\x1b\x07") || strings.Contains(all, "4242424242424242") {
			t.Errorf("the record keeps %q", all)
		}
		again, _ := flows.ReplayRecord(lib[0], rec, flows.AudienceStaff, time.Now())
		for _, s := range again.Steps() {
			if s.Result != nil && strings.ContainsAny(s.Result.Summary, "\x1b\x07") {
				t.Errorf("a check result keeps an escape sequence: %q", s.Result.Summary)
			}
		}
	})
}
