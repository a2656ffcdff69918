package flows

import (
	"slices"
	"testing"
	"time"
)

func TestInputTypesAreDefinedOnce(t *testing.T) {
	t.Run("the types are listed in the order the docs explain them", func(t *testing.T) {
		want := []InputType{"text", "number", "money", "card-number", "expiry", "date", "yes-no"}
		if !slices.Equal(InputTypes, want) {
			t.Errorf("InputTypes = %v, want %v", InputTypes, want)
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
