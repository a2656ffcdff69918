package flows

import (
	"math"
	"runtime/debug"
	"testing"
)

func TestTheCollectorsPaceComesBackAfterABigFile(t *testing.T) {
	for _, c := range []struct {
		name        string
		set, during int
	}{{"the default comes back", 100, 50}, {"a lower setting is kept", 20, 20}, {"off is kept", -1, -1}} {
		t.Run("a file with aliases: "+c.name, func(t *testing.T) {
			old := debug.SetGCPercent(c.set)
			defer debug.SetGCPercent(old)
			outer := paceForBigFile(bigFile)
			inner := paceForBigFile(bigFile) // two at once
			outer.parsed(false)
			inner.parsed(false)
			if got := debug.SetGCPercent(c.during); got != c.during {
				t.Errorf("while parsing: %d, want %d", got, c.during)
			}
			inner.done()
			outer.done()
			if got := debug.SetGCPercent(c.set); got != c.set {
				t.Errorf("after: %d, want %d", got, c.set)
			}
		})
	}
}

func TestABigFileCapsMemoryOnceItsYAMLIsReadAndThenLetsGo(t *testing.T) {
	old := debug.SetMemoryLimit(-1)
	defer debug.SetMemoryLimit(old)
	t.Run("no limit before: one a third above what is held, then none again", func(t *testing.T) {
		debug.SetMemoryLimit(math.MaxInt64)
		outer := paceForBigFile(bigFile)
		inner := paceForBigFile(bigFile)
		if got := debug.SetMemoryLimit(-1); got != math.MaxInt64 {
			t.Errorf("before the YAML is read: %d, want no limit", got)
		}
		held := heldMemory()
		outer.parsed(true)
		got := debug.SetMemoryLimit(-1)
		if got >= math.MaxInt64 || float64(got) < float64(held)*(1+memoryAbove)*0.9 || float64(got) > float64(held)*(1+memoryAbove)*1.5 {
			t.Errorf("once the YAML is read: %d, want about %.0f", got, float64(held)*(1+memoryAbove))
		}
		if pct := debug.SetGCPercent(100); pct != 100 {
			debug.SetGCPercent(pct)
			t.Errorf("the pace is %d, want 100: the limit does the work", pct)
		}
		inner.parsed(true)
		inner.done()
		if debug.SetMemoryLimit(-1) >= math.MaxInt64 {
			t.Error("the limit went while another big file was being loaded")
		}
		outer.done()
		if got := debug.SetMemoryLimit(-1); got != math.MaxInt64 {
			t.Errorf("after: %d, want no limit", got)
		}
	})
	t.Run("a lower limit set before is kept", func(t *testing.T) {
		low := int64(float64(heldMemory()) * 1.1) // below a third above what is held
		debug.SetMemoryLimit(low)
		p := paceForBigFile(bigFile)
		p.parsed(true)
		if got := debug.SetMemoryLimit(-1); got != low {
			t.Errorf("while loading: %d, want %d", got, low)
		}
		p.done()
		if got := debug.SetMemoryLimit(-1); got != low {
			t.Errorf("after: %d, want %d", got, low)
		}
	})
	t.Run("a small file is not concerned", func(t *testing.T) {
		debug.SetMemoryLimit(math.MaxInt64)
		p := paceForBigFile(bigFile - 1)
		p.parsed(true)
		if got := debug.SetMemoryLimit(-1); got != math.MaxInt64 {
			t.Errorf("got %d", got)
		}
		p.done()
	})
}
