package flows

import (
	"os"
	"regexp"
	"strings"
	"testing"
)

// The examples of the tick and call sections of docs/flow-format.md are whole flows: each loads
// without a problem.
func TestTheTickAndPartsExamplesInTheDocsLoad(t *testing.T) {
	doc, err := os.ReadFile("../docs/flow-format.md")
	if err != nil {
		t.Fatal(err)
	}
	block := regexp.MustCompile("(?s)```yaml\n(.*?)```")
	for _, heading := range []string{"### `tick`: any number of answers", "### `call` and `parts:`"} {
		t.Run("the example under "+heading+" loads cleanly", func(t *testing.T) {
			_, section, ok := strings.Cut(string(doc), heading)
			if !ok {
				t.Fatal("the docs have no such section")
			}
			m := block.FindStringSubmatch(section)
			if m == nil {
				t.Fatal("the section has no example")
			}
			if _, diags := Parse("example.yaml", []byte(m[1])); len(diags) > 0 {
				t.Errorf("%s\n%s", diags.Error(), m[1])
			}
			if err := compileSchema(t).Validate(yamlInstance(t, []byte(m[1]))); err != nil {
				t.Errorf("the schema refuses it: %v", err)
			}
		})
	}
}

// The shared parts example of docs/flow-format.md: the parts file loads cleanly, and the flow after
// it runs its part.
func TestTheSharedPartsExampleInTheDocsLoads(t *testing.T) {
	doc, err := os.ReadFile("../docs/flow-format.md")
	if err != nil {
		t.Fatal(err)
	}
	_, section, ok := strings.Cut(string(doc), "### Shared parts: a parts file for the whole library")
	if !ok {
		t.Fatal("the docs have no such section")
	}
	blocks := regexp.MustCompile("(?s)```yaml\n(.*?)```").FindAllStringSubmatch(section, 2)
	if len(blocks) != 2 {
		t.Fatal("the section has no parts file and flow")
	}
	shared, diags := PartsFS(sharedFS(map[string]string{"reason.parts.yaml": blocks[0][1]}), "lib", "lib", nil)
	if len(diags) > 0 {
		t.Fatalf("the parts file: %s", diags.Error())
	}
	f, diags := ParseWith("late-order.yaml", []byte(blocks[1][1]), shared)
	if len(diags) > 0 {
		t.Fatalf("the flow: %s", diags.Error())
	}
	if f.Node("why.pick") == nil {
		t.Errorf("the flow does not run the shared part")
	}
}
