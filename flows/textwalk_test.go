package flows

import (
	"fmt"
	"strings"
	"testing"

	"go.yaml.in/yaml/v3"
)

func TestEveryValueIsCheckedForControlsAndLengthWhereverItStands(t *testing.T) {
	long := strings.Repeat("x", MaxNameChars+1)
	src := "flow: t\n" +
		"nodes:\n" +
		"  n1:\n" +
		"    text: \"a \\e[2J b\"\n" +
		"    options:\n" +
		"      - { label: ok }\n" +
		"      - { label: \"bad \\x1b\" }\n" +
		"    \"k\\e\": v\n" +
		"    summary: [fine, \"\\u202e\"]\n" +
		"    label: " + long + "\n" +
		"    text2: " + long + "\n" +
		"  ? [a, \"\\e\"]\n" +
		"  : x\n" +
		"\"\\e\": top\n"
	var root yaml.Node
	if err := yaml.Unmarshal([]byte(src), &root); err != nil {
		t.Fatal(err)
	}
	controls, limits := checkTexts("t.yaml", root.Content[0])
	var got []string
	for _, d := range controls {
		got = append(got, fmt.Sprintf("%d:%d %s", d.Pos.Line, d.Pos.Col, d.Message))
	}
	want := []string{
		"4:11 nodes.n1.text contains a control or escape character",
		"7:18 nodes.n1.options[2].label contains a control or escape character",
		"8:5 the key \"k\" of nodes.n1 contains a control or escape character",
		"9:21 nodes.n1.summary[2] contains a control or escape character",
		"12:9 [2] contains a control or escape character", // an item of a key that is a list is told from that list
		"14:1 the key \"\" of the flow contains a control or escape character",
	}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("controls:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
	if len(controlTexts("t.yaml", root.Content[0])) != len(controls) {
		t.Error("controlTexts tells otherwise")
	}
	got = nil
	for _, d := range limits {
		got = append(got, fmt.Sprintf("%d:%d %s", d.Pos.Line, d.Pos.Col, d.Message))
	}
	want = []string{"10:12 this label is 201 characters long; a name (`label:`) holds at most 200"}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("limits:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
}
