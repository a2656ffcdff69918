package author

import (
	"context"
	"strings"
	"testing"
	"time"

	"github.com/unstuck-dev/unstuck/checks"
	"github.com/unstuck-dev/unstuck/flows"
)

func TestRealChecksRunChecksThroughTheOneRunner(t *testing.T) {
	now := time.Date(2026, 6, 1, 12, 0, 0, 0, time.UTC)
	card := flows.CheckRequest{Node: "check-card", Check: "card", Params: map[string]string{"number": "4242424242424242", "expiry": "12/30"}}

	t.Run("a local check runs for real", func(t *testing.T) {
		for name, run := range map[string]CheckRunner{"LocalChecks": LocalChecks, "RealChecks": RealChecks(context.Background(), false)} {
			r, err := run(card, now)
			if err != nil || r.Name != "card" || r.Status != checks.StatusOK {
				t.Errorf("%s: got %+v, %v; want the card check's ok", name, r, err)
			}
		}
	})
	t.Run("a flow test refuses a check that needs the network, naming the node", func(t *testing.T) {
		_, err := RealChecks(context.Background(), true)(flows.CheckRequest{Node: "net", Check: "connectivity"}, now)
		if err == nil || !strings.Contains(err.Error(), `node "net" runs the connectivity check, which needs the network`) {
			t.Errorf("got %v", err)
		}
	})
	t.Run("an unknown check is an error, not a crash", func(t *testing.T) {
		_, err := LocalChecks(flows.CheckRequest{Node: "n", Check: "teleport"}, now)
		if err == nil || !strings.Contains(err.Error(), `no check called "teleport"`) {
			t.Errorf("got %v", err)
		}
	})
}
