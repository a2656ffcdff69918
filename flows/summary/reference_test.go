package summary

import (
	"testing"
	"time"

	"github.com/unstuck-dev/unstuck/checks/redact"
)

// The reference never ends in a digit, so the first line's reference and date never read as one long
// number that the scrubber takes for a card (it did, about one start in ten with a final digit).
func TestTheReferenceEndsInALetterAndSurvivesTheScrubber(t *testing.T) {
	start := time.Date(2026, 12, 3, 13, 50, 0, 0, time.UTC)
	for i := range 2000 {
		at := start.Add(time.Duration(i) * 1237 * time.Millisecond)
		ref := reference("payment-fails", at)
		if last := ref[len(ref)-1]; last < 'A' || last > 'Z' {
			t.Fatalf("reference %s ends in %q", ref, last)
		}
		line := ref + ", " + at.Format("2006-01-02 15:04") + " UTC"
		if got := redact.String(line); got != line {
			t.Fatalf("the scrubber changed %q into %q", line, got)
		}
	}
}
