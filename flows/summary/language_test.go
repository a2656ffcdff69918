package summary_test

import (
	"strings"
	"testing"
	"time"

	"github.com/unstuck-dev/unstuck/checks"
	"github.com/unstuck-dev/unstuck/flows"
	"github.com/unstuck-dev/unstuck/flows/summary"
)

// walkTo answers the built-in flow's steps from the answers given by node id (message steps are
// continued, checks pretend the result given), until it stands at the node stop.
func walkTo(t *testing.T, f *flows.Flow, answers map[string]string, results map[string]checks.Result, stop string) flows.State {
	t.Helper()
	now := time.Date(2026, 6, 15, 14, 30, 0, 0, time.FixedZone("CEST", 2*3600))
	st := flows.Start(f, now)
	for i := 0; st.Node().ID != stop; i++ {
		if i > 100 || st.Done() {
			t.Fatalf("the walk did not reach %q; it is at %q", stop, st.Node().ID)
		}
		n := st.Node()
		var err error
		if r, ok := results[n.ID]; ok {
			st, err = st.WithResult(r, now)
		} else {
			st, err = st.Answer(answers[n.ID], now)
		}
		if err != nil {
			t.Fatalf("at %q: %v", n.ID, err)
		}
	}
	return st
}

func TestTheSummaryFollowsItsLanguage(t *testing.T) {
	en := flows.Builtin("payment-fails")
	answers := map[string]string{"store": "Shop", "internet": "1", "card-ask": "1", "card.number": "5555 5555 5555 4444",
		"card.expiry": "08/29", "details": "3", "limits": "1", "amount": "1 234,50 kr"}
	results := map[string]checks.Result{"connection-check": {Name: "connectivity", Status: checks.StatusSkipped, Outcome: "skipped"},
		"card.check": {Name: "card", Status: checks.StatusOK, Outcome: "ok"}}
	st := walkTo(t, en.Localize("sv"), answers, results, "limit-available")
	for _, c := range []struct {
		name, lang string
		want, not  []string
	}{
		{"a Swedish walk told in English says the card and the amount in English", "en",
			[]string{"Mastercard ending 4444", "1,234.50 SEK"}, []string{"slutar", "1 234,50"}},
		{"a Swedish walk told in Swedish keeps them in Swedish", "sv",
			[]string{"Mastercard som slutar på 4444", "1 234,50 SEK"}, []string{"ending", "1,234.50"}},
	} {
		t.Run(c.name, func(t *testing.T) {
			sm := summary.Of(st.In(en.Localize(c.lang)))
			for _, format := range summary.Names() {
				out, _ := sm.Format(format)
				out = strings.ReplaceAll(out, "\u00a0", " ")
				for _, w := range c.want {
					if !strings.Contains(out, w) {
						t.Errorf("the %s summary lacks %q:\n%s", format, w, out)
					}
				}
				for _, w := range c.not {
					if strings.Contains(out, w) {
						t.Errorf("the %s summary holds %q:\n%s", format, w, out)
					}
				}
			}
		})
	}
}

func TestTheSummaryKeepsTheCurrency(t *testing.T) {
	f, diags := flows.Parse("m.yaml", []byte(`flow: m
title: M
start: typed
nodes:
  typed: {kind: input, text: "How much?", label: Typed, input: {type: money}, next: declared}
  declared: {kind: input, text: "How much?", label: Declared, input: {type: money, currency: SEK}, next: done}
  done: {kind: end, outcome: solved}
`))
	if diags.HasErrors() {
		t.Fatal(diags.Error())
	}
	for _, c := range []struct {
		name, typed, declared string
		want                  []string
		json                  []string
	}{
		{"a currency typed as a symbol is kept as its code", "€199", "120.50",
			[]string{"Typed: 199.00 EUR", "Declared: 120.50 SEK"}, []string{`"minor_units": 19900`, `"currency": "EUR"`, `"currency": "SEK"`}},
		{"a currency typed after the amount wins over the flow's", "1,234.50 USD", "12 EUR",
			[]string{"Typed: 1,234.50 USD", "Declared: 12.00 EUR"}, []string{`"minor_units": 123450`, `"currency": "USD"`, `"currency": "EUR"`}},
		{"a symbol that names no one currency is kept as typed", "$12.5", "3",
			[]string{"Typed: $12.50", "Declared: 3.00 SEK"}, []string{`"currency": "$"`}},
	} {
		t.Run(c.name, func(t *testing.T) {
			st := flows.Start(f, time.Time{})
			var err error
			for _, a := range []string{c.typed, c.declared} {
				if st, err = st.Answer(a, time.Time{}); err != nil {
					t.Fatal(err)
				}
			}
			sm := summary.Of(st)
			for _, format := range []string{"text", "markdown"} {
				out, _ := sm.Format(format)
				for _, w := range c.want {
					if !strings.Contains(strings.ReplaceAll(out, "**", ""), w) {
						t.Errorf("the %s summary lacks %q:\n%s", format, w, out)
					}
				}
			}
			for _, w := range c.json {
				if !strings.Contains(sm.JSON(), w) {
					t.Errorf("the JSON summary lacks %s:\n%s", w, sm.JSON())
				}
			}
			// Saved and resumed, the answer keeps its currency.
			back := flows.Restore(f, st.Snapshot(time.Time{}), time.Time{})
			if got, want := summary.Of(back).Text(), sm.Text(); got != want {
				t.Errorf("after resume the summary reads\n%s\nnot\n%s", got, want)
			}
		})
	}
}
