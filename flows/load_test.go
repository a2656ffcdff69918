package flows

import (
	"strings"
	"testing"
)

// base is a small valid flow; cases change one thing in it.
const base = `flow: tiny
title: Tiny
start: ask
nodes:
  ask:
    kind: choice
    text: Pick one
    options:
      - { label: A, value: a, goto: done }
      - { label: B, value: b, goto: done }
  done:
    kind: end
    title: Done
`

func TestLoadAcceptsAValidFlow(t *testing.T) {
	f, diags := Parse("tiny.yaml", []byte(base))
	if f == nil || len(diags) != 0 {
		t.Fatalf("want a clean load, got:\n%s", diags.Error())
	}
	if f.Language != "en" || f.Node("ask").Options[0].Value != "a" {
		t.Errorf("defaults not filled in")
	}
}

func TestLoadReportsEveryProblem(t *testing.T) {
	for _, tc := range []struct {
		name string
		yaml string
		want []string // each must appear in the diagnostics
	}{
		{"an empty file", "", []string{"x.yaml:1:1: error syntax: the file is empty"}},
		{"binary junk", "\x00\x01\x02", []string{"error syntax: the file is not text"}},
		{"invalid UTF-8", "flow: a\ntitle: \xff\xfe\n", []string{"x.yaml:2:1: error syntax: the file is not valid UTF-8"}},
		{"broken YAML", "flow: [a\n", []string{"error syntax: this is not valid YAML"}},
		{"a list at the top", "- a\n- b\n", []string{"x.yaml:1:1: error wrong-type: the flow should be a set of keys, not a list"}},
		{"no nodes at all", "flow: e\ntitle: E\nstart: a\nnodes: {}\n", []string{"x.yaml:4:8: error missing-field: the flow has no nodes", "x.yaml:3:8: error unknown-target: start names node \"a\""}},
		{"deep nesting", "a: " + strings.Repeat("[", 10000) + strings.Repeat("]", 10000), []string{"error too-large: the file nests more than 64 levels deep"}},
		{"missing required fields", "title: T\n", []string{"x.yaml:1:1: error missing-field: the flow needs \"flow\"", "needs \"start\"", "needs \"nodes\""}},
		{"an unknown key with a suggestion", strings.Replace(base, "title: Tiny", "titel: Tiny", 1), []string{
			"x.yaml:2:1: error unknown-key: the flow has no key \"titel\" (did you mean \"title\"?)"}},
		{"an unknown node key", strings.Replace(base, "    text: Pick one", "    txt: Pick one", 1), []string{"x.yaml:7:5: error unknown-key: node \"ask\" has no key \"txt\""}},
		{"a wrong type", strings.Replace(base, "    text: Pick one", "    text: [a, b]", 1), []string{"x.yaml:7:11: error wrong-type: node \"ask\".text should be text, not a list"}},
		{"a target that does not exist", strings.Replace(base, "value: b, goto: done", "value: b, goto: dome", 1), []string{
			"error unknown-target: node \"ask\" leads to \"dome\", which does not exist (did you mean \"done\"?)"}},
		{"a start that does not exist", strings.Replace(base, "start: ask", "start: nowhere", 1), []string{"x.yaml:3:8: error unknown-target: start names node \"nowhere\""}},
		{"an unknown kind", strings.Replace(base, "kind: choice", "kind: choise", 1), []string{"error bad-value: node \"ask\" has unknown kind \"choise\"", "did you mean \"choice\"?"}},
		{"a dead end", base + "  lost:\n    kind: message\n    text: Hi\n", []string{"error dead-end: node \"lost\" is a dead end", "warning unreachable: node \"lost\" cannot be reached"}},
		{"a duplicate node id", base + "  done:\n    kind: end\n", []string{"error duplicate-id: node \"done\" is defined twice (first at line 11)"}},
		{"a loop with no way out", `flow: loop
title: Loop
start: a
nodes:
  a: { kind: message, text: A, next: b }
  b: { kind: message, text: B, next: a }
  end: { kind: end }
`, []string{"x.yaml:5:3: error no-exit: from node \"a\" no path leads to an end", "x.yaml:6:3: error no-exit", "warning unreachable: node \"end\""}},
		{"branches without a fallback", `flow: nf
title: NF
start: q
nodes:
  q:
    kind: input
    text: Amount?
    input: { type: money }
    branches:
      - when: { answer: q, gt: "10" }
        goto: e
  e: { kind: end }
`, []string{"x.yaml:10:9: error no-fallback: the branches of node \"q\" have no fallback"}},
		{"an unknown check and a bad parameter", `flow: c
title: C
start: c1
nodes:
  c1: { kind: check, check: cards, next: e }
  c2: { kind: check, check: card, with: { numbr: "x" }, next: e }
  e: { kind: end }
`, []string{"error unknown-check: there is no check called \"cards\"", "did you mean \"card\"?", "error check-param: the card check of node \"c2\" needs \"number\"", "error check-param: the card check has no parameter \"numbr\""}},
		{"a condition on an answer never asked and a value not among the options", strings.Replace(base, "      - { label: B, value: b, goto: done }", `      - { label: B, value: b }
    branches:
      - when: { answer: nope, equals: x }
        goto: done
      - when: { answer: ask, equals: c }
        goto: done
      - goto: done`, 1), []string{"error unknown-answer: the condition tests the answer to \"nope\", which is not a node", "error unknown-value: \"c\" is not one of the options of \"ask\" (a, b)"}},
		{"an outcome a check never has", `flow: o
title: O
start: c
nodes:
  n: { kind: input, text: N, input: { type: card-number }, next: c }
  c:
    kind: check
    check: card
    with: { number: "{{n}}" }
    branches:
      - { when: { outcome: [explodes] }, goto: e }
      - goto: e
  e: { kind: end }
`, []string{"error unknown-value: the card check never comes out as \"explodes\""}},
		{"a sensitive answer shown in text", `flow: s
title: S
start: x
nodes:
  x: { kind: input, text: "Expiry?", input: { type: expiry }, next: e }
  e:
    kind: end
    title: "You said {{x}}"
`, []string{"error sensitive: {{x}} would show a sensitive answer"}},
		{"a reference to no node", strings.Replace(base, "text: Pick one", "text: Pick {{who}}", 1), []string{"error unknown-answer: {{who}} in node \"ask\" names no node"}},
		{"control characters in text", strings.Replace(base, "text: Pick one", "text: \"Pick \\e[2J one\"", 1), []string{"x.yaml:7:11: error control-chars"}},
		{"a field that does not belong to the kind", strings.Replace(base, "    title: Done", "    title: Done\n    next: ask", 1), []string{"error bad-value: an end node has no \"next\""}},
		{"an input without a type", `flow: i
title: I
start: x
nodes:
  x: { kind: input, text: Q, input: { type: colour }, next: e }
  e: { kind: end }
`, []string{"error bad-value: input type \"colour\" does not exist"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			f, diags := Parse("x.yaml", []byte(tc.yaml))
			if f != nil {
				t.Errorf("a broken flow was accepted")
			}
			all := diags.Error()
			for _, w := range tc.want {
				if !strings.Contains(all, w) {
					t.Errorf("diagnostics lack %q; got:\n%s", w, all)
				}
			}
		})
	}
}

func TestLoadSurvivesAnAliasBomb(t *testing.T) {
	bomb := `a: &a ["x","x","x","x","x","x","x","x","x"]
b: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a]
c: &c [*b,*b,*b,*b,*b,*b,*b,*b,*b]
d: &d [*c,*c,*c,*c,*c,*c,*c,*c,*c]
e: &e [*d,*d,*d,*d,*d,*d,*d,*d,*d]
f: &f [*e,*e,*e,*e,*e,*e,*e,*e,*e]
g: &g [*f,*f,*f,*f,*f,*f,*f,*f,*f]
flow: bomb
title: Bomb
start: x
nodes:
  x: { kind: end, advice: *g }
`
	f, diags := Parse("bomb.yaml", []byte(bomb))
	if f != nil || !diags.HasErrors() {
		t.Fatalf("the alias bomb was accepted")
	}
}

func TestLibraryLoadsClean(t *testing.T) {
	lib, err := Library()
	if err != nil {
		t.Fatalf("a built-in flow is broken:\n%v", err)
	}
	if len(lib) == 0 {
		t.Fatal("no built-in flows")
	}
	for _, f := range lib {
		_, diags := LoadFS(LibraryFS(), "library/"+f.ID+".yaml", f.ID)
		if len(diags) > 0 {
			t.Errorf("%s has warnings:\n%s", f.ID, diags.Error())
		}
	}
}
