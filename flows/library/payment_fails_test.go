package library_test

import (
	"testing"
	"time"

	"github.com/unstuck-dev/unstuck/checks"
	"github.com/unstuck-dev/unstuck/flows"
)

// firstFixes are the payment flow's steps that give the shopper something to try: the connection fixes,
// the offer to check the card for typos, the details to compare at checkout, the website glitch fixes.
var firstFixes = map[string]bool{"net-fix": true, "card-ask": true, "details": true, "glitch": true}

// TestPaymentFailsOffersAFixWithinFiveSteps walks the payment flow's common starts and counts the steps
// (the welcome message is step 1; checks are not steps, as the screen counts them) to the first fix.
func TestPaymentFailsOffersAFixWithinFiveSteps(t *testing.T) {
	f := flows.Builtin("payment-fails")
	if f == nil {
		t.Fatal("the built-in flow payment-fails is missing")
	}
	cases := []struct {
		name    string
		answers map[string]string
		results map[string]string // check node → outcome
		fix     string
	}{
		{"a store named, no pages to test, and the internet works: the card check is offered",
			map[string]string{"store": "Example Shoes", "internet": "yes"},
			map[string]string{"connection-check": "skipped"}, "card-ask"},
		{"a store named and the internet is slow: the connection fixes come first",
			map[string]string{"store": "Example Shoes", "internet": "no"},
			map[string]string{"connection-check": "skipped"}, "net-fix"},
		{"a store named and the shopper is not sure about the internet: the connection fixes come first",
			map[string]string{"store": "Example Shoes", "internet": "unsure"},
			map[string]string{"connection-check": "skipped"}, "net-fix"},
		{"the provider's pages answer: the card check is offered without asking about the internet",
			map[string]string{"store": "Example Shoes"},
			map[string]string{"connection-check": "ok"}, "card-ask"},
		{"the provider's pages can't be reached: the connection fixes come first",
			map[string]string{"store": "Example Shoes"},
			map[string]string{"connection-check": "dns"}, "net-fix"},
		{"a store address the shopper lets unstuck test, and it answers: the card check is offered",
			map[string]string{"store": "https://shop.example.com", "probe-store": "yes"},
			map[string]string{"connection-check": "skipped", "store-check": "ok"}, "card-ask"},
		{"a store address the shopper does not let unstuck test, and the internet works: the card check is offered",
			map[string]string{"store": "https://shop.example.com", "probe-store": "no", "internet": "yes"},
			map[string]string{"connection-check": "skipped"}, "card-ask"},
	}
	now := time.Date(2026, 6, 15, 12, 0, 0, 0, time.UTC)
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			st := flows.Start(f, now)
			for guard := 0; !firstFixes[st.Node().ID]; guard++ {
				n := st.Node()
				if st.Done() || guard > 50 {
					t.Fatalf("the walk reached %q without offering a fix", n.ID)
				}
				var err error
				if outcome, ok := c.results[n.ID]; ok {
					st, err = st.WithResult(checks.Result{Name: "connectivity", Status: checks.StatusOK, Outcome: outcome}, now)
				} else if n.Kind == flows.KindCheck {
					t.Fatalf("the walk met the check %q, which the case gives no outcome for", n.ID)
				} else {
					st, err = st.Answer(c.answers[n.ID], now)
				}
				if err != nil {
					t.Fatalf("at %q: %v", n.ID, err)
				}
			}
			if got := st.Node().ID; got != c.fix {
				t.Errorf("the first fix is %q, want %q", got, c.fix)
			}
			if n := st.StepNumber(); n > 5 {
				t.Errorf("the first fix (%s) comes at step %d, want 5 or fewer", st.Node().ID, n)
			}
		})
	}
}
