package flows

import (
	"os"
	"regexp"
	"slices"
	"strings"
	"testing"
	"time"
)

func TestInputTypesAreDefinedOnce(t *testing.T) {
	t.Run("the types are listed in the order the docs explain them", func(t *testing.T) {
		doc, err := os.ReadFile("../docs/flow-format.md")
		if err != nil {
			t.Fatal(err)
		}
		_, table, _ := strings.Cut(string(doc), "### The types\n\n")
		table, _, _ = strings.Cut(table, "\n\n")
		_, table, _ = strings.Cut(table, "| --- | --- | --- |\n") // the rows, after the heading row
		var want []InputType
		for _, m := range regexp.MustCompile("(?m)^\\| `([a-z-]+)` \\|").FindAllStringSubmatch(table, -1) {
			want = append(want, InputType(m[1]))
		}
		if !slices.Equal(InputTypes, want) {
			t.Errorf("InputTypes = %v, the docs explain %v", InputTypes, want)
		}
	})
	for _, name := range InputTypes {
		def := inputDefs[name]
		t.Run(string(name)+" reads its own sample answer", func(t *testing.T) {
			if def.parse == nil || def.sample == nil {
				t.Fatal("the definition has no parser or no sample")
			}
			spec := &InputSpec{Type: name}
			if _, err := ParseAnswer(spec, def.sample(spec), time.Date(2026, 3, 1, 0, 0, 0, 0, time.UTC), "en"); err != nil {
				t.Errorf("its sample is refused: %v", err)
			}
		})
		t.Run(string(name)+" reads and writes its bounds alike, or has none", func(t *testing.T) {
			if (def.number == nil) != (def.format == nil) {
				t.Error("a numeric type needs both number and format")
			}
		})
	}
	t.Run("an unknown type is read as text", func(t *testing.T) {
		if inputTypeOf("colour") != inputDefs[InputText] {
			t.Error("not read as text")
		}
	})
	t.Run("the numeric types are named in messages", func(t *testing.T) {
		if got := numericInputs(); got != "number and money" {
			t.Errorf("got %q", got)
		}
	})
}
