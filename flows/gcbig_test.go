package flows

import (
	"runtime/debug"
	"testing"
)

func TestTheCollectorsPaceComesBackAfterABigFile(t *testing.T) {
	for _, c := range []struct {
		name        string
		set, during int
	}{{"the default comes back", 100, 50}, {"a lower setting is kept", 20, 20}, {"off is kept", -1, -1}} {
		t.Run(c.name, func(t *testing.T) {
			old := debug.SetGCPercent(c.set)
			defer debug.SetGCPercent(old)
			done := paceForBigFile(bigFile)
			inner := paceForBigFile(bigFile) // two at once
			if got := debug.SetGCPercent(c.during); got != c.during {
				t.Errorf("while parsing: %d, want %d", got, c.during)
			}
			inner()
			done()
			if got := debug.SetGCPercent(c.set); got != c.set {
				t.Errorf("after: %d, want %d", got, c.set)
			}
		})
	}
}
