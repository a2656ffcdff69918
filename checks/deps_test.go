package checks

import (
	"os/exec"
	"slices"
	"strings"
	"testing"
)

// The card, expiry and money parsers are for anyone to use: importing checks must not pull in the
// network. The connection check lives in checks/connectivity for that reason.
func TestChecksDoesNotPullInTheNetwork(t *testing.T) {
	network := []string{"net", "net/http", "crypto/tls"}
	deps := func(t *testing.T, pkg string) []string {
		t.Helper()
		out, err := exec.Command("go", "list", "-deps", pkg).Output()
		if err != nil {
			t.Fatalf("go list -deps %s: %v", pkg, err)
		}
		return strings.Fields(string(out))
	}
	t.Run("checks imports none of net, net/http and crypto/tls", func(t *testing.T) {
		got := deps(t, ".")
		if !slices.Contains(got, "time") {
			t.Fatalf("go list -deps named no standard packages at all: %v", got)
		}
		for _, p := range network {
			if slices.Contains(got, p) {
				t.Errorf("checks depends on %s; keep network code in checks/connectivity", p)
			}
		}
	})
	t.Run("checks/connectivity, by contrast, does (so the test above can fail)", func(t *testing.T) {
		got := deps(t, "./connectivity")
		for _, p := range network {
			if !slices.Contains(got, p) {
				t.Errorf("checks/connectivity does not depend on %s", p)
			}
		}
	})
}
