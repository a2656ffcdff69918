package checks

import (
	"strings"
	"testing"
)

func TestCheckLimit(t *testing.T) {
	const unknown, noCap Money = -1, 0
	cases := []struct {
		name                   string
		amount, available, cap Money
		outcome                string
		status                 Status
		overLimit, overCap     bool
		shortfall              Money
		summary                string
	}{
		{name: "an amount over the available limit is over_limit by the difference",
			amount: 20000, available: 15500, cap: noCap,
			outcome: "over_limit", status: StatusProblem, overLimit: true, shortfall: 4500,
			summary: "The amount is 45.00 more than your available spending limit of 155.00."},
		{name: "an amount over the per-purchase cap is over_cap by the difference",
			amount: 20000, available: 50000, cap: 18000,
			outcome: "over_cap", status: StatusProblem, overCap: true, shortfall: 2000,
			summary: "The amount is 20.00 more than the limit for a single purchase of 180.00."},
		{name: "an amount over both is over_both, short by the larger difference",
			amount: 20000, available: 15500, cap: 18000,
			outcome: "over_both", status: StatusProblem, overLimit: true, overCap: true, shortfall: 4500,
			summary: "The amount is 45.00 more than your available spending limit of 155.00, and 20.00 more than the limit for a single purchase of 180.00."},
		{name: "an amount over both where the cap is lower is short by the cap's difference",
			amount: 20000, available: 19000, cap: 10000,
			outcome: "over_both", status: StatusProblem, overLimit: true, overCap: true, shortfall: 10000},
		{name: "an amount equal to the available limit is ok",
			amount: 15500, available: 15500, cap: noCap,
			outcome: "ok", status: StatusOK,
			summary: "The amount fits within your available spending limit of 155.00."},
		{name: "an amount within both limits is ok",
			amount: 10000, available: 15500, cap: 18000,
			outcome: "ok", status: StatusOK,
			summary: "The amount fits within your available spending limit of 155.00 and the limit for a single purchase of 180.00."},
		{name: "a cent over a zero limit is over_limit by a cent",
			amount: 1, available: 0, cap: noCap,
			outcome: "over_limit", status: StatusProblem, overLimit: true, shortfall: 1,
			summary: "The amount is 0.01 more than your available spending limit of 0.00."},
		{name: "large amounts are written with thousands separators",
			amount: 123456789, available: 100000000, cap: noCap,
			outcome: "over_limit", status: StatusProblem, overLimit: true, shortfall: 23456789,
			summary: "The amount is 234,567.89 more than your available spending limit of 1,000,000.00."},
		{name: "an unknown limit and no cap is unknown",
			amount: 20000, available: unknown, cap: noCap,
			outcome: "unknown", status: StatusSkipped},
		{name: "an unknown limit with the amount within the cap is ok, saying the limit wasn't checked",
			amount: 10000, available: unknown, cap: 18000,
			outcome: "ok", status: StatusOK,
			summary: "The amount fits within the limit for a single purchase of 180.00. Your available spending limit wasn't given, so it wasn't checked."},
		{name: "an unknown limit with the amount over the cap is over_cap",
			amount: 20000, available: unknown, cap: 18000,
			outcome: "over_cap", status: StatusProblem, overCap: true, shortfall: 2000},
		{name: "a negative cap counts as no cap",
			amount: 20000, available: 50000, cap: -5,
			outcome: "ok", status: StatusOK},
		{name: "a negative amount is unknown",
			amount: -1, available: 50000, cap: noCap,
			outcome: "unknown", status: StatusSkipped},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			rep, res := CheckLimit(tc.amount, tc.available, tc.cap)
			if res.Name != "limit" || res.Outcome != tc.outcome || res.Status != tc.status {
				t.Errorf("got %s/%s/%s, want limit/%s/%s", res.Name, res.Outcome, res.Status, tc.outcome, tc.status)
			}
			if rep.OverLimit != tc.overLimit || rep.OverCap != tc.overCap || rep.Shortfall != tc.shortfall {
				t.Errorf("report over limit/cap = %t/%t shortfall %s, want %t/%t %s",
					rep.OverLimit, rep.OverCap, rep.Shortfall, tc.overLimit, tc.overCap, tc.shortfall)
			}
			if rep.Amount != tc.amount || rep.Available != tc.available || rep.Cap != tc.cap {
				t.Errorf("report does not echo its inputs: %+v", rep)
			}
			if tc.summary != "" && res.Summary != tc.summary {
				t.Errorf("Summary = %q\nwant      %q", res.Summary, tc.summary)
			}
			if res.Summary == "" || !strings.Contains(res.Detail, "shortfall="+tc.shortfall.String()) {
				t.Errorf("incomplete result: %+v", res)
			}
			if (res.Status == StatusOK) != (res.Next == "") {
				t.Errorf("Next = %q; want a next step exactly when something is off", res.Next)
			}
		})
	}
}

func TestLimitSpec(t *testing.T) {
	runSpec(t, "limit", map[string]map[string]string{
		"an amount within the limit":        {"amount": "120.50", "available": "155"},
		"an amount over the limit":          {"amount": "200", "available": "155.00"},
		"an amount over the cap":            {"amount": "€200", "available": "1.000,00", "cap": "180"},
		"an amount over both":               {"amount": "200", "available": "155", "cap": "180"},
		"only an amount":                    {"amount": "200"},
		"only an amount and a cap":          {"amount": "20", "cap": "180"},
		"an unreadable amount":              {"amount": "lots", "available": "155"},
		"an unreadable available limit":     {"amount": "200", "available": "-5"},
		"an unreadable cap":                 {"amount": "200", "cap": "1.2345"},
		"no parameters at all":              {},
		"a blank amount with other amounts": {"amount": " ", "available": "155"},
	})

	spec, _ := Lookup("limit")
	res := spec.Run(t.Context(), Input{Params: map[string]string{"amount": "200", "available": "abc"}})
	if res.Status != StatusSkipped || !strings.Contains(res.Detail, "available:") {
		t.Errorf("an unreadable available limit gives %s with detail %q; want skipped, naming the parameter", res.Status, res.Detail)
	}
}
