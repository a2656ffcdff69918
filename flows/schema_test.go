package flows

import (
	"bufio"
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"maps"
	"os"
	"path/filepath"
	"reflect"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/santhosh-tekuri/jsonschema/v6"
	"go.yaml.in/yaml/v3"
)

// compileSchema compiles Schema() with a real JSON Schema library, which also checks the schema itself
// against the draft 2020-12 meta-schema.
func compileSchema(t *testing.T) *jsonschema.Schema {
	t.Helper()
	b, err := Schema()
	if err != nil {
		t.Fatal(err)
	}
	doc, err := jsonschema.UnmarshalJSON(bytes.NewReader(b))
	if err != nil {
		t.Fatalf("the schema is not JSON: %v", err)
	}
	c := jsonschema.NewCompiler()
	if err := c.AddResource(SchemaID, doc); err != nil {
		t.Fatal(err)
	}
	sch, err := c.Compile(SchemaID)
	if err != nil {
		t.Fatalf("the schema does not compile: %v", err)
	}
	return sch
}

// yamlInstance turns YAML into the values a JSON Schema validator sees, typed the way an editor's YAML
// support types them: quoted or plain text is a string, 10 a number, true a boolean.
func yamlInstance(t *testing.T, data []byte) any {
	t.Helper()
	var root yaml.Node
	if err := yaml.Unmarshal(data, &root); err != nil {
		t.Fatalf("not YAML: %v", err)
	}
	v, err := jsonValue(&root)
	if err != nil {
		t.Fatal(err)
	}
	return v
}

func jsonValue(n *yaml.Node) (any, error) {
	switch n.Kind {
	case yaml.DocumentNode:
		if len(n.Content) == 0 {
			return nil, nil
		}
		return jsonValue(n.Content[0])
	case yaml.AliasNode:
		return jsonValue(n.Alias)
	case yaml.MappingNode:
		m := make(map[string]any, len(n.Content)/2)
		for i := 0; i+1 < len(n.Content); i += 2 {
			v, err := jsonValue(n.Content[i+1])
			if err != nil {
				return nil, err
			}
			m[n.Content[i].Value] = v
		}
		return m, nil
	case yaml.SequenceNode:
		s := make([]any, 0, len(n.Content))
		for _, item := range n.Content {
			v, err := jsonValue(item)
			if err != nil {
				return nil, err
			}
			s = append(s, v)
		}
		return s, nil
	}
	switch n.ShortTag() {
	case "!!null":
		return nil, nil
	case "!!bool":
		var b bool
		return b, n.Decode(&b)
	case "!!int":
		var i int64
		if err := n.Decode(&i); err != nil {
			return nil, err
		}
		return json.Number(strconv.FormatInt(i, 10)), nil
	case "!!float":
		var f float64
		if err := n.Decode(&f); err != nil {
			return nil, err
		}
		return json.Number(strconv.FormatFloat(f, 'g', -1, 64)), nil
	}
	return n.Value, nil
}

// flowFiles are every flow that must validate: the built-in library and the test flow with every kind.
func flowFiles(t *testing.T) map[string][]byte {
	t.Helper()
	files := map[string][]byte{}
	names, err := libraryFlowNames()
	if err != nil || len(names) == 0 {
		t.Fatalf("no built-in flows found (%v)", err)
	}
	for _, name := range names {
		b, err := fs.ReadFile(LibraryFS(), name)
		if err != nil {
			t.Fatal(err)
		}
		files["flows/"+name] = b
	}
	b, err := os.ReadFile("testdata/every-kind.yaml")
	if err != nil {
		t.Fatal(err)
	}
	files["testdata/every-kind.yaml"] = b
	return files
}

// libraryFlowNames lists the built-in flow files, leaving out their test files (name.test.yaml).
func libraryFlowNames() ([]string, error) {
	names, err := fs.Glob(LibraryFS(), "library/*.yaml")
	return slices.DeleteFunc(names, func(n string) bool { return IsFlowTestFile(n) || IsTranslationFile(n) || IsPartsFile(n) }), err
}

func TestSchemaAcceptsEveryBuiltInFlow(t *testing.T) {
	sch := compileSchema(t)
	for name, data := range flowFiles(t) {
		t.Run(name+" is valid", func(t *testing.T) {
			if _, diags := Parse(name, data); diags.HasErrors() {
				t.Fatalf("the loader refuses it:\n%s", diags.Error())
			}
			if err := sch.Validate(yamlInstance(t, data)); err != nil {
				t.Errorf("the schema refuses a flow the loader accepts:\n%v", err)
			}
		})
	}
}

// librarySchema is where the built-in flows' first line points editors: the schema committed in
// the source, relative to flows/library.
const librarySchema = "../../docs/schema/flow.json"

func TestBuiltInFlowsNameTheSchema(t *testing.T) {
	names, _ := libraryFlowNames()
	for _, name := range names {
		f, err := LibraryFS().Open(name)
		if err != nil {
			t.Fatal(err)
		}
		line, _ := bufio.NewReader(f).ReadString('\n')
		f.Close()
		if want := "# yaml-language-server: $schema=" + librarySchema + "\n"; line != want {
			t.Errorf("%s starts with %q, want %q", name, line, want)
		}
	}
	if _, err := os.Stat(filepath.Join("library", librarySchema)); err != nil {
		t.Errorf("the schema the built-in flows point at is not there: %v", err)
	}
}

func TestTheCommittedSchemaIsTheGeneratedOne(t *testing.T) {
	want, err := Schema()
	if err != nil {
		t.Fatal(err)
	}
	got, err := os.ReadFile(filepath.Join("library", librarySchema))
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(got, want) {
		t.Errorf("docs/schema/flow.json is not what unstuck schema prints; regenerate it: go run ./cmd/unstuck schema --for flow > docs/schema/flow.json")
	}
}

// small is a valid flow; the broken cases below change one thing in it.
const small = `flow: small
title: Small
start: ask
nodes:
  ask:
    kind: choice
    text: Pick one
    options:
      - { label: A, value: a, goto: card }
      - { label: B, value: b, goto: done }
  card:
    kind: check
    check: card
    with: { number: "4242 4242 4242 4242" }
    branches:
      - when: { outcome: [luhn_failed], status: problem }
        goto: done
      - goto: done
  done:
    kind: end
    title: Done
`

func TestSchemaRejectsBrokenFlows(t *testing.T) {
	sch := compileSchema(t)
	if err := sch.Validate(yamlInstance(t, []byte(small))); err != nil {
		t.Fatalf("the base flow should be valid: %v", err)
	}
	for _, tc := range []struct{ name, old, new string }{
		{"an unknown key at the top", "title: Small\n", "title: Small\ntitel: Small\n"},
		{"an unknown key in a node", "    text: Pick one\n", "    txt: Pick one\n"},
		{"an unknown key in a condition", "when: { outcome", "when: { outcom"},
		{"a kind that does not exist", "kind: choice", "kind: question"},
		{"no start", "start: ask\n", ""},
		{"no nodes", "nodes:", "steps:"},
		{"a node id with capitals", "  ask:\n", "  Ask:\n"},
		{"an option without a label", "{ label: B, value: b", "{ value: b"},
		{"a list where text is meant", "title: Small", "title: [Small]"},
		{"text where a set of keys is meant", "with: { number: \"4242 4242 4242 4242\" }", "with: 4242"},
		{"a check that does not exist", "check: card", "check: cards"},
		{"a check without its required parameter", "number: \"4242", "expiry: \"4242"},
		{"a check parameter that does not exist", "number: \"4242", "numbr: \"4242"},
		{"an outcome no check has", "[luhn_failed]", "[lhun_failed]"},
		{"a status that does not exist", "status: problem", "status: bad"},
		{"a choice with an input", "    text: Pick one\n", "    text: Pick one\n    input: { type: text }\n"},
		{"an end with a next", "    title: Done\n", "    title: Done\n    next: ask\n"},
		{"a wrong input type", "    title: Done\n", "    title: Done\n  typed:\n    kind: input\n    text: T\n    input: { type: txt }\n    next: done\n"},
	} {
		t.Run(tc.name+" is refused by the schema and the loader", func(t *testing.T) {
			if !strings.Contains(small, tc.old) {
				t.Fatalf("the base flow has no %q", tc.old)
			}
			data := []byte(strings.Replace(small, tc.old, tc.new, 1))
			if _, diags := Parse("x.yaml", data); !diags.HasErrors() {
				t.Errorf("the loader accepts it")
			}
			if err := sch.Validate(yamlInstance(t, data)); err == nil {
				t.Errorf("the schema accepts it")
			} else if !errors.As(err, new(*jsonschema.ValidationError)) {
				t.Errorf("not a validation error: %v", err)
			}
		})
	}
}

// TestSchemaKindRulesMatchTheLoader adds every key to, and takes every key from, a valid node of each
// kind, and checks that the schema and the loader agree on whether the flow is still valid.
func TestSchemaKindRulesMatchTheLoader(t *testing.T) {
	sch := compileSchema(t)
	base := map[Kind]map[string]string{}
	for _, kind := range Kinds {
		def, ok := KindOf(kind)
		if !ok {
			t.Fatalf("the kind %q has no definition", kind)
		}
		if base[kind] = def.Example(); len(base[kind]) == 0 {
			t.Fatalf("the kind %q gives no example node", kind)
		}
	}
	sample := map[string]string{
		"title": "T", "text": "T", "help": "H", "label": "L", "next": "done",
		"options": "[{label: A, goto: done}]", "input": "{type: text}", "check": "card",
		"with": `{number: "4242"}`, "branches": "[{goto: done}]", "outcome": "x", "advice": "[a]", "question": "Why?", "result": "R", "audience": "all", "staff_note": "N",
		"summary": "[s]", "tried": "[t]", "part": "p",
	}
	keys := fieldKeys(structFields(reflect.TypeFor[Node]()))
	for _, k := range keys {
		if _, ok := sample[k]; !ok && k != "kind" {
			t.Fatalf("no sample value for the node key %q: add one to this test", k)
		}
	}
	flow := func(node map[string]string) []byte {
		var b strings.Builder
		b.WriteString("flow: k\ntitle: K\nstart: step\nnodes:\n  step:\n")
		for _, k := range keys {
			if v, ok := node[k]; ok {
				fmt.Fprintf(&b, "    %s: %s\n", k, v)
			}
		}
		b.WriteString("  done:\n    kind: end\n    title: Done\n")
		b.WriteString("parts:\n  p:\n    start: back\n    nodes:\n      back: {kind: end, outcome: return}\n") // for a call step
		return []byte(b.String())
	}
	agree := func(t *testing.T, data []byte) {
		t.Helper()
		_, diags := Parse("k.yaml", data)
		err := sch.Validate(yamlInstance(t, data))
		switch {
		case diags.HasErrors() && err == nil:
			t.Errorf("the loader refuses it but the schema accepts it:\n%s\n%s", diags.Error(), data)
		case !diags.HasErrors() && err != nil:
			t.Errorf("the schema refuses it but the loader accepts it:\n%v\n%s", err, data)
		}
	}
	for _, kind := range Kinds {
		for _, k := range keys {
			node := maps.Clone(base[kind])
			if _, ok := node[k]; ok {
				delete(node, k)
				t.Run(fmt.Sprintf("a %s node without %s", kind, k), func(t *testing.T) { agree(t, flow(node)) })
			} else {
				node[k] = sample[k]
				t.Run(fmt.Sprintf("a %s node with %s", kind, k), func(t *testing.T) { agree(t, flow(node)) })
			}
		}
	}
}

// Writers see the desc texts in their editor and in the docs, so every key needs one.
func TestEveryKeyHasADescription(t *testing.T) {
	seen := map[reflect.Type]bool{}
	var visit func(t reflect.Type)
	var missing []string
	visit = func(typ reflect.Type) {
		for typ.Kind() == reflect.Pointer || typ.Kind() == reflect.Slice || typ.Kind() == reflect.Map {
			typ = typ.Elem()
		}
		if typ.Kind() != reflect.Struct || seen[typ] {
			return
		}
		seen[typ] = true
		for _, fi := range structFields(typ) {
			f := typ.Field(fi.index)
			if strings.TrimSpace(f.Tag.Get("desc")) == "" {
				missing = append(missing, fmt.Sprintf("%s.%s (%s)", typ.Name(), f.Name, fi.key))
			}
			visit(f.Type)
		}
	}
	visit(reflect.TypeFor[Flow]())
	if len(seen) < 6 {
		t.Errorf("only %d struct types visited; the walk misses some", len(seen))
	}
	if len(missing) > 0 {
		t.Errorf("keys without a desc tag: %s", strings.Join(missing, ", "))
	}
}

func TestSchemaDescribesEveryKeyOnce(t *testing.T) {
	b, err := Schema()
	if err != nil {
		t.Fatal(err)
	}
	b2, _ := Schema()
	if !bytes.Equal(b, b2) {
		t.Error("two runs give different schemas")
	}
	var doc struct {
		Properties map[string]any `json:"properties"`
		Defs       map[string]struct {
			Properties map[string]any `json:"properties"`
		} `json:"$defs"`
	}
	if err := json.Unmarshal(b, &doc); err != nil {
		t.Fatal(err)
	}
	check := func(typ reflect.Type, props map[string]any) {
		got := slices.Sorted(maps.Keys(props))
		want := fieldKeys(structFields(typ))
		slices.Sort(want)
		if !slices.Equal(got, want) {
			t.Errorf("%s: schema keys %v, Go keys %v", typ.Name(), got, want)
		}
	}
	check(reflect.TypeFor[Flow](), doc.Properties)
	for _, typ := range []reflect.Type{reflect.TypeFor[Provider](), reflect.TypeFor[Node](), reflect.TypeFor[Option](),
		reflect.TypeFor[InputSpec](), reflect.TypeFor[Branch](), reflect.TypeFor[Cond]()} {
		def, ok := doc.Defs[typ.Name()]
		if !ok {
			t.Errorf("no $defs entry for %s", typ.Name())
			continue
		}
		check(typ, def.Properties)
	}
}
