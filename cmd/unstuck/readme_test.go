package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// The README's first flow is what unstuck does: the flow, its test and the answers load, the test
// passes, and the summary printed from the answers has the lines the README shows (the agent's
// Problem and Result lines among them).
func TestReadmeExamplesAreWhatUnstuckDoes(t *testing.T) {
	_, blocks := docBlocks(t, "../../README.md")
	dir := t.TempDir()
	files, outputs := 0, 0
	for _, b := range blocks {
		if b.marker == "file" {
			files++
			if err := os.WriteFile(filepath.Join(dir, b.arg), []byte(b.text), 0o644); err != nil {
				t.Fatal(err)
			}
		}
	}
	t.Chdir(dir)
	for _, b := range blocks {
		if b.marker != "output of" {
			continue
		}
		outputs++
		t.Run(b.arg+" prints what the README shows", func(t *testing.T) {
			args := strings.Fields(strings.TrimPrefix(b.arg, "unstuck "))
			s, stdout, stderr := testStreams("")
			if code := runWithin(t, args, s); code != 0 {
				t.Errorf("exit status %d:\n%s%s", code, stdout, stderr)
			}
			got := stdout.String() + stderr.String()
			for _, line := range strings.Split(strings.TrimRight(b.text, "\n"), "\n") {
				if strings.TrimSpace(line) != "" && !strings.Contains(got, line+"\n") {
					t.Errorf("the output lacks the line\n%s\nit is:\n%s", line, got)
				}
			}
		})
	}
	if files < 3 || outputs < 2 {
		t.Errorf("found %d files and %d outputs in README.md; the markers may have changed", files, outputs)
	}
}
