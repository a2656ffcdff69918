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
