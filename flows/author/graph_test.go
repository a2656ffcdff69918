package author

import (
	"bytes"
	"os"
	"os/exec"
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/unstuck-dev/unstuck/flows"
	"github.com/unstuck-dev/unstuck/flows/files"
)

func loadTestFlow(t *testing.T, path string) *flows.Flow {
	t.Helper()
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	f, diags := flows.Parse(path, data)
	if f == nil {
		t.Fatalf("%s does not load:\n%s", path, diags.Error())
	}
	return f
}

func parseFlow(t *testing.T, src string) *flows.Flow {
	t.Helper()
	f, diags := flows.Parse("x.yaml", []byte(src))
	if f == nil {
		t.Fatalf("the flow does not load:\n%s", diags.Error())
	}
	return f
}

// drawing is a graph read back from its text: each node's label lines and shape, and each edge as
// "from -label-> to" with the flow's own ids.
type drawing struct {
	nodes   map[string][]string // flow id -> label lines (the first is the id)
	shapes  map[string]string   // flow id -> the shape's brackets or attributes
	ids     map[string]string   // drawing id -> flow id
	edges   []string
	unused  []string            // edges drawn as never taken
	classes map[string][]string // class -> flow ids (mermaid)
	lines   []string
}

var (
	mermaidNode  = regexp.MustCompile(`^    ([nm]\d+)(\[\[|\(\(|\[/|\{\{|\(\[|\[|\{)"(.*)"(\]\]|\)\)|/\]|\}\}|\]\)|\]|\})$`)
	mermaidEdge  = regexp.MustCompile(`^    (\S+) (-->|-\.->)(?:\|"(.*)"\|)? (\S+)$`)
	mermaidClass = regexp.MustCompile(`^    class (\S+) (\S+)$`)
	dotNode      = regexp.MustCompile(`^    ([nm]\d+) \[label="((?:[^"\\]|\\.)*)"(.*)\];$`)
	dotEdge      = regexp.MustCompile(`^    (\S+) -> (\S+)(?: \[label="((?:[^"\\]|\\.)*)"(, style=dashed)?\])?;$`)
)

func unescapeMermaid(s string) string {
	return strings.NewReplacer("#quot;", `"`, "#35;", "#", "#amp;", "&", "#lt;", "<", "#gt;", ">", "#96;", "`",
		"#124;", "|", "#36;", "$", "#110;", "n").Replace(s)
}

func unescapeDot(s string) string {
	return strings.NewReplacer(`\\`, `\`, `\"`, `"`).Replace(s)
}

func readMermaid(t *testing.T, out string) drawing {
	t.Helper()
	d := drawing{nodes: map[string][]string{}, shapes: map[string]string{}, ids: map[string]string{"entry": "(start)"},
		classes: map[string][]string{}, lines: strings.Split(strings.TrimSuffix(out, "\n"), "\n")}
	if d.lines[0] != "flowchart TD" {
		t.Fatalf("the first line is %q, want flowchart TD", d.lines[0])
	}
	for _, line := range d.lines[1:] {
		if m := mermaidNode.FindStringSubmatch(line); m != nil {
			lines := strings.Split(m[3], "<br/>")
			for i := range lines {
				lines[i] = unescapeMermaid(lines[i])
			}
			id := lines[0]
			if _, dup := d.nodes[id]; dup {
				t.Errorf("node %q is drawn twice", id)
			}
			d.nodes[id], d.shapes[id], d.ids[m[1]] = lines, m[2]+m[4], id
		}
	}
	for _, line := range d.lines[1:] {
		switch m := mermaidEdge.FindStringSubmatch(line); {
		case m != nil:
			e := d.ids[m[1]] + " -" + unescapeMermaid(m[3]) + "-> " + d.ids[m[4]]
			if strings.HasPrefix(m[1], "entry") && m[3] == "" {
				e = "(start) -> " + d.ids[m[4]]
			}
			d.edges = append(d.edges, e)
			if m[2] == "-.->" {
				d.unused = append(d.unused, e)
			}
		case mermaidNode.MatchString(line), strings.HasPrefix(line, "    %%"), strings.HasPrefix(line, "    classDef "),
			strings.HasPrefix(line, "    subgraph "), strings.HasPrefix(line, "        "), line == "    end": // a part's steps, grouped
		default:
			if m := mermaidClass.FindStringSubmatch(line); m != nil {
				for _, id := range strings.Split(m[1], ",") {
					d.classes[m[2]] = append(d.classes[m[2]], d.ids[id])
				}
				continue
			}
			t.Errorf("a line that is neither node, edge nor class: %q", line)
		}
	}
	return d
}

func readDot(t *testing.T, out string) drawing {
	t.Helper()
	d := drawing{nodes: map[string][]string{}, shapes: map[string]string{}, ids: map[string]string{"entry": "(start)"},
		lines: strings.Split(strings.TrimSuffix(out, "\n"), "\n")}
	if !strings.HasPrefix(d.lines[0], "digraph ") || d.lines[len(d.lines)-1] != "}" {
		t.Fatalf("not a digraph:\n%s", out)
	}
	for _, line := range d.lines {
		if m := dotNode.FindStringSubmatch(line); m != nil {
			lines := strings.Split(m[2], `\n`)
			for i := range lines {
				lines[i] = unescapeDot(lines[i])
			}
			id := lines[0]
			if _, dup := d.nodes[id]; dup {
				t.Errorf("node %q is drawn twice", id)
			}
			d.nodes[id], d.shapes[id], d.ids[m[1]] = lines, m[3], id
		}
	}
	for _, line := range d.lines {
		if m := dotEdge.FindStringSubmatch(line); m != nil {
			e := d.ids[m[1]] + " -" + unescapeDot(m[3]) + "-> " + d.ids[m[2]]
			if m[1] == "entry" {
				e = "(start) -> " + d.ids[m[2]]
			}
			d.edges = append(d.edges, e)
			if m[4] != "" {
				d.unused = append(d.unused, e)
			}
		}
	}
	return d
}

// The every-kind flow's edges, written out by hand: the option, the condition in words, else, next.
var everyKindEdges = []string{
	"(start) -> hello",
	"hello -next-> mood",
	"mood -Fine-> amount",
	"mood -mood = bad-> end-bad",
	"mood -else-> amount",
	"amount -amount > 100-> card",
	"amount -amount ≥ 50 and not (mood = fine)-> end-bad",
	"amount -amount < 10 or amount ≤ 10-> end-small",
	"amount -else-> note",
	"note -note not given-> end-good",
	"note -note = help or HELP-> end-bad",
	"note -else-> end-good",
	"card -next-> check",
	"check -outcome: luhn_failed and status: problem-> end-bad",
	"check -status: warning-> end-small",
	"check -else-> end-good",
}

func TestGraphDrawsEveryNodeAndEdgeOnce(t *testing.T) {
	f := loadTestFlow(t, "../testdata/every-kind.yaml")
	for _, format := range GraphFormats {
		t.Run("in "+format, func(t *testing.T) {
			out, err := Graph(f, format)
			if err != nil {
				t.Fatal(err)
			}
			var d drawing
			if format == "mermaid" {
				d = readMermaid(t, out)
			} else {
				d = readDot(t, out)
			}
			for _, n := range f.Nodes {
				if _, ok := d.nodes[n.ID]; !ok {
					t.Errorf("node %q is not drawn", n.ID)
				}
			}
			if len(d.nodes) != len(f.Nodes) {
				t.Errorf("%d nodes drawn, the flow has %d", len(d.nodes), len(f.Nodes))
			}
			if !slices.Equal(d.edges, everyKindEdges) {
				t.Errorf("edges:\n  %s\nwant:\n  %s", strings.Join(d.edges, "\n  "), strings.Join(everyKindEdges, "\n  "))
			}
			if len(d.unused) > 0 {
				t.Errorf("edges drawn as never taken: %v", d.unused)
			}
			if got := d.nodes["end-good"]; !slices.Equal(got, []string{"end-good", "All good, {{mood}}", "outcome: solved"}) {
				t.Errorf("end-good says %q", got)
			}
			if got := d.nodes["check"]; !slices.Equal(got, []string{"check", "check: card"}) {
				t.Errorf("the check node says %q", got)
			}
			if got := d.nodes["mood"]; !slices.Equal(got, []string{"mood", "How are you?"}) {
				t.Errorf("a node without a title shows its question: got %q", got)
			}
		})
	}
}

func TestGraphShapesAndClasses(t *testing.T) {
	f := loadTestFlow(t, "../testdata/every-kind.yaml")
	out, _ := Graph(f, "mermaid")
	d := readMermaid(t, out)
	for id, want := range map[string]string{"hello": "[]", "mood": "{}", "amount": "[//]", "check": "{{}}", "end-bad": "([])"} {
		if d.shapes[id] != want {
			t.Errorf("mermaid: %s is drawn as %s, want %s", id, d.shapes[id], want)
		}
	}
	if want := []string{"end-good", "end-small", "end-bad"}; !slices.Equal(d.classes["final"], want) {
		t.Errorf("class final: %v, want %v", d.classes["final"], want)
	}
	if want := []string{"check"}; !slices.Equal(d.classes["check"], want) {
		t.Errorf("class check: %v, want %v", d.classes["check"], want)
	}
	if len(d.classes["warn"]) > 0 {
		t.Errorf("a clean flow has warnings: %v", d.classes["warn"])
	}

	out, _ = Graph(f, "dot")
	d = readDot(t, out)
	for id, want := range map[string]string{"mood": "shape=diamond", "amount": "shape=parallelogram", "check": "shape=hexagon", "end-bad": "peripheries=2"} {
		if !strings.Contains(d.shapes[id], want) {
			t.Errorf("dot: %s has %q, want %s", id, d.shapes[id], want)
		}
	}
	if s := d.shapes["end-bad"]; !strings.Contains(s, "filled") || !strings.Contains(s, "rounded") {
		t.Errorf("dot: an end node is not a filled rounded box: %s", s)
	}
}

func TestGraphHighlightsProblems(t *testing.T) {
	t.Run("a node that cannot be reached from start", func(t *testing.T) {
		f := parseFlow(t, `flow: x
title: X
start: a
nodes:
  a: { kind: message, text: A, next: done }
  orphan: { kind: message, text: Nobody comes here, next: done }
  done: { kind: end, title: Done }
`)
		for _, format := range GraphFormats {
			out, _ := Graph(f, format)
			var d drawing
			if format == "mermaid" {
				d = readMermaid(t, out)
				if !slices.Equal(d.classes["warn"], []string{"orphan"}) {
					t.Errorf("mermaid: class warn is %v, want [orphan]", d.classes["warn"])
				}
			} else {
				d = readDot(t, out)
				if !strings.Contains(d.shapes["orphan"], `color="#c62828"`) || strings.Contains(d.shapes["a"], "#c62828") {
					t.Errorf("dot: orphan %s, a %s", d.shapes["orphan"], d.shapes["a"])
				}
			}
			if got := d.nodes["orphan"]; !slices.Contains(got, "⚠ unreachable from start") {
				t.Errorf("%s: orphan says %q", format, got)
			}
		}
	})
	t.Run("dead ends, loops and missing targets in a flow that does not load", func(t *testing.T) {
		src := []byte(`flow: broken
title: Broken
start: a
nodes:
  a:
    kind: choice
    text: Pick
    options:
      - { label: Stop, goto: stuck }
      - { label: Nowhere }
      - { label: Lost, goto: nowhere }
      - { label: Round, goto: loop }
  stuck: { kind: message, text: Stuck }
  loop: { kind: message, text: Again, next: loop }
`)
		if f, _ := flows.Parse("broken.yaml", src); f != nil {
			t.Fatal("the loader should refuse this flow")
		}
		f := flows.DecodeLoose("broken.yaml", src)
		if f == nil {
			t.Fatal("DecodeLoose gave nothing")
		}
		out, err := Graph(f, "mermaid")
		if err != nil {
			t.Fatal(err)
		}
		d := readMermaid(t, out)
		for id, want := range map[string]string{
			"a":       "⚠ dead end: an option leads nowhere",
			"stuck":   "⚠ dead end: no way out",
			"loop":    "⚠ no path to an end",
			"nowhere": "⚠ no such node",
		} {
			if !slices.Contains(d.nodes[id], want) {
				t.Errorf("%s says %q, want %q", id, d.nodes[id], want)
			}
		}
		if want := []string{"a", "stuck", "loop", "nowhere"}; !slices.Equal(d.classes["warn"], want) {
			t.Errorf("class warn: %v, want %v", d.classes["warn"], want)
		}
		if !slices.Contains(d.edges, "loop -next-> loop") || !slices.Contains(d.edges, "a -Lost-> nowhere") {
			t.Errorf("edges: %v", d.edges)
		}
	})
	t.Run("nothing for data that is not a flow", func(t *testing.T) {
		for _, src := range []string{"", "- a list", "key: [unclosed", "\x00binary"} {
			if f := flows.DecodeLoose("x.yaml", []byte(src)); f != nil {
				t.Errorf("DecodeLoose(%q) gave a flow", src)
			}
		}
	})
}

func TestGraphMarksEdgesThatAreNeverTaken(t *testing.T) {
	f := parseFlow(t, `flow: x
title: X
start: ask
nodes:
  ask:
    kind: choice
    text: Pick
    options:
      - { label: A, goto: done }
      - { label: B, goto: other }
    next: other
  other:
    kind: message
    text: Other
    branches:
      - goto: done
      - when: { answer: ask, equals: A }
        goto: other
    next: done
  done: { kind: end, title: Done }
`)
	for _, format := range GraphFormats {
		out, _ := Graph(f, format)
		var d drawing
		if format == "mermaid" {
			d = readMermaid(t, out)
		} else {
			d = readDot(t, out)
		}
		want := []string{"ask -next (never taken)-> other", "other -ask = A (never taken)-> other", "other -else (never taken)-> done"}
		if !slices.Equal(d.unused, want) {
			t.Errorf("%s: never taken: %v, want %v", format, d.unused, want)
		}
	}
}

func TestGraphEscapesLabels(t *testing.T) {
	tricky := "Say \"hi\" [now] {x} <b>b</b> #1 & `c` | $$x$$ a\\b direction LR"
	f := &flows.Flow{ID: "tricky", Start: "ask", Nodes: []*flows.Node{
		{ID: "ask", Kind: flows.KindChoice, Title: tricky + "\x1b[31m\nend", Options: []*flows.Option{
			{Label: `The "best" [one] <i>`, Goto: "done"},
		}},
		{ID: "done", Kind: flows.KindEnd, Title: "end"},
	}}
	out, _ := Graph(f, "mermaid")
	if strings.Contains(out, "\x1b") {
		t.Error("an escape sequence reached the output")
	}
	d := readMermaid(t, out)
	if got := d.nodes["ask"]; len(got) != 2 || got[1] != tricky+" end" {
		t.Errorf("the title reads back as %q", got)
	}
	if !slices.Equal(d.edges, []string{"(start) -> ask", `ask -The "best" [one] <i>-> done`}) {
		t.Errorf("edges: %q", d.edges)
	}
	entity := regexp.MustCompile(`#(quot|amp|lt|gt|\d+);`)
	for _, line := range d.lines {
		inner, ok := strings.CutPrefix(line, `    n0{"`)
		if !ok {
			inner, ok = strings.CutPrefix(line, `    n0 -->|"`)
		}
		if !ok {
			continue
		}
		inner = inner[:strings.LastIndex(inner, `"`)]
		inner = strings.ReplaceAll(entity.ReplaceAllString(inner, ""), "<br/>", "")
		if strings.ContainsAny(inner, "\"<>#&`|$") {
			t.Errorf("unescaped markup in %q", line)
		}
		if regexp.MustCompile(`direction\s+LR`).MatchString(line) {
			t.Errorf("Mermaid would read this line as a direction: %q", line)
		}
	}

	out, _ = Graph(f, "dot")
	d = readDot(t, out)
	if got := d.nodes["ask"]; len(got) != 2 || got[1] != tricky+" end" {
		t.Errorf("dot: the title reads back as %q", got)
	}
	if !strings.Contains(out, `a\\b`) || !strings.Contains(out, `Say \"hi\"`) {
		t.Errorf("dot: backslash or quotes not escaped:\n%s", out)
	}
	renderDot(t, out)
}

// renderDot checks that Graphviz reads the output, where Graphviz is installed.
func renderDot(t *testing.T, src string) {
	t.Helper()
	dot, err := exec.LookPath("dot")
	if err != nil {
		return
	}
	cmd := exec.Command(dot, "-Tsvg")
	cmd.Stdin = strings.NewReader(src)
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	if err := cmd.Run(); err != nil || stderr.Len() > 0 {
		t.Errorf("Graphviz refuses the output: %v %s\n%s", err, stderr.String(), src)
	}
}

func TestGraphOfTheBuiltInFlowsRenders(t *testing.T) {
	lib, err := flows.Library()
	if err != nil {
		t.Fatal(err)
	}
	for _, f := range lib {
		out, err := Graph(f, "dot")
		if err != nil {
			t.Fatal(err)
		}
		renderDot(t, out)
		for _, format := range GraphFormats {
			a, _ := Graph(f, format)
			b, _ := Graph(f, format)
			if a != b {
				t.Errorf("%s: two runs give different %s", f.ID, format)
			}
		}
		out, _ = Graph(f, "mermaid")
		d := readMermaid(t, out)
		if len(d.nodes) != len(f.Nodes) || len(d.classes["warn"]) > 0 {
			t.Errorf("%s: %d nodes drawn of %d; warnings %v", f.ID, len(d.nodes), len(f.Nodes), d.classes["warn"])
		}
	}
}

func TestGraphRefusesAnUnknownFormat(t *testing.T) {
	f := loadTestFlow(t, "../testdata/every-kind.yaml")
	if _, err := Graph(f, "svg"); err == nil || !strings.Contains(err.Error(), "mermaid or dot") {
		t.Errorf("err = %v", err)
	}
	if _, err := Graph(nil, "dot"); err == nil {
		t.Error("a nil flow gave no error")
	}
}

func TestConditionsInPlainWords(t *testing.T) {
	s := func(v string) *string { return &v }
	yes, no := true, false
	for _, tc := range []struct {
		name string
		cond flows.Cond
		want string
	}{
		{"an option's value", flows.Cond{Answer: "mood", Equals: s("bad")}, "mood = bad"},
		{"a value with spaces", flows.Cond{Answer: "mood", NotEquals: s("not sure")}, `mood ≠ "not sure"`},
		{"one of several values", flows.Cond{Answer: "m", In: []string{"a", "b", "c"}}, "m = a, b or c"},
		{"a bound", flows.Cond{Answer: "amount", Gte: s("50"), Lt: s("100")}, "amount ≥ 50 and amount < 100"},
		{"an answer given", flows.Cond{Answer: "note", Given: &yes}, "note given"},
		{"an answer not given", flows.Cond{Answer: "note", Given: &no}, "note not given"},
		{"an outcome", flows.Cond{Outcome: []string{"expired"}}, "outcome: expired"},
		{"an outcome of another check", flows.Cond{Check: "card-check", Outcome: []string{"a", "b"}}, "card-check outcome: a or b"},
		{"a status", flows.Cond{Status: []string{"problem"}}, "status: problem"},
		{"any of two", flows.Cond{Any: []*flows.Cond{{Status: []string{"ok"}}, {Status: []string{"warning"}}}}, "status: ok or status: warning"},
		{"all with an any inside", flows.Cond{All: []*flows.Cond{{Status: []string{"ok"}}, {Any: []*flows.Cond{{Answer: "a", Equals: s("1")}, {Answer: "a", Equals: s("2")}}}}},
			"status: ok and (a = 1 or a = 2)"},
		{"a test and an any", flows.Cond{Status: []string{"ok"}, Any: []*flows.Cond{{Answer: "a", Equals: s("1")}, {Answer: "a", Equals: s("2")}}},
			"status: ok and (a = 1 or a = 2)"},
		{"not", flows.Cond{Not: &flows.Cond{Answer: "a", Equals: s("1")}}, "not (a = 1)"},
	} {
		t.Run(tc.name+" reads "+tc.want, func(t *testing.T) {
			if got, _ := describeCond(&tc.cond); got != tc.want {
				t.Errorf("got %q, want %q", got, tc.want)
			}
		})
	}
}

// The map in docs/ is the output of unstuck graph payment-fails; this keeps it current.
// UNSTUCK_UPDATE_DOCS=1 go test ./flows -run TestPaymentFailsMapIsCurrent rewrites it.
func TestPaymentFailsMapIsCurrent(t *testing.T) {
	const doc = "../../docs/payment-fails-map.md"
	f, diags := files.Find("payment-fails")
	if f == nil {
		t.Fatalf("payment-fails does not load:\n%s", diags.Error())
	}
	want, _ := Graph(f, "mermaid")
	data, err := os.ReadFile(doc)
	if err != nil {
		t.Fatal(err)
	}
	start := bytes.Index(data, []byte("```mermaid\n"))
	end := bytes.Index(data[max(start, 0):], []byte("\n```\n"))
	if start < 0 || end < 0 {
		t.Fatalf("%s has no ```mermaid block", doc)
	}
	start += len("```mermaid\n")
	end += start - len("```mermaid\n") + 1
	if got := string(data[start:end]); got != want {
		if os.Getenv("UNSTUCK_UPDATE_DOCS") != "" {
			updated := append(append(append([]byte{}, data[:start]...), want...), data[end:]...)
			if err := os.WriteFile(doc, updated, 0o644); err != nil {
				t.Fatal(err)
			}
			return
		}
		t.Errorf("%s is out of date: run UNSTUCK_UPDATE_DOCS=1 go test ./flows -run TestPaymentFailsMapIsCurrent", doc)
	}
}
