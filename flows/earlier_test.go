package flows

import "testing"

const changeFlow = `flow: change
title: Change one answer
start: name
nodes:
  name: {kind: input, text: "Name?", input: {type: text}, next: pick}
  pick:
    kind: choice
    text: Which way?
    options:
      - {label: Left, value: left, goto: x}
      - {label: Right, value: right, goto: y}
  x: {kind: input, text: "X?", input: {type: text}, next: common}
  y: {kind: input, text: "Y?", input: {type: text}, next: common}
  common: {kind: input, text: "How many?", input: {type: number}, next: done}
  done: {kind: end, outcome: solved}
`

func TestChangingOneAnswerKeepsTheOthersOnOffer(t *testing.T) {
	f, diags := Parse("change.yaml", []byte(changeFlow))
	if diags.HasErrors() {
		t.Fatal(diags.Error())
	}
	must := func(st State, err error) State {
		t.Helper()
		if err != nil {
			t.Fatal(err)
		}
		return st
	}
	st := Start(f, t0)
	for _, a := range []string{"Ann", "1", "by the river", "7"} {
		st = must(st.Answer(a, t0))
	}
	if !st.Done() {
		t.Fatalf("the walk should have ended, it stands at %q", st.Node().ID)
	}
	back, ok := st.BackTo(0)
	if !ok {
		t.Fatal("could not go back to the first step")
	}
	t.Run("the step gone back to offers its answer in the field", func(t *testing.T) {
		if p := back.Prompt(); p.Earlier != "Ann" || p.Refill != "Ann" {
			t.Errorf("got Earlier %q, Refill %q", p.Earlier, p.Refill)
		}
	})
	kept := must(back.Answer("Ann", t0))
	t.Run("the next step, still on the path, offers its earlier choice", func(t *testing.T) {
		if p := kept.Prompt(); kept.Node().ID != "pick" || !p.Options[0].Earlier || p.Options[1].Earlier {
			t.Errorf("at %q: %+v", kept.Node().ID, p)
		}
	})
	other := must(kept.Answer("2", t0))
	t.Run("a step the old walk never reached offers nothing", func(t *testing.T) {
		if p := other.Prompt(); other.Node().ID != "y" || p.Earlier != "" || p.Refill != "" {
			t.Errorf("at %q: %+v", other.Node().ID, p)
		}
	})
	joined := must(other.Answer("up the hill", t0))
	t.Run("where the new path joins the old one, the earlier answer is offered again", func(t *testing.T) {
		if p := joined.Prompt(); joined.Node().ID != "common" || p.Refill != "7" {
			t.Errorf("at %q: %+v", joined.Node().ID, p)
		}
	})
	t.Run("a step answered anew is offered no more", func(t *testing.T) {
		end := must(joined.Answer("8", t0))
		again, _ := end.Back()
		if p := again.Prompt(); p.Refill != "8" {
			t.Errorf("going back after answering 8 offers %q", p.Refill)
		}
	})
	t.Run("a restart offers nothing from before", func(t *testing.T) {
		if p := kept.Restart(t0).Prompt(); p.Earlier != "" || p.Refill != "" {
			t.Errorf("after a restart: %+v", p)
		}
	})
}
