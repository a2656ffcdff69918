package flows

import (
	"errors"
	"slices"
	"strings"
	"testing"
	"time"
)

var tickT0 = time.Date(2026, 12, 3, 12, 0, 0, 0, time.UTC)

const tickFlow = `flow: ticks
title: Ticks
start: what
nodes:
  what:
    kind: tick
    text: What went wrong?
    label: Problems
    options:
      - { label: The card was declined, value: declined, answer: declined, summary: [The card was declined.] }
      - { label: The page froze, value: froze }
      - { label: I was charged twice, value: twice, tried: [Looked at the bank statement.] }
    branches:
      - when: { answer: what, has: declined }
        goto: end-card
      - when: { answer: what, given: false }
        goto: end-nothing
      - goto: end-other
  end-card: { kind: end, title: Card }
  end-nothing: { kind: end, title: Nothing }
  end-other: { kind: end, title: Other }
`

func mustParse(t *testing.T, name, src string) *Flow {
	t.Helper()
	f, diags := Parse(name, []byte(src))
	if diags.HasErrors() {
		t.Fatal(diags.Error())
	}
	return f
}

func TestTickTakesAnyNumberOfOptions(t *testing.T) {
	f := mustParse(t, "ticks.yaml", tickFlow)
	for _, tc := range []struct {
		name, typed, end string
		values           []string
	}{
		{"numbers with commas tick those options", "1, 3", "end-card", []string{"declined", "twice"}},
		{"numbers with spaces tick them too", "3 1", "end-card", []string{"declined", "twice"}},
		{"a value ticks its option", "froze", "end-other", []string{"froze"}},
		{"an empty answer ticks nothing, which given: false tests", "", "end-nothing", nil},
		{"0 ticks nothing", "0", "end-nothing", nil},
	} {
		t.Run(tc.name, func(t *testing.T) {
			st, err := Start(f, tickT0).Answer(tc.typed, tickT0)
			if err != nil {
				t.Fatal(err)
			}
			if st.Node().ID != tc.end {
				t.Errorf("the walk went to %s, want %s", st.Node().ID, tc.end)
			}
			if got := st.Answers()["what"].Values; !slices.Equal(got, tc.values) {
				t.Errorf("the values ticked are %q, want %q", got, tc.values)
			}
		})
	}
	for _, typed := range []string{"4", "1, 9", "nonsense"} {
		t.Run("the answer "+typed+" is refused with a sentence for the shopper", func(t *testing.T) {
			_, err := Start(f, tickT0).Answer(typed, tickT0)
			var ie *InputError
			if !errors.As(err, &ie) || !strings.Contains(ie.Message, "1 to 3") {
				t.Errorf("got %v", err)
			}
		})
	}
}

func TestTickAnswerComesBackOnBackAndResume(t *testing.T) {
	f := mustParse(t, "ticks.yaml", tickFlow)
	st, err := Start(f, tickT0).Answer("1,3", tickT0)
	if err != nil {
		t.Fatal(err)
	}
	t.Run("going back puts the ticks back", func(t *testing.T) {
		back, ok := st.Back()
		if !ok {
			t.Fatal("could not go back")
		}
		p := back.Prompt()
		if !p.Multiple {
			t.Fatal("the prompt does not say that options are ticked")
		}
		var marked []bool
		for _, o := range p.Options {
			marked = append(marked, o.Earlier)
		}
		if !slices.Equal(marked, []bool{true, false, true}) {
			t.Errorf("the options marked as ticked before are %v", marked)
		}
	})
	t.Run("a saved walk restores the ticks", func(t *testing.T) {
		data, err := MarshalSnapshot(st.Snapshot(tickT0))
		if err != nil {
			t.Fatal(err)
		}
		snap, err := UnmarshalSnapshot(data)
		if err != nil {
			t.Fatal(err)
		}
		got := Restore(f, snap, tickT0)
		if got.Node().ID != "end-card" || !slices.Equal(got.Answers()["what"].Values, []string{"declined", "twice"}) {
			t.Errorf("restored at %s with %q", got.Node().ID, got.Answers()["what"].Values)
		}
	})
	t.Run("the summary's words are the options' short answers", func(t *testing.T) {
		if got := TickedText(st, f.Node("what"), st.Answers()["what"]); got != "declined, I was charged twice" {
			t.Errorf("got %q", got)
		}
		var lines []string
		for _, o := range Picked(f.Node("what"), st.Steps()[0]) {
			lines = append(lines, o.Summary...)
			lines = append(lines, o.Tried...)
		}
		if !slices.Equal(lines, []string{"The card was declined.", "Looked at the bank statement."}) {
			t.Errorf("the lines of the options ticked are %q", lines)
		}
	})
}

func TestTickMistakesAreCaught(t *testing.T) {
	for _, tc := range []struct{ name, from, to, want string }{
		{"an option with a goto", "{ label: The page froze, value: froze }", "{ label: The page froze, value: froze, goto: end-other }", "several options can be ticked"},
		{"an option value with a comma", "value: froze", `value: "froze,hard"`, "has a comma"},
		{"equals on a tick answer", "{ answer: what, has: declined }", "{ answer: what, equals: declined }", "write `has: VALUE`"},
		{"has with a value no option has", "has: declined", "has: declinde", `did you mean "declined"`},
	} {
		t.Run(tc.name+" is an error", func(t *testing.T) {
			_, diags := Parse("ticks.yaml", []byte(strings.Replace(tickFlow, tc.from, tc.to, 1)))
			if !diags.HasErrors() || !strings.Contains(diags.Error(), tc.want) {
				t.Errorf("want an error with %q, got:\n%s", tc.want, diags.Error())
			}
		})
	}
	t.Run("has on a choice is an error that says to use equals", func(t *testing.T) {
		src := strings.Replace(tickFlow, "kind: tick", "kind: choice", 1)
		_, diags := Parse("ticks.yaml", []byte(src))
		if !strings.Contains(diags.Error(), "use `equals:`") {
			t.Errorf("got:\n%s", diags.Error())
		}
	})
}
