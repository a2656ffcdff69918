package tui

import (
	"strings"
	"testing"

	"github.com/charmbracelet/x/ansi"

	"github.com/unstuck-dev/unstuck/checks"
)

// The check screen knows no check by name: it draws the parts a check declares (a row each, a
// spinner until it reports) and any part a check reports without declaring it.
func TestACheckScreenShowsAnyChecksPartsAsTheyCome(t *testing.T) {
	e := &env{styles: NewStyles(true, false), keys: newKeyMap(), isDark: true}
	draw := func(check string, parts ...checks.Result) string {
		fs := &flowScreen{parts: parts}
		var b strings.Builder
		fs.partsView(&b, e, check, 80)
		return ansi.Strip(b.String())
	}
	checking := e.t("Checking…")

	t.Run("a check with no parts shows one row while it runs", func(t *testing.T) {
		got := draw("card")
		if strings.Count(got, "\n") != 1 || !strings.Contains(got, checking) {
			t.Errorf("got %q, want one spinner row", got)
		}
	})
	t.Run("parts a check reports without declaring them show as they come, above the spinner", func(t *testing.T) {
		got := draw("card",
			checks.Result{Name: "first", Status: checks.StatusOK, Summary: "The first part is fine."},
			checks.Result{Name: "second", Status: checks.StatusProblem, Summary: "The second part is not."})
		lines := strings.Split(strings.TrimRight(got, "\n"), "\n")
		if len(lines) != 3 || !strings.Contains(lines[0], "The first part is fine.") ||
			!strings.Contains(lines[1], "The second part is not.") || !strings.Contains(lines[2], checking) {
			t.Errorf("got:\n%s\nwant the two parts in order, then the spinner row", got)
		}
	})
	t.Run("a check that declares its parts has a row for each before any reports", func(t *testing.T) {
		spec, ok := checks.Lookup("connectivity")
		if !ok || len(spec.Parts) == 0 {
			t.Fatal("the connectivity check declares no parts")
		}
		got := draw("connectivity")
		if n := strings.Count(got, "…"); n != len(spec.Parts) || strings.Contains(got, checking) {
			t.Errorf("got:\n%s\nwant a pending row for each of the %d parts and no other", got, len(spec.Parts))
		}
	})
}
