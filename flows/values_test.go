package flows

import (
	"fmt"
	"strings"
	"testing"
	"time"
)

// countingFlow asks for two dates and two amounts, and branches on the days and the amount left.
const countingFlow = `flow: counting
title: Counting
start: ordered-on
values:
  left:
    subtract: [total, refunded]
  left-or-ten:
    min: [left, "10"]
  took:
    days_between: [ordered-on, refund-on]
nodes:
  ordered-on:
    kind: input
    text: Ordered on?
    input: { type: date }
    next: refund-on
  refund-on:
    kind: input
    text: Refund sent on?
    input: { type: date, optional: true }
    next: total
  total:
    kind: input
    text: Total?
    input: { type: money, currency: EUR }
    next: refunded
  refunded:
    kind: input
    text: Refunded?
    input: { type: money, currency: EUR }
    branches:
      - when: { value: left, lte: "0" }
        goto: all-back
      - when: { days_since: refund-on, gt: 14 }
        goto: late
      - when: { days_between: [ordered-on, refund-on], lt: 0 }
        goto: odd
      - when: { value: took, gte: 30 }
        goto: slow
      - goto: wait
  all-back:
    kind: end
    text: "All back."
  late:
    kind: end
    text: "Sent {{refund-on.days_ago}}, {{left}} missing, at most {{left-or-ten}}; took {{took}} days."
  odd:
    kind: end
    text: "Refunded before it was ordered?"
  slow:
    kind: end
    text: "Slow: {{took}} days."
  wait:
    kind: end
    text: "Wait. Sent {{refund-on.days_ago}}; {{left}} to come."
`

func TestConditionsCountDaysAndValues(t *testing.T) {
	f, diags := Parse("counting.yaml", []byte(countingFlow))
	if diags.HasErrors() {
		t.Fatal(diags.Error())
	}
	// The walk begins on 15 June, late in the evening in Stockholm: today is the 15th there.
	begun := time.Date(2026, 6, 15, 23, 30, 0, 0, time.FixedZone("CEST", 2*3600))
	for _, tc := range []struct {
		name    string
		answers []string
		end     string
		text    string
	}{
		{"a refund that is all back ends there, however old", []string{"2026-01-01", "2026-01-02", "100", "100"}, "all-back", "All back."},
		{"a refund sent fifteen days ago is late, and the text counts the days and the amount left", []string{"2026-05-25", "2026-05-31", "100", "40"}, "late", "Sent 15 days ago, 60.00 EUR missing, at most 10.00 EUR; took 6 days."},
		{"a refund sent fourteen days ago is not yet late", []string{"2026-05-30", "2026-06-01", "100", "40"}, "wait", "Wait. Sent 14 days ago; 60.00 EUR to come."},
		{"a refund sent yesterday says yesterday", []string{"2026-06-14", "yesterday", "100", "40"}, "wait", "Wait. Sent yesterday; 60.00 EUR to come."},
		{"a refund sent today says today", []string{"2026-06-14", "today", "100", "40"}, "wait", "Wait. Sent today; 60.00 EUR to come."},
		{"a refund dated after today counts below zero and says in how many days", []string{"2026-06-14", "2026-06-18", "100", "40"}, "wait", "Wait. Sent in 3 days; 60.00 EUR to come."},
		{"days between two dates can be below zero", []string{"2026-06-10", "2026-06-05", "100", "40"}, "odd", ""},
		{"a value of days between two dates compares as days", []string{"2026-05-01", "2026-06-10", "100", "40"}, "slow", "Slow: 40 days."},
		{"a skipped date makes every count on it false, and shows as not answered", []string{"2026-05-01", "", "100", "40"}, "wait", "Wait. Sent (not answered); 60.00 EUR to come."},
	} {
		t.Run(tc.name, func(t *testing.T) {
			st := Start(f, begun)
			for _, a := range tc.answers {
				var err error
				if st, err = st.Answer(a, begun.Add(time.Minute)); err != nil {
					t.Fatalf("at %q: %v", st.Node().ID, err)
				}
			}
			if st.Node().ID != tc.end {
				t.Fatalf("ended at %q, want %q", st.Node().ID, tc.end)
			}
			if tc.text != "" {
				if got := st.Text(st.Node().Text); got != tc.text {
					t.Errorf("the text reads %q, want %q", got, tc.text)
				}
			}
		})
	}
	t.Run("a resumed walk counts from the day it began, and goes the way it went", func(t *testing.T) {
		st := Start(f, begun)
		for _, a := range []string{"2026-05-25", "2026-05-31", "100", "40"} {
			st, _ = st.Answer(a, begun)
		}
		again := Restore(f, st.Snapshot(begun), begun.AddDate(0, 1, 0))
		if again.Node().ID != "late" || again.Text("{{refund-on.days_ago}}") != "15 days ago" {
			t.Errorf("resumed a month later at %q: %q", again.Node().ID, again.Text("{{refund-on.days_ago}}"))
		}
	})
	t.Run("a check is given a value as a plain number", func(t *testing.T) {
		st := Start(f, begun)
		for _, a := range []string{"2026-05-25", "2026-05-31", "100", "40"} {
			st, _ = st.Answer(a, begun)
		}
		if got, _ := st.lookup("left", true); got != "60.00" {
			t.Errorf("raw value %q", got)
		}
		if got, _ := st.lookup("refund-on.days_ago", true); got != "15" {
			t.Errorf("raw days %q", got)
		}
	})
}

func TestAmountsInTwoCurrenciesAreNotWorkedOutTogether(t *testing.T) {
	// The flow declares no currency, so the loader cannot know; the shopper types two.
	f, diags := Parse("x.yaml", []byte(`flow: mix
title: Mix
start: total
values:
  left: { subtract: [total, refunded] }
nodes:
  total:
    kind: input
    text: Total?
    input: { type: money }
    next: refunded
  refunded:
    kind: input
    text: Refunded?
    input: { type: money }
    branches:
      - when: { value: left, given: true }
        goto: worked-out
      - goto: not-worked-out
  worked-out: { kind: end, text: "{{left}}" }
  not-worked-out: { kind: end, text: "{{left}}" }
`))
	if diags.HasErrors() {
		t.Fatal(diags.Error())
	}
	for _, tc := range []struct {
		name, total, refunded, end, text string
	}{
		{"amounts in one currency are worked out", "€100", "€40", "worked-out", "60.00 EUR"},
		{"amounts in two currencies are not, and the text says why", "€100", "40 SEK", "not-worked-out", "(amounts in different currencies)"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			st, _ := Start(f, t0).Answer(tc.total, t0)
			st, _ = st.Answer(tc.refunded, t0)
			if st.Node().ID != tc.end || st.Text(st.Node().Text) != tc.text {
				t.Errorf("ended at %q saying %q", st.Node().ID, st.Text(st.Node().Text))
			}
		})
	}
}

func TestDaysAgoIsSaidInTheWalksLanguage(t *testing.T) {
	for _, tc := range []struct {
		lang string
		days int64
		want string
	}{
		{"en", 9, "9 days ago"}, {"en", 1, "yesterday"}, {"en", 0, "today"}, {"en", -1, "tomorrow"}, {"en", -3, "in 3 days"},
		{"sv", 9, "för 9 dagar sedan"}, {"de", 1, "gestern"}, {"es", 2, "hace 2 días"},
		{"pl", 2, "2 dni temu"}, {"pl", 5, "5 dni temu"}, {"pl", 22, "22 dni temu"}, {"pl", -4, "za 4 dni"},
	} {
		t.Run(tc.lang+" says "+tc.want, func(t *testing.T) {
			if got := DaysAgo(tc.days, tc.lang); got != tc.want {
				t.Errorf("got %q", got)
			}
		})
	}
}

func TestLoadChecksValuesAndCountingConditions(t *testing.T) {
	// Each case changes the counting flow in one place; each problem is reported where it stands.
	for _, tc := range []struct {
		name      string
		old, new  string
		want      string
		wantHints string
	}{
		{"a value naming an answer that does not exist", "subtract: [total, refunded]", "subtract: [totl, refunded]",
			`counting.yaml:6:15: error unknown-answer: subtract in value "left" names "totl", which is no answer, value or number`, `did you mean "total"?`},
		{"a value working on a date", "subtract: [total, refunded]", "subtract: [total, ordered-on]",
			`error bad-value: subtract in value "left" works on "ordered-on", which is an input of type date`, ""},
		{"a value with one operand", "subtract: [total, refunded]", "subtract: [total]",
			`error bad-value: subtract in value "left" needs two operands or more`, ""},
		{"a value with two operations", "subtract: [total, refunded]", "subtract: [total, refunded]\n    add: [total, refunded]",
			`error bad-value: value "left" has both add and subtract; a value is one operation`, ""},
		{"a value with no operation", "    subtract: [total, refunded]\n", "",
			`error missing-field: value "left" works nothing out`, ""},
		{"values naming each other", `min: [left, "10"]`, `min: [left, left-or-ten]`,
			`error bad-value: values name each other in a circle: left-or-ten → left-or-ten`, ""},
		{"a value with the id of a node", "  took:\n", "  total:\n",
			`error duplicate-id: value "total" has the id of a node`, ""},
		{"a value counting days since an amount", "days_between: [ordered-on, refund-on]", "days_since: total",
			`error bad-value: days_since counts days from a date answer, but "total" is an input of type money`, "type: date"},
		{"days between one date", "days_between: [ordered-on, refund-on]\nnodes", "days_between: [ordered-on]\nnodes",
			`error bad-value: days_between needs two date answers, not 1`, ""},
		{"amounts in two currencies", "input: { type: money, currency: EUR }\n    next: refunded", "input: { type: money, currency: SEK }\n    next: refunded",
			`error bad-value: value "left" mixes amounts in EUR and SEK`, "same `currency:`"},
		{"an amount added to a number", "input: { type: money, currency: EUR }\n    next: refunded", "input: { type: number }\n    next: refunded",
			`error bad-value: value "left" mixes amounts with numbers that are not amounts`, ""},
		{"a condition on a value that does not exist", "{ value: left, lte:", "{ value: lefft, lte:",
			`error unknown-answer: the condition tests the value "lefft", which is not among the flow's values`, `did you mean "left"?`},
		{"days since an answer that is not a date", "{ days_since: refund-on, gt: 14 }", "{ days_since: total, gt: 14 }",
			`error bad-value: days_since counts days from a date answer, but "total" is an input of type money`, ""},
		{"days since a node that does not exist", "{ days_since: refund-on, gt: 14 }", "{ days_since: refund-of, gt: 14 }",
			`error unknown-answer: days_since names "refund-of", which is not a node`, `did you mean "refund-on"?`},
		{"days compared with an amount", "{ days_since: refund-on, gt: 14 }", "{ days_since: refund-on, gt: two weeks }",
			`error bad-value: "gt" needs a whole number of days, not "two weeks"`, ""},
		{"a value compared with words", `{ value: left, lte: "0" }`, `{ value: left, lte: nothing }`,
			`error bad-value: "lte" needs an amount, like 50 or 49.90, not "nothing"`, ""},
		{"a condition testing an answer and days at once", "{ days_since: refund-on, gt: 14 }", "{ answer: total, days_since: refund-on, gt: 14 }",
			`error bad-value: the condition tests both answer and days_since; a condition tests one thing`, "under `all:`"},
		{"a date compared with gt", "{ days_since: refund-on, gt: 14 }", "{ answer: refund-on, gt: 14 }",
			`error bad-value: "gt" compares numbers, but "refund-on" asks for date`, "write `days_since: refund-on`"},
		{"days ago of an answer that is not a date", "Sent {{refund-on.days_ago}}, {{left}}", "Sent {{total.days_ago}}, {{left}}",
			`error bad-value: {{total.days_ago}} in node "late" counts days from a date answer, but "total" is an input of type money`, ""},
		{"a reference to a value that does not exist", "Slow: {{took}} days.", "Slow: {{tooks}} days.",
			`error unknown-answer: {{tooks}} in node "slow" names no node or value`, `did you mean "took"?`},
		{"a value that nothing uses", ", at most {{left-or-ten}}", "",
			`counting.yaml:7:3: warning unreachable: value "left-or-ten" is never used`, "{{left-or-ten}}"},
	} {
		t.Run(tc.name+" is reported", func(t *testing.T) {
			src := strings.Replace(countingFlow, tc.old, tc.new, 1)
			if src == countingFlow {
				t.Fatalf("the change %q did not apply", tc.old)
			}
			_, diags := Parse("counting.yaml", []byte(src))
			got := diags.Error()
			if !strings.Contains(got, tc.want) || !strings.Contains(got, tc.wantHints) {
				t.Errorf("got:\n%s\nwant a line with:\n%s\nand %q", got, tc.want, tc.wantHints)
			}
		})
	}
}

func TestValuesThatNameValuesManyTimesOverAreRefusedNotWorkedOutForEver(t *testing.T) {
	// Forty values that each add the next one twice would take 2^40 steps to work out.
	var b strings.Builder
	b.WriteString("flow: deep\ntitle: Deep\nstart: n\nvalues:\n")
	for i := 0; i < 40; i++ {
		fmt.Fprintf(&b, "  v%d: { add: [v%d, v%d] }\n", i, i+1, i+1)
	}
	b.WriteString("  v40: { add: [n, \"1\"] }\nnodes:\n  n:\n    kind: input\n    text: \"N? {{v0}}\"\n    input: { type: number }\n    branches:\n      - when: { value: v0, gt: 1 }\n        goto: done\n      - goto: done\n  done: { kind: end }\n")
	done := make(chan Diagnostics, 1)
	go func() { _, diags := Parse("deep.yaml", []byte(b.String())); done <- diags }()
	var diags Diagnostics
	select {
	case diags = <-done:
	case <-time.After(10 * time.Second):
		t.Fatal("loading did not finish")
	}
	if !strings.Contains(diags.Error(), `error too-large: value "v0" is worked out through more than 1000 other values and answers`) {
		t.Errorf("got:\n%s", diags.Error())
	}
	t.Run("and the engine gives up on such a value rather than work it out", func(t *testing.T) {
		f := DecodeLoose("deep.yaml", []byte(b.String()))
		st := Start(f, t0)
		st.steps[0].Answer = &Answer{Value: "1", Number: 1}
		if got := st.Text("{{v0}}"); got != "(not answered)" {
			t.Errorf("got %q", got)
		}
	})
}

func TestAFlowWithHundredsOfValuesIsRefused(t *testing.T) {
	var b strings.Builder
	b.WriteString("flow: many\ntitle: Many\nstart: done\nvalues:\n")
	for i := 0; i <= maxValues; i++ {
		fmt.Fprintf(&b, "  v%d: { add: [\"1\", \"2\"] }\n", i)
	}
	b.WriteString("nodes:\n  done: { kind: end, text: \"{{v1x}}\" }\n")
	_, diags := Parse("many.yaml", []byte(b.String()))
	if want := fmt.Sprintf("many.yaml:5:3: error too-large: the flow has %d values; at most %d are allowed", maxValues+1, maxValues); !strings.Contains(diags.Error(), want) {
		t.Errorf("got:\n%s\nwant %s", diags.Error(), want)
	}
}
