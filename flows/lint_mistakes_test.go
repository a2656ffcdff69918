package flows

import (
	"fmt"
	"strings"
	"testing"

	"github.com/unstuck-dev/unstuck/checks"
)

// flowWith is a small flow around the given nodes, which come after a start node "ask".
func flowWith(nodes string) string {
	return "flow: t\ntitle: T\nstart: ask\nnodes:\n" + nodes + "  done: { kind: end, title: Done, outcome: solved }\n"
}

func TestLintCatchesMistakesThatLoadSilently(t *testing.T) {
	for _, tc := range []struct {
		name, flow, code, inMessage, inHint string
		line                                int
	}{
		{"a yes-no answer compared with true is refused, and yes is offered", flowWith(`  ask:
    kind: input
    text: Did they reply?
    input: { type: yes-no }
    branches:
      - when: { answer: ask, equals: "true" }
        goto: done
      - goto: done
`), CodeUnknownValue, `never "true"`, `equals: "yes"`, 10},
		{"a yes-no answer compared with nein is refused, and no is offered", flowWith(`  ask:
    kind: input
    text: Did they reply?
    input: { type: yes-no }
    branches:
      - when: { answer: ask, in: ["yes", "false"] }
        goto: done
      - goto: done
`), CodeUnknownValue, `never "false"`, `in: "no"`, 10},
		{"an amount compared with words is refused", flowWith(`  ask:
    kind: input
    text: How much?
    input: { type: money }
    branches:
      - when: { answer: ask, not_equals: "fifty euros" }
        goto: done
      - goto: done
`), CodeBadValue, "never \"fifty euros\"", "in digits", 10},
		{"an answer shown where it was never asked is a warning at its line", flowWith(`  ask:
    kind: choice
    text: How?
    options:
      - { label: Card, goto: amount }
      - { label: Invoice, goto: done2 }
  amount:
    kind: input
    text: How much?
    input: { type: money }
    next: done2
  done2:
    kind: message
    text: |
      Keep the receipt.
      Ask for {{amount}} back.
    next: done
`), CodeNotAsked, `some paths reach "done2" without asking "amount"`, "", 20},
		{"a text of 5 MB is too long", flowWith(`  ask:
    kind: message
    text: "` + strings.Repeat("x", 5<<20) + `"
    next: done
`), CodeTooLong, "5242880 characters long", "shorten it", 7},
		{"a check parameter it does not take lists those it takes", flowWith(`  ask:
    kind: input
    text: Card?
    input: { type: card-number }
    next: chk
  chk:
    kind: check
    check: card
    with:
      number: "{{ask}}"
      colour: red
    next: done
`), CodeCheckParam, "it takes number (required), expiry", "", 15},
		{"a comma in a label inside { } says to put the label in quotes", flowWith(`  ask:
    kind: choice
    text: Replied?
    options:
      - {label: Yes, they replied, goto: done}
`), CodeUnknownKey, `the comma after "Yes" ends the label`, `put the label in quotes: label: "Yes, they replied"`, 9},
	} {
		t.Run(tc.name, func(t *testing.T) {
			_, diags := Parse("t.yaml", []byte(tc.flow))
			var hit *Diagnostic
			for i, d := range diags {
				if d.Code == tc.code {
					hit = &diags[i]
				}
			}
			if hit == nil {
				t.Fatalf("no %s diagnostic in:\n%s", tc.code, diags.Error())
			}
			if hit.Pos.Line != tc.line || !strings.Contains(hit.Message, tc.inMessage) || !strings.Contains(hit.Hint, tc.inHint) {
				t.Errorf("got %s (%s), want line %d with %q and a hint with %q", hit, hit.Hint, tc.line, tc.inMessage, tc.inHint)
			}
			if len(diags) != 1 {
				t.Errorf("want that one diagnostic alone, got:\n%s", diags.Error())
			}
		})
	}
}

func TestAStatusListIsAcceptedAndHonoured(t *testing.T) {
	f, diags := Parse("t.yaml", []byte(flowWith(`  ask:
    kind: input
    text: Card?
    input: { type: card-number }
    next: chk
  chk:
    kind: check
    check: card
    with: { number: "{{ask}}" }
    branches:
      - when: { status: [problem, warning] }
        goto: help
      - goto: done
  help: { kind: end, title: Help, outcome: not-solved }
`)))
	if diags.HasErrors() {
		t.Fatal(diags.Error())
	}
	for _, tc := range []struct {
		status checks.Status
		want   string
	}{{checks.StatusWarning, "help"}, {checks.StatusProblem, "help"}, {checks.StatusOK, "done"}} {
		t.Run(fmt.Sprintf("a check that comes out %s goes to %s", tc.status, tc.want), func(t *testing.T) {
			st, err := Start(f, t0).Answer("4242424242424242", t0)
			if err != nil {
				t.Fatal(err)
			}
			st, err = st.WithResult(checks.Result{Name: "card", Status: tc.status, Outcome: "ok"}, t0)
			if err != nil || st.Node().ID != tc.want {
				t.Errorf("at %s (%v)", st.Node().ID, err)
			}
		})
	}
}

func TestYAMLSyntaxErrorsAreReportedAtTheLineToChange(t *testing.T) {
	for _, tc := range []struct {
		name, text string
		line, col  int
		hint       string
	}{
		{"a key indented too little, far below nodes:", "flow: t\ntitle: T\nstart: a\nnodes:\n  a:\n    kind: end\n    title: A\n    outcome: x\n   advice: [x]\n", 9, 4, "indentation"},
		{"a key indented too much", "flow: t\ntitle: T\nstart: a\nnodes:\n  a:\n    kind: end\n      title: A\n", 7, 7, ""},
		{"a tab after a good line", "flow: t\ntitle: T\nstart: a\nnodes:\n  a:\n    kind: end\n\ttitle: A\n", 7, 1, "spaces, not tabs"},
		{"a tab as the first indentation", "flow: t\ntitle: T\nstart: a\nnodes:\n  a:\n\tkind: end\n", 6, 1, "spaces, not tabs"},
		{"an unclosed { on a list item", "flow: t\ntitle: T\nstart: a\nnodes:\n  a:\n    kind: choice\n    options:\n      - {label: A, goto: b\n      - {label: B, goto: b}\n", 8, 7, "close the brackets"},
		{"a C1 control in a plain value", "flow: t\ntitle: T\u0085x\n", 2, 9, ""},
		{"a C1 control in quotes", "flow: t\ntitle: \"T\u0090\"\n", 2, 10, ""},
	} {
		t.Run(tc.name, func(t *testing.T) {
			_, diags := Parse("t.yaml", []byte(tc.text))
			if len(diags) != 1 {
				t.Fatalf("want one diagnostic, got:\n%s", diags.Error())
			}
			d := diags[0]
			if d.Pos != (Pos{tc.line, tc.col}) || !strings.Contains(d.Hint, tc.hint) {
				t.Errorf("got %s (%s), want %d:%d with a hint with %q", d, d.Hint, tc.line, tc.col, tc.hint)
			}
		})
	}
}

func TestAReferenceInABlockIsReportedOnItsLine(t *testing.T) {
	flow := "flow: t\ntitle: T\nstart: a\nsummary_template: |\n  {{summary.header}}\n\n  {{summary.nope}}\nnodes:\n  a:\n    kind: end\n    title: A\n    help: >\n      Folded text,\n      then {{nothing}} here.\n"
	_, diags := Parse("t.yaml", []byte(flow))
	var got []string
	for _, d := range diags {
		got = append(got, fmt.Sprintf("%d:%d %s", d.Pos.Line, d.Pos.Col, d.Code))
	}
	if want := "7:3 unknown-answer,14:12 unknown-answer"; strings.Join(got, ",") != want {
		t.Errorf("got %v, want %s", got, want)
	}
}

func TestAFreshTranslationWarnsOnceAndTheCountComesLast(t *testing.T) {
	f, diags := Parse("t.yaml", []byte(flowWith("  ask:\n    kind: message\n    text: Hello.\n    next: done\n")))
	if diags.HasErrors() {
		t.Fatal(diags.Error())
	}
	data, _, _, err := UpdateTranslation(f, "fr", nil)
	if err != nil {
		t.Fatal(err)
	}
	t.Run("a file just written by unstuck translate gives one warning, without run unstuck translate", func(t *testing.T) {
		tr, diags := ParseTranslation("t.fr.yaml", data)
		diags = append(diags, CheckTranslation(f, tr)...)
		if len(diags) != 1 || strings.Contains(diags.Error(), "run unstuck translate") || !strings.Contains(diags[0].Message, "none of the flow's 3 texts") {
			t.Errorf("got:\n%s", diags.Error())
		}
	})
	t.Run("past twenty missing texts, the count line is the last", func(t *testing.T) {
		var nodes strings.Builder
		for i := range 25 {
			fmt.Fprintf(&nodes, "  m%d: { kind: message, text: Text %d, next: m%d }\n", i, i, i+1)
		}
		nodes.WriteString("  m25: { kind: message, text: Last, next: done }\n")
		big, diags := Parse("t.yaml", []byte("flow: t\ntitle: T\nstart: m0\nnodes:\n"+nodes.String()+"  done: { kind: end, title: Done, outcome: solved }\n"))
		if diags.HasErrors() {
			t.Fatal(diags.Error())
		}
		data, _, _, _ := UpdateTranslation(big, "fr", nil)
		tr, _ := ParseTranslation("t.fr.yaml", []byte(strings.Replace(string(data), `text: ""`, `text: "Titre"`, 1)))
		got := CheckTranslation(big, tr)
		if len(got) != 21 || !strings.HasPrefix(got[len(got)-1].Message, "… and") || strings.Contains(got[0].Hint, "run unstuck translate") {
			t.Errorf("got:\n%s", got.Error())
		}
	})
}

func TestAnAmountEqualsTheSameAmountHoweverItIsWritten(t *testing.T) {
	f, diags := Parse("t.yaml", []byte(flowWith(`  ask:
    kind: input
    text: How much?
    input: { type: money }
    branches:
      - when: { answer: ask, equals: "1234.5" }
        goto: same
      - when: { answer: ask, in: ["50", "60"] }
        goto: same
      - goto: done
  same: { kind: end, title: Same, outcome: solved }
`)))
	if diags.HasErrors() {
		t.Fatal(diags.Error())
	}
	for _, tc := range []struct{ typed, want string }{
		{"1234.50", "same"}, {"1 234,50", "same"}, {"50", "same"}, {"60.00", "same"}, {"51", "done"},
	} {
		t.Run(fmt.Sprintf("%s typed goes to %s", tc.typed, tc.want), func(t *testing.T) {
			st, err := Start(f, t0).Answer(tc.typed, t0)
			if err != nil || st.Node().ID != tc.want {
				t.Errorf("at %s (%v)", st.Node().ID, err)
			}
		})
	}
}

func TestAnAnswerAskedOnlyOfStaffIsNotAskedOfShoppers(t *testing.T) {
	for _, tc := range []struct {
		name, audience string
		warns          bool
	}{
		{"a step for everyone that shows a staff-only answer is warned of", "", true},
		{"a staff step that shows it is fine", "staff", false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			audience := ""
			if tc.audience != "" {
				audience = "\n    audience: " + tc.audience + "\n    next: done"
			}
			_, diags := Parse("t.yaml", []byte(flowWith(`  ask:
    kind: input
    audience: staff
    text: Ticket number?
    input: { type: text }
    next: show
  show:
    kind: message
    text: "Ticket {{ask}}."`+audience+`
`+map[bool]string{true: "    next: done\n", false: ""}[tc.audience == ""])))
			if got := strings.Contains(diags.Error(), "asked only of support staff"); got != tc.warns || diags.HasErrors() {
				t.Errorf("got:\n%s", diags.Error())
			}
		})
	}
}

func TestATranslatedTextIsHeldToTheSameLimit(t *testing.T) {
	f, diags := Parse("t.yaml", []byte(flowWith("  ask:\n    kind: message\n    text: Hello.\n    next: done\n")))
	if diags.HasErrors() {
		t.Fatal(diags.Error())
	}
	tr, diags := ParseTranslation("t.fr.yaml", []byte("translation: t\nlanguage: fr\ntexts:\n  nodes.done.title:\n    source: Done\n    text: \""+strings.Repeat("Fini ", 50)+"\"\n"))
	if diags.HasErrors() {
		t.Fatal(diags.Error())
	}
	got := CheckTranslation(f, tr)
	var hit bool
	for _, d := range got {
		hit = hit || d.Code == CodeTooLong && d.Pos.Line == 6 && strings.Contains(d.Message, "250 characters")
	}
	if !hit {
		t.Errorf("got:\n%s", got.Error())
	}
}

func TestASyntaxErrorInATranslationIsReportedAtItsLine(t *testing.T) {
	_, diags := ParseTranslation("t.fr.yaml", []byte("translation: t\nlanguage: fr\ntexts:\n  title:\n    source: Done\n   text: Fini\n"))
	if len(diags) != 1 || diags[0].Pos.Line != 6 || diags[0].Code != CodeSyntax {
		t.Errorf("got:\n%s", diags.Error())
	}
}
