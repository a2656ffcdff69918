package author

import (
	"testing"
	"time"

	"github.com/unstuck-dev/unstuck/flows"
)

func TestWalkIsRunAsWithoutTheSummary(t *testing.T) {
	f := flows.Builtin("payment-fails")
	if f == nil {
		t.Fatal("no payment-fails")
	}
	af, diags := ParseAnswersFile("a.yaml", []byte(`now: 2026-06-15
answers: { store: Example Shoes, internet: "yes", card-ask: "no", details: all-match, limits: "no", account: clear, store-accepts: "yes", glitch: still-failing, fraud: "no", error-seen: Payment declined, order-number: A-1 }
checks: { connection-check: ok }
`))
	if diags.HasErrors() {
		t.Fatal(diags.Error())
	}
	ran, _ := af.RunAs(f, flows.AudienceShopper, "", LocalChecks)
	walked, now := af.Walk(f, flows.AudienceShopper, "", LocalChecks)
	if !ran.Passed() || !walked.Passed() {
		t.Fatalf("RunAs: %q; Walk: %q", ran.Failure, walked.Failure)
	}
	if want := time.Date(2026, 6, 15, 0, 0, 0, 0, time.UTC); !now.Equal(want) {
		t.Errorf("now = %v, want %v", now, want)
	}
	if ran.Summary == "" || walked.Summary != "" {
		t.Errorf("RunAs's summary: %d bytes; Walk's: %d bytes, want some and none", len(ran.Summary), len(walked.Summary))
	}
	if walked.Final == nil || walked.Final.Node().ID != ran.Final.Node().ID || len(walked.Path) != len(ran.Path) {
		t.Errorf("Walk ended elsewhere than RunAs: %v against %v", walked.Path, ran.Path)
	}
}
