package tui

import (
	"strings"
	"testing"
	"time"

	"github.com/unstuck-dev/unstuck/flows/files"
)

// Frames draws what the harness draws for the same keys: the first step, then the next after a pick.
func TestFramesDrawWhatTheAppDraws(t *testing.T) {
	f, diags := files.Find("payment-fails")
	if diags.HasErrors() {
		t.Fatal(diags.Error())
	}
	frames := Frames(f, "en", 80, 24, func() time.Time { return fixedNow }, []string{"enter", "1"})
	h := newHarness(t, 80, 24, "payment-fails")
	if len(frames) != 3 {
		t.Fatalf("%d frames for two keys", len(frames))
	}
	for i, key := range []string{"", "enter", "1"} {
		if key != "" {
			h.press(key)
		}
		if frames[i] != h.screen() {
			t.Errorf("after %q Frames draws:\n%s\nthe app draws:\n%s", key, frames[i], h.screen())
		}
	}
	if frames[0] == frames[2] || !strings.Contains(frames[0], "step 1") {
		t.Errorf("the frames do not follow the walk:\n%s\n%s", frames[0], frames[2])
	}
}
