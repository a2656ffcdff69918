package flows

import (
	"bytes"
	"io/fs"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"testing"

	"go.yaml.in/yaml/v3"
)

// valuesAtLeast must never count more values than the YAML reader finds, or it would refuse a flow
// the reader accepts: checked on every built-in flow, every file under testdata and generated flows.
func TestValuesAtLeastNeverCountsMoreThanTheReader(t *testing.T) {
	files := map[string][]byte{"generated": generateFlow(1000), "dangling": generateDanglingFlow(200)}
	fs.WalkDir(LibraryFS(), ".", func(p string, e fs.DirEntry, err error) error {
		if err == nil && strings.HasSuffix(p, ".yaml") {
			files[p], _ = fs.ReadFile(LibraryFS(), p)
		}
		return nil
	})
	for _, dir := range []string{"testdata", "../testdata"} {
		filepath.WalkDir(dir, func(p string, e fs.DirEntry, err error) error {
			if err == nil && (strings.HasSuffix(p, ".yaml") || strings.HasSuffix(p, ".yml")) {
				files[p], _ = fsReadSmall(p)
			}
			return nil
		})
	}
	files["tricky"] = []byte("flow: x # a: b: c\ntext: |\n  a: b\n  - c: d\n\n  e: f\nlabel: 'it''s: x'\nnote: \"a\\\": b\n  c: d\"\nwords: don't: stop\nlist:\n- >-\n  g: h\n- { a: b, c: d }\nmore: [a, [b, c], {d: e}, \"f, g\", 'h]']\nplain: see [docs] and {this}, too\nempty: []\n")
	if len(files) < 30 {
		t.Fatalf("only %d files found", len(files))
	}
	for name, data := range files {
		var root yaml.Node
		if yaml.Unmarshal(data, &root) != nil {
			continue
		}
		if got, want := countAtLeast(data), treeValues(&root); got > want {
			t.Errorf("%s: counted %d values from the bytes; the reader found %d", name, got, want)
		}
	}
}

func countAtLeast(data []byte) int { n, _ := valuesAtLeast(data, 1<<30); return n }

// treeValues counts the nodes a mapping's pairs and a list's items are made of.
func treeValues(n *yaml.Node) int {
	if n == nil {
		return 0
	}
	total := 0
	if n.Kind != yaml.DocumentNode {
		total = 1
	}
	for _, c := range n.Content {
		total += treeValues(c)
	}
	return total
}

func fsReadSmall(p string) ([]byte, error) {
	if st, err := os.Stat(p); err != nil || st.Size() > 1<<20 {
		return nil, err
	}
	return os.ReadFile(p)
}

func TestAFlowWithTooManyValuesIsRefusedBeforeItIsParsed(t *testing.T) {
	data := generateFlow(180_000) // about 30 MB: under the size cap, over the cap on values
	if len(data) > MaxFileSize {
		t.Fatalf("the generated flow is %d MB, over the size cap; make it smaller", len(data)>>20)
	}
	var before, after runtime.MemStats
	runtime.ReadMemStats(&before)
	_, diags := Parse("big.yaml", data)
	runtime.ReadMemStats(&after)
	if len(diags) != 1 || diags[0].Code != CodeTooLarge {
		t.Fatalf("want one too-large error, got:\n%s", diags.Error())
	}
	if diags[0].Pos.Line < 1000 || !strings.Contains(diags[0].Message, "more than 2000000 values") {
		t.Errorf("the error is %v", diags[0])
	}
	if alloc := after.TotalAlloc - before.TotalAlloc; alloc > 64<<20 {
		t.Errorf("refusing it allocated %d MB; the count should come before the parse", alloc>>20)
	}
	if bytes.Contains([]byte(diags.Error()), []byte(`option ""`)) {
		t.Error("a part decoded before the cap was checked as if it were the flow")
	}
}
