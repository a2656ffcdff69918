package tui

import (
	"bytes"
	"strings"
	"testing"
	"time"

	tea "charm.land/bubbletea/v2"

	"github.com/unstuck-dev/unstuck/flows/files"
)

// The connection check of payment-fails is skipped when the store is given by name, not by address:
// an internal reason the shopper can do nothing about.
const skippedBecause = "skipped because no payment site address was given"

// To the step after the connection check: welcome, store (a name).
var toAfterConnectionCheck = []string{"enter", "Example Shoes", "enter"}

func TestASkippedCheckIsNotShownToTheShopper(t *testing.T) {
	t.Run("the shopper's screen after the check does not mention it", func(t *testing.T) {
		h := newHarness(t, 80, 24, "payment-fails").press(toAfterConnectionCheck...)
		if got := h.node(); got != "internet" {
			t.Fatalf("at %q, want the step after the connection check", got)
		}
		if screen := h.screen(); strings.Contains(screen, skippedBecause) || strings.Contains(screen, "(skipped)") {
			t.Errorf("the skipped check is shown to the shopper:\n%s", screen)
		}
	})
	t.Run("staff see it, marked as skipped", func(t *testing.T) {
		f, diags := files.Find("payment-fails")
		if diags.HasErrors() {
			t.Fatal(diags.Error())
		}
		e := &env{styles: NewStyles(true, false), keys: newKeyMap(), now: func() time.Time { return fixedNow }, staff: true, caseID: "CASE-7", saveDir: t.TempDir()}
		app := newApp(e, newFlowScreen(f, e), nil)
		h := &harness{t: t, app: app}
		h.send(keyMsgSize(80, 30))
		h.run(app.scr.(interface{ init(*env) tea.Cmd }).init(e))
		h.press(toAfterConnectionCheck...)
		screen := strings.Join(strings.Fields(h.screen()), " ")
		if !strings.Contains(screen, "– (skipped) The connection check was "+skippedBecause) {
			t.Errorf("staff do not see the skipped check, marked as skipped:\n%s", h.screen())
		}
	})
}

func TestASkippedCheckIsNotPrintedForTheShopperInLineMode(t *testing.T) {
	f, diags := files.Find("payment-fails")
	if diags.HasErrors() {
		t.Fatal(diags.Error())
	}
	// The answers end at the step after the connection check: the run stops there, asking it.
	answers := "\nExample Shoes\n120.50\n\n\n1\n"
	for _, tc := range []struct {
		name  string
		staff bool
		want  bool
	}{
		{"a shopper reads nothing of it", false, false},
		{"staff read it, marked SKIPPED", true, true},
	} {
		t.Run(tc.name, func(t *testing.T) {
			var out bytes.Buffer
			_, _ = RunLines(LineOptions{In: strings.NewReader(answers), Out: &out, Flow: f, Staff: tc.staff, CaseID: "CASE-7",
				Now: func() time.Time { return fixedNow }})
			text := out.String()
			if !strings.Contains(text, "Your connection") && !strings.Contains(text, "internet") {
				t.Fatalf("the run did not get past the connection check:\n%s", text)
			}
			shown := strings.Contains(text, "[SKIPPED] The connection check was "+skippedBecause)
			if shown != tc.want {
				t.Errorf("the skipped check shown: %v, want %v:\n%s", shown, tc.want, text)
			}
			if !tc.want && (strings.Contains(text, skippedBecause) || strings.Contains(text, "SKIPPED")) {
				t.Errorf("the shopper reads of the skipped check:\n%s", text)
			}
		})
	}
}
