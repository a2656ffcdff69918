package main

import (
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"
)

// wantLine is an expectation written in a file of testdata/lint-mistakes: `# want: CODE` at the end
// of the line the writer must change, or `# want: LINE CODE` on a line of its own where a comment
// cannot stand (inside a block of text, on a line that must stay broken); `# want: none` for a
// file that must lint clean.
var wantLine = regexp.MustCompile(`#\s*want:\s*(?:(\d+)\s+)?([a-z-]+)\s*$`)

type found struct {
	Line int
	Code string
}

func wantsOf(t *testing.T, path string) []found {
	t.Helper()
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	var wants []found
	for i, line := range strings.Split(string(data), "\n") {
		m := wantLine.FindStringSubmatch(line)
		if m == nil || m[2] == "none" {
			continue
		}
		at := i + 1
		if m[1] != "" {
			at, _ = strconv.Atoi(m[1])
		}
		wants = append(wants, found{at, m[2]})
	}
	slices.SortStableFunc(wants, func(a, b found) int { return a.Line - b.Line })
	if len(wants) == 0 && !strings.Contains(string(data), "# want: none") {
		t.Fatalf("%s says nothing of what lint should report: add `# want: CODE` or `# want: none`", path)
	}
	return wants
}

// lintFound runs `unstuck lint --format json` on path and returns what it reports, line and code.
func lintFound(t *testing.T, path string) []found {
	t.Helper()
	_, out, errOut := lint(t, "--format", "json", path)
	if errOut != "" {
		t.Errorf("lint wrote to stderr: %q", errOut)
	}
	var report struct {
		Diagnostics []struct {
			Pos struct {
				Line int `json:"line"`
			} `json:"pos"`
			Code string `json:"code"`
		} `json:"diagnostics"`
	}
	if err := json.Unmarshal([]byte(out), &report); err != nil {
		t.Fatalf("%v in %q", err, out)
	}
	var got []found
	for _, d := range report.Diagnostics {
		got = append(got, found{d.Pos.Line, d.Code})
	}
	return got
}

func TestLintReportsEachWritersMistakeAtTheLineToChange(t *testing.T) {
	t.Chdir("../..")
	paths, _ := filepath.Glob("testdata/lint-mistakes/*.yaml")
	if len(paths) < 12 {
		t.Fatalf("found %d files in testdata/lint-mistakes", len(paths))
	}
	for _, path := range paths {
		t.Run(filepath.Base(path)+" is reported where it is written", func(t *testing.T) {
			want, got := wantsOf(t, path), lintFound(t, path)
			if !slices.Equal(got, want) {
				t.Errorf("unstuck lint %s reported %v, want %v", path, got, want)
			}
		})
	}
	t.Run("a 5 MB text is too long", func(t *testing.T) {
		path := filepath.Join(t.TempDir(), "huge.yaml")
		flow := fmt.Sprintf("flow: huge\ntitle: Huge\nstart: done\nnodes:\n  done:\n    kind: end\n    title: Done\n    text: %q\n", strings.Repeat("Please wait. ", 5<<20/13))
		if err := os.WriteFile(path, []byte(flow), 0o644); err != nil {
			t.Fatal(err)
		}
		if got, want := lintFound(t, path), []found{{8, "too-long"}}; !slices.Equal(got, want) {
			t.Errorf("got %v, want %v", got, want)
		}
	})
}
