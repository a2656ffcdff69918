package flows

import (
	"reflect"
	"slices"
	"testing"
	"time"

	"github.com/unstuck-dev/unstuck/checks"
)

const promptFlow = `flow: p
title: P
start: hello
nodes:
  hello:
    kind: message
    title: Hello
    text: "Read me.\n"
    help: Some help.
    staff_note: Ask for the order.
    next: pick
  pick:
    kind: choice
    text: Pick one
    options:
      - {label: Red, value: r}
      - {label: Blue}
    next: card
  card:
    kind: input
    text: Your card, {{pick}}?
    input: {type: card-number, optional: true, placeholder: "4242 ..."}
    next: run
  run:
    kind: check
    check: card
    with: {number: "{{card}}"}
    next: done
  done:
    kind: end
    title: Done
    outcome: solved
    advice: ["Thanks, {{pick}}."]
`

func TestPromptDescribesEachStep(t *testing.T) {
	f, diags := Parse("p.yaml", []byte(promptFlow))
	if diags.HasErrors() {
		t.Fatal(diags.Error())
	}
	now := time.Date(2026, 1, 2, 3, 4, 5, 0, time.UTC)
	st := StartAs(f, now, AudienceStaff)
	must := func(next State, err error) State {
		t.Helper()
		if err != nil {
			t.Fatal(err)
		}
		return next
	}
	t.Run("a message is read and continued", func(t *testing.T) {
		p := st.Prompt()
		if p.Node != "hello" || p.Title != "Hello" || p.Text != "Read me." || p.Help != "Some help." || p.StaffNote != "Ask for the order." {
			t.Errorf("texts: %+v", p)
		}
		if !p.Continue || p.Options != nil || p.Input != nil || p.Check != nil || p.End != nil || p.CanGoBack {
			t.Errorf("a message asks to continue only, and there is no way back: %+v", p)
		}
	})
	st = must(st.Continue(now))
	t.Run("a choice lists its options", func(t *testing.T) {
		p := st.Prompt()
		want := []PromptOption{{Label: "Red", Value: "r"}, {Label: "Blue", Value: "Blue"}}
		if !reflect.DeepEqual(p.Options, want) || !p.CanGoBack || p.Continue {
			t.Errorf("got %+v", p)
		}
	})
	st = must(st.Answer("2", now))
	t.Run("an input describes its field, with earlier answers filled in", func(t *testing.T) {
		p := st.Prompt()
		want := &PromptInput{Type: InputCard, Placeholder: "4242 ...", Optional: true, Masked: true}
		if !reflect.DeepEqual(p.Input, want) || p.Text != "Your card, Blue?" {
			t.Errorf("got %+v %+v", p, p.Input)
		}
	})
	st = must(st.Answer("4242424242424242", now))
	t.Run("a check names the check that runs", func(t *testing.T) {
		if p := st.Prompt(); p.Check == nil || p.Check.Name != "card" {
			t.Errorf("got %+v", p)
		}
	})
	st = must(st.WithResult(checks.Result{Name: "card", Status: checks.StatusOK, Outcome: "ok"}, now))
	t.Run("an end gives its outcome and advice", func(t *testing.T) {
		p := st.Prompt()
		if p.End == nil || p.End.Outcome != "solved" || !slices.Equal(p.End.Advice, []string{"Thanks, Blue."}) {
			t.Errorf("got %+v", p)
		}
	})
	t.Run("going back keeps the earlier answer to show, a sensitive one masked", func(t *testing.T) {
		back, ok := st.Back()
		if !ok || back.Node().ID != "card" {
			t.Fatalf("back went to %q", back.Node().ID)
		}
		c, err := checks.ParseCardNumber("4242424242424242")
		if err != nil {
			t.Fatal(err)
		}
		if p := back.Prompt(); p.Earlier != MaskedCard(c, "en") || p.Earlier == "" {
			t.Errorf("the earlier card answer is %q", p.Earlier)
		}
	})
	t.Run("going back to a choice marks the option picked before", func(t *testing.T) {
		back, _ := st.Back()
		back, _ = back.Back()
		p := back.Prompt()
		if back.Node().ID != "pick" || p.Earlier != "Blue" || p.Options[0].Earlier || !p.Options[1].Earlier {
			t.Errorf("got %+v", p)
		}
		next := must(back.Answer("1", now))
		if p := next.Prompt(); next.Node().ID != "card" || p.Earlier == "" || p.Refill != "" {
			t.Errorf("after a new answer the card step should show the earlier card masked and put nothing in the field: %+v", p)
		}
		again, _ := next.Back()
		if p := again.Prompt(); p.Earlier != "Red" || !p.Options[0].Earlier || p.Options[1].Earlier {
			t.Errorf("going back again should offer the answer just given: %+v", p)
		}
	})
}
