package main

import (
	"os"
	"path/filepath"
	"reflect"
	"regexp"
	"strings"
	"testing"

	"github.com/unstuck-dev/unstuck/flows/author"
)

// docBlock is a fenced block of docs/testing.md with the marker before it: a file the examples
// use (<!-- file: NAME -->) or what a command prints (<!-- output of: unstuck ARGS -->).
type docBlock struct {
	marker, arg, text string
}

func testingDocBlocks(t *testing.T) (string, []docBlock) {
	t.Helper()
	return docBlocks(t, "../../docs/testing.md")
}

// docBlocks reads the marked blocks of a Markdown file (docs/testing.md, README.md).
func docBlocks(t *testing.T, path string) (string, []docBlock) {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	re := regexp.MustCompile("(?s)<!-- (file|output of): ([^>]+?) -->\n```[a-z]*\n(.*?)```\n")
	var out []docBlock
	for _, m := range re.FindAllStringSubmatch(string(b), -1) {
		out = append(out, docBlock{m[1], m[2], m[3]})
	}
	return string(b), out
}

// Every example in docs/testing.md is what unstuck does: its files load, and each command prints
// the lines shown.
func TestTestingDocExamplesAreWhatUnstuckDoes(t *testing.T) {
	doc, blocks := testingDocBlocks(t)
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
		t.Run(b.arg+" prints what the docs show", func(t *testing.T) {
			args := strings.Fields(strings.TrimPrefix(b.arg, "unstuck "))
			s, stdout, stderr := testStreams("")
			runWithin(t, args, s)
			got := stdout.String() + stderr.String()
			for _, line := range strings.Split(strings.TrimRight(b.text, "\n"), "\n") {
				if strings.TrimSpace(line) != "" && !strings.Contains(got, line) {
					t.Errorf("the output lacks the line\n%s\nit is:\n%s", line, got)
				}
			}
		})
	}
	if files < 6 || outputs < 6 {
		t.Errorf("found %d files and %d outputs in docs/testing.md; the markers may have changed", files, outputs)
	}
	t.Run("the good examples pass and reach everything", func(t *testing.T) {
		s, stdout, _ := testStreams("")
		if code := runWithin(t, []string{"test", "order-help.test.yaml", "--coverage", "--explore"}, s); code != 0 {
			t.Errorf("exit status %d:\n%s", code, stdout)
		}
		for _, f := range []string{"case.answers.yaml", "wrapped.answers.yaml"} {
			s, stdout, stderr := testStreams("")
			if code := runWithin(t, []string{"run", "order-help.yaml", "--answers", f}, s); code != 0 {
				t.Errorf("%s: exit status %d:\n%s%s", f, code, stdout, stderr)
			}
		}
	})
	t.Run("every key of test files and answers files is in a table", func(t *testing.T) {
		for _, typ := range []reflect.Type{reflect.TypeFor[author.TestFile](), reflect.TypeFor[author.TestCase](), reflect.TypeFor[author.Expect](), reflect.TypeFor[author.AnswersFile]()} {
			for i := 0; i < typ.NumField(); i++ {
				key, _, _ := strings.Cut(typ.Field(i).Tag.Get("yaml"), ",")
				if key == "" || key == "-" {
					continue
				}
				if !strings.Contains(doc, "| `"+key+"` |") {
					t.Errorf("%s key %q is not in a table of docs/testing.md", typ.Name(), key)
				}
			}
		}
	})
}
