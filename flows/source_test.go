package flows

import (
	"io/fs"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"go.yaml.in/yaml/v3"
)

// decodedFlow decodes and normalises a flow as Parse does before it validates, or nil when the bytes
// are not a YAML document.
func decodedFlow(t *testing.T, name string, data []byte) (*Flow, *positions) {
	t.Helper()
	var root yaml.Node
	if yaml.Unmarshal(data, &root) != nil || root.Kind != yaml.DocumentNode || len(root.Content) == 0 {
		return nil, nil
	}
	f, pos, _ := decodeFlow(name, root.Content[0])
	normalize(f)
	return f, pos
}

// validationCorpus is the built-in flows, the shared test flows and the broken ones lint is tested on.
func validationCorpus(t *testing.T) map[string][]byte {
	t.Helper()
	out := map[string][]byte{}
	err := fs.WalkDir(libraryFS, ".", func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() || IsFlowTestFile(p) || IsTranslationFile(p) {
			return err
		}
		data, err := fs.ReadFile(libraryFS, p)
		out["flows/"+p] = data
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	for _, glob := range []string{"../testdata/flows/*.yaml", "../testdata/lint/*.yaml", "testdata/*.yaml"} {
		paths, _ := filepath.Glob(glob)
		for _, p := range paths {
			if IsTranslationFile(p) {
				continue
			}
			data, err := os.ReadFile(p)
			if err != nil {
				t.Fatal(err)
			}
			out[p] = data
		}
	}
	out["load_test.go:base"] = []byte(base)
	out["a flow with every default"] = []byte(strings.Replace(base, "{ label: B, value: b, goto: done }", "{ label: B, goto: done }", 1) + "    audience: all\n")
	return out
}

func TestValidationDoesNotChangeTheFlow(t *testing.T) {
	for name, data := range validationCorpus(t) {
		t.Run(name+" is the same after validation", func(t *testing.T) {
			f, pos := decodedFlow(t, name, data)
			if f == nil {
				t.Skip("not a YAML document")
			}
			before, _ := decodedFlow(t, name, data)
			validate(f, pos)
			if !reflect.DeepEqual(f, before) {
				t.Errorf("validate changed the flow")
			}
		})
	}
}

func TestNormalizeAppliesTheDefaults(t *testing.T) {
	data := strings.Replace(base, "{ label: B, value: b, goto: done }", "{ label: B, goto: done }", 1) + "    audience: all\n"
	f, _ := decodedFlow(t, "x.yaml", []byte(data))
	for _, tc := range []struct {
		name      string
		got, want any
	}{
		{"the language is English when not written", f.Language, "en"},
		{"the version is 1 when not written", f.Version, 1},
		{"an option's value is its label when not written", f.Nodes[0].Options[1].Value, "B"},
		{"a written value is kept", f.Nodes[0].Options[0].Value, "a"},
		{"audience all is everyone", f.Nodes[1].Audience, AudienceAll},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if tc.got != tc.want {
				t.Errorf("got %v, want %v", tc.got, tc.want)
			}
		})
	}
}

func TestPositionsLiveBesideTheFlow(t *testing.T) {
	f, diags := Parse("tiny.yaml", []byte(base))
	if f == nil {
		t.Fatal(diags.Error())
	}
	ask := f.Node("ask")
	pos := f.pos()
	for _, tc := range []struct {
		name string
		got  Pos
		want Pos
	}{
		{"a node's id is where its key stands", pos.name(ask), Pos{5, 3}},
		{"a node starts at its first key", pos.of(ask), Pos{6, 5}},
		{"a key is where its value stands", pos.key(ask, "text"), Pos{7, 11}},
		{"a key not written falls back to its node", pos.key(ask, "next"), Pos{6, 5}},
		{"an option starts at its brace", pos.of(ask.Options[1]), Pos{10, 9}},
		{"the flow's keys are known", pos.key(f, "start"), Pos{3, 8}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if tc.got != tc.want {
				t.Errorf("got %v, want %v", tc.got, tc.want)
			}
		})
	}
	t.Run("the format's types have no position fields", func(t *testing.T) {
		for _, typ := range []reflect.Type{reflect.TypeFor[Flow](), reflect.TypeFor[Node](), reflect.TypeFor[Option](),
			reflect.TypeFor[InputSpec](), reflect.TypeFor[Branch](), reflect.TypeFor[Cond](), reflect.TypeFor[Provider]()} {
			for i := range typ.NumField() {
				if ft := typ.Field(i).Type; ft == reflect.TypeFor[Pos]() || ft == reflect.TypeFor[map[string]Pos]() {
					t.Errorf("%s.%s holds a position", typ.Name(), typ.Field(i).Name)
				}
			}
		}
	})
}

func TestAFlowNotLoadedStillAnswers(t *testing.T) {
	f := &Flow{ID: "made", Start: "a", Nodes: []*Node{
		{ID: "a", Kind: KindMessage, Text: "Hi", Next: "b"},
		{ID: "b", Kind: KindEnd},
	}}
	if f.Node("b") != f.Nodes[1] || f.Node("c") != nil {
		t.Error("Node does not find nodes by id in a flow the loader did not make")
	}
	if d := f.distance("a"); d != 1 {
		t.Errorf("distance from a is %d, want 1", d)
	}
	if l := f.Languages(); len(l) != 1 {
		t.Errorf("languages: %v", l)
	}
	if f.Localize("sv") != f {
		t.Error("a flow with no translations localizes to itself")
	}
}
