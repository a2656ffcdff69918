package main

import (
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
)

// The three example flows of docs/examples.md are lint-clean, their tests pass with every node and
// way out reached and every end walked by --explore, and every YAML block the doc quotes is a part
// of one of the example files, so the doc cannot drift from what unstuck runs.
func TestExampleFlowsAreCleanTestedAndQuotedAsTheyAre(t *testing.T) {
	const dir = "../../docs/examples"
	doc, err := os.ReadFile("../../docs/examples.md")
	if err != nil {
		t.Fatal(err)
	}
	// What the doc quotes of explore's output (`end-paused in 13 steps in staff mode`) is printed.
	claims := regexp.MustCompile("`([a-z.-]+ in [0-9]+ steps[a-z ]*)`").FindAllStringSubmatch(string(doc), -1)
	examples := []string{"pay-later-refused", "two-charges", "instalment-failed"}
	var sources []string
	entries, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range entries {
		b, err := os.ReadFile(filepath.Join(dir, e.Name()))
		if err != nil {
			t.Fatal(err)
		}
		sources = append(sources, string(b))
	}
	for _, name := range examples {
		t.Run(name+" is lint-clean", func(t *testing.T) {
			s, stdout, stderr := testStreams("")
			if code := runWithin(t, []string{"lint", filepath.Join(dir, name+".yaml")}, s); code != 0 || !strings.Contains(stdout.String()+stderr.String(), "No problems") {
				t.Errorf("exit status %d:\n%s%s", code, stdout, stderr)
			}
		})
		t.Run(name+"'s tests pass, reach everything and explore every end", func(t *testing.T) {
			s, stdout, stderr := testStreams("")
			code := runWithin(t, []string{"test", filepath.Join(dir, name+".test.yaml"), "--coverage", "--explore"}, s)
			out := stdout.String() + stderr.String()
			if code != 0 || !strings.Contains(out, "coverage: every node and way out of "+name+" is reached") || strings.Contains(out, "FAIL") {
				t.Errorf("exit status %d:\n%s", code, out)
			}
			for _, m := range claims {
				if strings.HasPrefix(m[1], "end-") && strings.Contains(out, "    ok    "+strings.SplitN(m[1], " ", 2)[0]+" ") && !strings.Contains(out, m[1]+":") {
					t.Errorf("docs/examples.md says %q, but explore prints:\n%s", m[1], out)
				}
			}
		})
	}
	t.Run("the Swedish translation of instalment-failed is complete", func(t *testing.T) {
		b, err := os.ReadFile(filepath.Join(dir, "instalment-failed.sv.yaml"))
		if err != nil {
			t.Fatal(err)
		}
		if strings.Contains(string(b), `text: ""`) {
			t.Error("instalment-failed.sv.yaml has a text left empty")
		}
	})
	blocks := regexp.MustCompile("(?s)```yaml\n(.*?)```\n").FindAllStringSubmatch(string(doc), -1)
	if len(blocks) < 20 {
		t.Fatalf("found %d YAML blocks in docs/examples.md; the fences may have changed", len(blocks))
	}
	for _, m := range blocks {
		block := m[1]
		first, _, _ := strings.Cut(strings.TrimSpace(block), "\n")
		t.Run("the block from "+first+" is in an example file", func(t *testing.T) {
			for _, src := range sources {
				if strings.Contains(src, block) {
					return
				}
			}
			t.Errorf("docs/examples.md quotes a block no file of docs/examples/ has:\n%s", block)
		})
	}
	t.Run("the laid-out summary the doc shows is what instalment-failed prints", func(t *testing.T) {
		text := regexp.MustCompile("(?s)```text\n(Support summary.*?)```\n").FindStringSubmatch(string(doc))
		if text == nil {
			t.Fatal("docs/examples.md shows no summary of instalment-failed")
		}
		answers := filepath.Join(t.TempDir(), "a.yaml")
		if err := os.WriteFile(answers, []byte("old-card.number: \"4242 4242 4242 4242\"\nold-card.expiry: \"08/29\"\nother-card: \"no\"\n"), 0o644); err != nil {
			t.Fatal(err)
		}
		s, stdout, stderr := testStreams("")
		if code := runWithin(t, []string{"run", filepath.Join(dir, "instalment-failed.yaml"), "--answers", answers}, s); code != 0 {
			t.Fatalf("exit status %d:\n%s%s", code, stdout, stderr)
		}
		_, shown, _ := strings.Cut(text[1], "\n") // the first line has the case's reference and time
		_, got, _ := strings.Cut(stdout.String(), "\n")
		if strings.TrimSpace(got) != strings.TrimSpace(shown) {
			t.Errorf("the summary is\n%s\nthe doc shows\n%s", got, shown)
		}
	})
	for _, name := range examples {
		if !strings.Contains(string(doc), "(examples/"+name+".yaml)") {
			t.Errorf("docs/examples.md does not link examples/%s.yaml", name)
		}
	}
}
