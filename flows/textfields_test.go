package flows

import (
	"fmt"
	"reflect"
	"strings"
	"testing"

	"go.yaml.in/yaml/v3"
)

// textFieldBase has one of each part of the format, so that every text field has a place to go.
const textFieldBase = `
flow: f
title: Fields
start: pick
nodes:
  pick:
    kind: choice
    text: Which?
    options:
      - label: One
        value: one
        goto: ask
  ask:
    kind: input
    text: Type it.
    input:
      type: text
    branches:
      - when:
          answer: pick
          equals: one
        goto: done
      - goto: done
  done:
    kind: end
    title: Done
parts:
  p:
    start: back
    nodes:
      back:
        kind: end
        outcome: return
`

// textFieldPlaces says where each struct of the format stands in textFieldBase, as a path of keys (a
// number picks a list item). A struct added to the format without a place here fails the test.
var textFieldPlaces = map[reflect.Type][]string{
	reflect.TypeFor[Flow]():      {},
	reflect.TypeFor[Provider]():  {"provider"},
	reflect.TypeFor[Node]():      {"nodes", "ask"},
	reflect.TypeFor[Option]():    {"nodes", "pick", "options", "0"},
	reflect.TypeFor[InputSpec](): {"nodes", "ask", "input"},
	reflect.TypeFor[Branch]():    {"nodes", "ask", "branches", "0"},
	reflect.TypeFor[Cond]():      {"nodes", "ask", "branches", "0", "when"},
	reflect.TypeFor[Part]():      {"parts", "p"},
	reflect.TypeFor[Value]():     {"values", "left"},
}

// textField is a YAML key of a format struct whose value holds text.
type textField struct {
	owner reflect.Type
	key   string
	typ   reflect.Type // string, []string, map[string]string or *string (and named string types)
}

// textFields finds, by reflection from Flow, every key whose value is or holds a string.
func textFields(t *testing.T) []textField {
	var out []textField
	seen := map[reflect.Type]bool{}
	var visit func(reflect.Type)
	visit = func(st reflect.Type) {
		if seen[st] {
			return
		}
		seen[st] = true
		for i := 0; i < st.NumField(); i++ {
			f := st.Field(i)
			key, _, _ := strings.Cut(f.Tag.Get("yaml"), ",")
			if key == "" || key == "-" {
				continue
			}
			ft := f.Type
			for ft.Kind() == reflect.Pointer || ft.Kind() == reflect.Slice {
				ft = ft.Elem()
			}
			switch ft.Kind() {
			case reflect.Struct:
				visit(ft)
			case reflect.Map:
				out = append(out, textField{st, key, f.Type})
			case reflect.String:
				out = append(out, textField{st, key, f.Type})
			case reflect.Int, reflect.Bool:
			default:
				t.Errorf("%s.%s is a %s: teach this test about it", st.Name(), f.Name, f.Type)
			}
		}
	}
	visit(reflect.TypeFor[Flow]())
	return out
}

// find walks path from n, through mappings by key and lists by index.
func find(t *testing.T, n *yaml.Node, path []string) *yaml.Node {
	t.Helper()
	for _, p := range path {
		switch n.Kind {
		case yaml.MappingNode:
			var next *yaml.Node
			for i := 0; i+1 < len(n.Content); i += 2 {
				if n.Content[i].Value == p {
					next = n.Content[i+1]
				}
			}
			if next == nil {
				next = &yaml.Node{Kind: yaml.MappingNode}
				n.Content = append(n.Content, &yaml.Node{Kind: yaml.ScalarNode, Value: p}, next)
			}
			n = next
		case yaml.SequenceNode:
			var i int
			fmt.Sscan(p, &i)
			n = n.Content[i]
		default:
			t.Fatalf("no place %v in the base flow", path)
		}
	}
	return n
}

const hostileText = "plain \x1b[31mred\x1b]52;c;aGk=\a"

// withValue is a YAML value of type typ that holds hostileText.
func withValue(typ reflect.Type) *yaml.Node {
	scalar := &yaml.Node{Kind: yaml.ScalarNode, Tag: "!!str", Style: yaml.DoubleQuotedStyle, Value: hostileText}
	for typ.Kind() == reflect.Pointer {
		typ = typ.Elem()
	}
	switch typ.Kind() {
	case reflect.Slice:
		return &yaml.Node{Kind: yaml.SequenceNode, Content: []*yaml.Node{scalar}}
	case reflect.Map:
		return &yaml.Node{Kind: yaml.MappingNode, Content: []*yaml.Node{{Kind: yaml.ScalarNode, Value: "amount"}, scalar}}
	}
	return scalar
}

func TestEveryTextFieldRefusesEscapeSequences(t *testing.T) {
	if f, diags := Parse("f.yaml", []byte(textFieldBase)); f == nil {
		t.Fatalf("the base flow does not load:\n%s", diags.Error())
	}
	fields := textFields(t)
	if len(fields) < 40 {
		t.Fatalf("found only %d text fields; the reflection is wrong", len(fields))
	}
	for _, tf := range fields {
		t.Run(fmt.Sprintf("an escape sequence in %s's %s is an error at its line", tf.owner.Name(), tf.key), func(t *testing.T) {
			place, ok := textFieldPlaces[tf.owner]
			if !ok {
				t.Fatalf("%s has no place in the base flow: add it to textFieldPlaces", tf.owner)
			}
			var doc yaml.Node
			if err := yaml.Unmarshal([]byte(textFieldBase), &doc); err != nil {
				t.Fatal(err)
			}
			m := find(t, doc.Content[0], place)
			set := false
			for i := 0; i+1 < len(m.Content); i += 2 {
				if m.Content[i].Value == tf.key {
					m.Content[i+1], set = withValue(tf.typ), true
				}
			}
			if !set {
				m.Content = append(m.Content, &yaml.Node{Kind: yaml.ScalarNode, Value: tf.key}, withValue(tf.typ))
			}
			data, err := yaml.Marshal(&doc)
			if err != nil {
				t.Fatal(err)
			}
			line := 0
			for i, l := range strings.Split(string(data), "\n") {
				if strings.Contains(l, `\e[31m`) {
					line = i + 1
				}
			}
			if line == 0 {
				t.Fatalf("the escape sequence is not in the file:\n%s", data)
			}
			f, diags := Parse("f.yaml", data)
			if f != nil {
				t.Fatalf("the flow loaded:\n%s", data)
			}
			for _, d := range diags {
				if d.Code == CodeControlChars && d.Pos.Line == line && d.Severity == SeverityError {
					if HasControl(d.Message) || strings.Contains(d.Message, "\x1b") {
						t.Errorf("the message itself carries the escape: %q", d.Message)
					}
					return
				}
			}
			t.Errorf("no %s error at line %d; got:\n%s\n%s", CodeControlChars, line, diags.Error(), data)
		})
	}
	t.Run("an escape sequence in a node's id is an error at its line", func(t *testing.T) {
		src := strings.Replace(textFieldBase, "  done:\n", "  \"d\\e[2Jone\":\n    kind: end\n  done:\n", 1)
		line := 1 + strings.Count(src[:strings.Index(src, `\e[2J`)], "\n")
		_, diags := Parse("f.yaml", []byte(src))
		for _, d := range diags {
			if d.Code == CodeControlChars && d.Pos.Line == line {
				return
			}
		}
		t.Errorf("no %s error at line %d; got:\n%s", CodeControlChars, line, diags.Error())
	})
}
