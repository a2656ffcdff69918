package main

import (
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
)

// A flow with hundreds of mistakes prints the first lintShown of them and says how many more there
// are; --all prints them all (issue 15: 40,002 diagnostics, 9 MB of output, at 10k broken nodes).
func TestLintBoundsItsOutput(t *testing.T) {
	var b strings.Builder
	b.WriteString("flow: broken\ntitle: Broken\nstart: n0\nnodes:\n")
	for i := range 300 {
		fmt.Fprintf(&b, "  n%d:\n    kind: message\n    text: Step %d.\n    next: gone%d\n", i, i, i)
	}
	path := filepath.Join(t.TempDir(), "broken.yaml")
	if err := os.WriteFile(path, []byte(b.String()), 0o644); err != nil {
		t.Fatal(err)
	}
	heading := regexp.MustCompile(`(?m)^\S+:\d+:\d+: (error|warning) `)
	t.Run("text shows the first 200 and a count of the rest", func(t *testing.T) {
		code, out, _ := lint(t, path)
		if n := len(heading.FindAllString(out, -1)); n != lintShown {
			t.Errorf("printed %d diagnostics; want %d", n, lintShown)
		}
		if !strings.Contains(out, "diagnostics more not shown (--all shows every one).") {
			t.Errorf("no count of the diagnostics not shown:\n%s", out[max(0, len(out)-300):])
		}
		if !strings.HasSuffix(out, "in 1 file.\n") || code != exitProblems {
			t.Errorf("exit %d, ending %q", code, out[max(0, len(out)-100):])
		}
	})
	t.Run("--all shows every one", func(t *testing.T) {
		_, out, _ := lint(t, "--all", path)
		if n := len(heading.FindAllString(out, -1)); n <= 300 {
			t.Errorf("printed %d diagnostics; want over 300", n)
		}
		if strings.Contains(out, "not shown") {
			t.Error("--all still holds some back")
		}
	})
	t.Run("json lists the first 200 and says how many it left out", func(t *testing.T) {
		_, out, _ := lint(t, "--format", "json", path)
		var report struct {
			Errors      int               `json:"errors"`
			Diagnostics []json.RawMessage `json:"diagnostics"`
			NotShown    int               `json:"not_shown"`
		}
		if err := json.Unmarshal([]byte(out), &report); err != nil {
			t.Fatal(err)
		}
		if len(report.Diagnostics) != lintShown || report.NotShown == 0 || len(report.Diagnostics)+report.NotShown < 300 {
			t.Errorf("%d diagnostics listed, %d not shown", len(report.Diagnostics), report.NotShown)
		}
	})
}
