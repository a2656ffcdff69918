package author

import (
	"bytes"
	"encoding/json"
	"io/fs"
	"strings"
	"testing"

	"github.com/santhosh-tekuri/jsonschema/v6"
	"go.yaml.in/yaml/v3"

	"github.com/unstuck-dev/unstuck/flows"
)

func TestTestAndAnswersSchemasComeFromTheStructs(t *testing.T) {
	for _, c := range []struct {
		name string
		gen  func() ([]byte, error)
		want []string
	}{
		{"the test file schema", TestSchema, []string{`"$id": "` + TestSchemaID + `"`, `"summary_excludes"`, `"staff"`, `"required": ["flow", "cases"]`, `"additionalProperties": false`, `"refused"`}},
		{"the answers file schema", AnswersSchema, []string{`"$id": "` + AnswersSchemaID + `"`, `"oneOf"`, `"not": {"required": ["answers"]}`, `"checks"`}},
	} {
		t.Run(c.name+" is valid JSON with every key and its description", func(t *testing.T) {
			b, err := c.gen()
			if err != nil {
				t.Fatal(err)
			}
			var v any
			if err := json.Unmarshal(b, &v); err != nil {
				t.Fatalf("not JSON: %v", err)
			}
			for _, w := range c.want {
				if !strings.Contains(string(b), w) {
					t.Errorf("the schema lacks %s", w)
				}
			}
			if !strings.Contains(string(b), `"description": "Answers by node id`) {
				t.Error("the desc tags are not in it")
			}
		})
	}
}

// compile compiles a schema with a real JSON Schema library, which also checks it against the draft
// 2020-12 meta-schema.
func compile(t *testing.T, id string, gen func() ([]byte, error)) *jsonschema.Schema {
	t.Helper()
	b, err := gen()
	if err != nil {
		t.Fatal(err)
	}
	doc, err := jsonschema.UnmarshalJSON(bytes.NewReader(b))
	if err != nil {
		t.Fatal(err)
	}
	c := jsonschema.NewCompiler()
	if err := c.AddResource(id, doc); err != nil {
		t.Fatal(err)
	}
	sch, err := c.Compile(id)
	if err != nil {
		t.Fatalf("the schema does not compile: %v", err)
	}
	return sch
}

// instance is YAML as a JSON Schema validator sees it.
func instance(t *testing.T, data []byte) any {
	t.Helper()
	var v any
	if err := yaml.Unmarshal(data, &v); err != nil {
		t.Fatal(err)
	}
	b, err := json.Marshal(v)
	if err != nil {
		t.Fatal(err)
	}
	out, err := jsonschema.UnmarshalJSON(bytes.NewReader(b))
	if err != nil {
		t.Fatal(err)
	}
	return out
}

func TestTheSchemasAgreeWithTheDecoder(t *testing.T) {
	tests := compile(t, TestSchemaID, TestSchema)
	for _, name := range flows.LibraryTests() {
		t.Run("the test schema takes the built-in "+name, func(t *testing.T) {
			data, err := fs.ReadFile(flows.LibraryFS(), name)
			if err != nil {
				t.Fatal(err)
			}
			if err := tests.Validate(instance(t, data)); err != nil {
				t.Error(err)
			}
		})
	}
	answers := compile(t, AnswersSchemaID, AnswersSchema)
	for _, c := range []struct {
		name, file string
		ok         bool
	}{
		{"answers under answers: are valid", "now: 2026-06-15\nanswers: { store: Shop, amount: \"40\", method: [card, pay-later] }\nchecks: { connection-check: skipped }\n", true},
		{"bare answers are valid", "now: 2026-06-15\nstore: Shop\namount: 40\nerror-seen: \"\"\nchecks: { connection-check: skipped }\n", true},
		{"a bare answer beside answers: is not", "answers: { store: Shop }\namount: \"40\"\n", false},
		{"a set of keys as an answer is not", "store: { name: Shop }\n", false},
		{"checks as a list are not", "answers: { store: Shop }\nchecks: [connection-check]\n", false},
	} {
		t.Run(c.name, func(t *testing.T) {
			_, diags := ParseAnswersFile("a.yaml", []byte(c.file))
			if diags.HasErrors() == c.ok {
				t.Fatalf("the decoder disagrees: %v", diags.Error())
			}
			if err := answers.Validate(instance(t, []byte(c.file))); (err == nil) != c.ok {
				t.Errorf("valid = %v, want %v: %v", err == nil, c.ok, err)
			}
		})
	}
}
