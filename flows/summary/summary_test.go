package summary_test

import (
	"encoding/json"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/charmbracelet/x/exp/golden"

	"github.com/unstuck-dev/unstuck/flows"
	"github.com/unstuck-dev/unstuck/flows/author"
	"github.com/unstuck-dev/unstuck/flows/summary"
)

// casesFrom walks the built-in flow's own test cases by name, so the golden summaries follow paths
// the flow's tests keep working.
func walkCase(t *testing.T, name string, staff bool) flows.State {
	t.Helper()
	data, err := flows.LibraryFS().(interface{ ReadFile(string) ([]byte, error) }).ReadFile("library/payment-fails.test.yaml")
	if err != nil {
		t.Fatal(err)
	}
	tf, diags := author.ParseTestFile("payment-fails.test.yaml", data)
	if diags.HasErrors() {
		t.Fatal(diags.Error())
	}
	f, _ := tf.ResolveFlow()
	now := time.Date(2026, 6, 15, 14, 30, 0, 0, time.FixedZone("CEST", 2*3600))
	for _, c := range tf.Cases {
		if c.Name == name {
			audience := flows.AudienceShopper
			if staff {
				audience = flows.AudienceStaff
			}
			res := author.RunCaseAs(f, c, now, nil, audience, "")
			if !res.Passed() {
				t.Fatalf("case %q: %s", name, res.Failure)
			}
			return *res.Final
		}
	}
	t.Fatalf("no case %q", name)
	return flows.State{}
}

// summaryT0 is the moment the template walk pretends it is.
var summaryT0 = time.Date(2026, 3, 14, 15, 9, 26, 0, time.FixedZone("CET", 3600))

var goldenCases = map[string]string{
	"over-limit":      "the amount is over the available spending limit, with the shortfall checked for real",
	"card-typo":       "a mistyped card number is refused at the field, typed again there, and never shown in full", // then the card has expired
	"contact-support": "within every limit and nothing else found, the shopper contacts support with the summary",
}

func TestSummaryFormats(t *testing.T) {
	for _, path := range []string{"over-limit", "card-typo", "contact-support"} {
		st := walkCase(t, goldenCases[path], false)
		sm := summary.Of(st)
		for _, format := range summary.Names() {
			t.Run(path+" as "+format, func(t *testing.T) {
				out, err := sm.Format(format)
				if err != nil {
					t.Fatal(err)
				}
				if strings.Contains(out, "4242424242424241") || strings.Contains(out, "08/29") {
					t.Fatalf("the card number or expiry is in the %s summary", format)
				}
				if format == "json" {
					var v map[string]any
					if err := json.Unmarshal([]byte(out), &v); err != nil {
						t.Fatalf("not JSON: %v", err)
					}
					for _, k := range []string{"flow", "reference", "time", "answers", "checks", "tried", "finished"} {
						if _, ok := v[k]; !ok {
							t.Errorf("the JSON summary has no %q", k)
						}
					}
				}
				if format == "text" && len(out) > summary.DefaultTextLimit {
					t.Errorf("the text summary is %d characters, over %d", len(out), summary.DefaultTextLimit)
				}
				golden.RequireEqual(t, out)
			})
		}
	}
}

func TestSummaryJSONHasEveryAnswerWithItsNode(t *testing.T) {
	st := walkCase(t, goldenCases["contact-support"], false)
	var v struct {
		Answers []summary.Answer `json:"answers"`
		Checks  []struct {
			Node   string `json:"node"`
			Result struct {
				Name, Status, Summary, Detail string
			} `json:"result"`
		} `json:"checks"`
	}
	if err := json.Unmarshal([]byte(summary.Of(st).JSON()), &v); err != nil {
		t.Fatal(err)
	}
	nodes := map[string]bool{}
	for _, a := range v.Answers {
		nodes[a.Node] = true
	}
	for _, want := range []string{"store", "amount", "internet", "card-ask", "details", "limits", "limit-available", "limit-cap", "account", "store-accepts", "glitch", "fraud"} {
		if !nodes[want] {
			t.Errorf("the JSON summary lacks the answer to %q", want)
		}
	}
	if len(v.Checks) != 2 || v.Checks[1].Node != "limit-check" || v.Checks[1].Result.Status != "ok" {
		t.Errorf("checks in JSON: %+v", v.Checks)
	}
}

func TestTextSummaryDropsLessImportantLinesToFit(t *testing.T) {
	st := walkCase(t, goldenCases["card-typo"], false)
	sm := summary.Of(st)
	for i := 0; i < 30; i++ {
		sm.Tried = append(sm.Tried, fmt.Sprintf("Tried thing number %d, which did not help at all", i))
	}
	full := sm.TextLimit(0)
	short := sm.TextLimit(summary.DefaultTextLimit)
	if len(full) <= summary.DefaultTextLimit {
		t.Fatalf("the test summary should be long; it is %d", len(full))
	}
	if len(short) > summary.DefaultTextLimit {
		t.Errorf("the limited summary is %d characters", len(short))
	}
	if !strings.Contains(short, "less important lines were left out") {
		t.Errorf("the drop is not stated:\n%s", short)
	}
	for _, keep := range []string{"Problem: Payment does not go through", "Result: Card expired", "Card: Visa ending 4242", "Card number: PROBLEM"} {
		if !strings.Contains(short, keep) {
			t.Errorf("%q was dropped, but it matters most:\n%s", keep, short)
		}
	}
}

func TestSummaryTemplateLaysOutTheText(t *testing.T) {
	flow := `flow: tpl
title: Template
summary_template: |
  CASE FOR SUPPORT
  {{summary.question}}
  {{summary.details}}
  -- end --
start: a
nodes:
  a:
    kind: input
    text: Order?
    label: Order
    input: { type: text }
    next: e
  e:
    kind: end
    title: Done
    question: Where is order {{a}}?
    summary: This line is left out by the template.
`
	f, diags := flows.Parse("tpl.yaml", []byte(flow))
	if diags.HasErrors() {
		t.Fatal(diags.Error())
	}
	st, err := flows.Start(f, summaryT0).Answer("A-17", summaryT0)
	if err != nil {
		t.Fatal(err)
	}
	got := summary.Of(st).Text()
	want := "CASE FOR SUPPORT\nQuestion for support: Where is order A-17?\nDetails: Order: A-17\n-- end --\n"
	if got != want {
		t.Errorf("got:\n%s\nwant:\n%s", got, want)
	}
}

func TestTranscriptForStaff(t *testing.T) {
	st := walkCase(t, goldenCases["over-limit"], true).WithCaseID("CASE-4711")
	steps := st.Steps()
	// A note at the end step, as an agent would add one.
	st = st.WithNote("Customer says the limit was raised yesterday.", steps[len(steps)-1].At.Add(90*time.Second))
	golden.RequireEqual(t, summary.Transcript(st))
}
