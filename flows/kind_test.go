package flows

import (
	"reflect"
	"slices"
	"testing"
)

// TestEveryKindIsOneDefinition checks what the rest of the program takes on trust from a kind's
// definition: it is registered under its own name, and its key rules name keys a node has.
func TestEveryKindIsOneDefinition(t *testing.T) {
	keys := fieldKeys(structFields(reflect.TypeFor[Node]()))
	if len(Kinds) == 0 {
		t.Fatal("no kinds are registered")
	}
	for _, kind := range Kinds {
		t.Run("the "+string(kind)+" kind", func(t *testing.T) {
			def, ok := KindOf(kind)
			if !ok || def.Kind() != kind {
				t.Fatalf("the kind %q is registered as %v", kind, def)
			}
			if def.About() == "" {
				t.Errorf("it does not say what it does")
			}
			r := def.Keys()
			named := slices.Concat(r.Forbid, r.Require)
			for _, group := range r.AnyOf {
				named = append(named, group...)
			}
			for _, k := range named {
				if !slices.Contains(keys, k) {
					t.Errorf("its key rules name %q, which a node does not have", k)
				}
			}
			for k := range def.Example() {
				if !slices.Contains(keys, k) {
					t.Errorf("its example sets %q, which a node does not have", k)
				}
			}
		})
	}
	if n := (&Node{Kind: "nonsense"}).Def(); n.Traits() != (KindTraits{}) || n.Kind() != "nonsense" {
		t.Errorf("an unknown kind has traits %+v", n.Traits())
	}
}
