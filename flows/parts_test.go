package flows

import (
	"strings"
	"testing"

	"github.com/unstuck-dev/unstuck/checks"
)

// partsFlow runs the part card twice: once with branches on how its check came out, once more.
const partsFlow = `flow: parts
title: Parts
start: check-card
nodes:
  check-card:
    kind: call
    part: card
    branches:
      - when: { check: check-card.card-check, outcome: expired }
        goto: end-expired
      - goto: again
  again:
    kind: call
    part: card
    next: done
  done:
    kind: end
    title: Done
    advice: ["First {{check-card.card-number}}, then {{again.card-number}}."]
  end-expired: { kind: end, title: Expired }
parts:
  card:
    start: card-number
    nodes:
      card-number:
        kind: input
        text: Card number?
        label: Card
        input: { type: card-number }
        next: card-check
      card-check:
        kind: check
        check: card
        with: { number: "{{card-number}}" }
        next: back
      back: { kind: end, outcome: return }
`

func TestPartsAreWalkedFromEachCall(t *testing.T) {
	f := mustParse(t, "parts.yaml", partsFlow)
	st := Start(f, tickT0)
	if st.Node().ID != "check-card.card-number" {
		t.Fatalf("the walk starts at %s, not in the part", st.Node().ID)
	}
	if lo, hi := st.RemainingRange(); lo < 1 || hi < 2 {
		t.Errorf("the progress range %d..%d does not count the steps of the parts", lo, hi)
	}
	ok := checks.Result{Name: "card", Status: checks.StatusOK, Outcome: "ok"}
	walk := []func(State) (State, error){
		func(s State) (State, error) { return s.Answer("4242424242424242", tickT0) },
		func(s State) (State, error) { return s.WithResult(ok, tickT0) },
		func(s State) (State, error) { return s.Answer("5555555555554444", tickT0) },
		func(s State) (State, error) { return s.WithResult(ok, tickT0) },
	}
	for _, step := range walk {
		var err error
		if st, err = step(st); err != nil {
			t.Fatalf("at %s: %v", st.Node().ID, err)
		}
	}
	if st.Node().ID != "done" {
		t.Fatalf("the walk ended at %s", st.Node().ID)
	}
	t.Run("each call keeps its own answers, named by the call", func(t *testing.T) {
		a := st.Answers()
		if a["check-card.card-number"].Display == a["again.card-number"].Display {
			t.Errorf("both calls have the answer %q", a["again.card-number"].Display)
		}
		if got := st.Prompt().End.Advice[0]; got != "First Visa ending 4242, then Mastercard ending 4444." {
			t.Errorf("the advice reads %q", got)
		}
	})
	t.Run("going back from after a part stops at the part's question", func(t *testing.T) {
		back, _ := st.Back()
		if back.Node().ID != "again.card-number" {
			t.Errorf("back went to %s", back.Node().ID)
		}
	})
	t.Run("the call's branches test the part's check under the call's name", func(t *testing.T) {
		s, _ := Start(f, tickT0).Answer("4242424242424242", tickT0)
		s, err := s.WithResult(checks.Result{Name: "card", Status: checks.StatusProblem, Outcome: "expired"}, tickT0)
		if err != nil || s.Node().ID != "end-expired" {
			t.Errorf("the walk went to %s (%v)", s.Node().ID, err)
		}
	})
}

func TestPartMistakesAreCaught(t *testing.T) {
	for _, tc := range []struct{ name, from, to, want string }{
		{"a call of a part that does not exist", "part: card\n    next", "part: crad\n    next", `runs part "crad", which neither the flow's parts: nor the library's parts files have`},
		{"a part that calls itself", "      back: { kind: end, outcome: return }", "      back: { kind: call, part: card, next: done }", `part "card" calls itself (card → card)`},
		{"a part whose start is not one of its steps", "start: card-number", "start: card-numbr", `did you mean "card-number"`},
		{"a part step leading out of the part", "next: back", "next: done", `step "card-check" of part "card" leads to "done", which is not a step of the part`},
		{"a mistyped way on in a part", "next: back", "next: bakc", `leads to "bakc", which is not a step of the part (did you mean "back"?)`},
		{"a call with no part", "    part: card\n    next: done", "    next: done", "names no part"},
	} {
		t.Run(tc.name+" is an error", func(t *testing.T) {
			src := strings.Replace(partsFlow, tc.from, tc.to, 1)
			if src == partsFlow {
				t.Fatal("the test's replacement did not apply")
			}
			_, diags := Parse("parts.yaml", []byte(src))
			if !diags.HasErrors() || !strings.Contains(diags.Error(), tc.want) {
				t.Errorf("want an error with %q, got:\n%s", tc.want, diags.Error())
			}
		})
	}
	t.Run("a mistake in a part called twice is reported once", func(t *testing.T) {
		_, diags := Parse("parts.yaml", []byte(strings.Replace(partsFlow, "next: back", "next: bakc", 1)))
		if n := strings.Count(diags.Error(), "bakc"); n != 1 {
			t.Errorf("reported %d times:\n%s", n, diags.Error())
		}
	})
	t.Run("a mistake inside a part is reported at its line in the part", func(t *testing.T) {
		src := strings.Replace(partsFlow, "next: back", "next: bakc", 1)
		_, diags := Parse("parts.yaml", []byte(src))
		line := 1 + strings.Count(src[:strings.Index(src, "next: bakc")], "\n")
		var errs Diagnostics
		for _, d := range diags {
			if d.Severity == SeverityError {
				errs = append(errs, d)
			}
		}
		if len(errs) != 1 || errs[0].Pos.Line != line {
			t.Errorf("want the error at line %d, got:\n%s", line, diags.Error())
		}
	})
	t.Run("a call whose part never comes back has a way on that is never used: a warning", func(t *testing.T) {
		src := strings.Replace(partsFlow, "back: { kind: end, outcome: return }", "back: { kind: end, outcome: done }", 1)
		f, diags := Parse("parts.yaml", []byte(src))
		if f == nil || !strings.Contains(diags.Error(), `part "card" never comes back`) {
			t.Errorf("got:\n%s", diags.Error())
		}
	})
	t.Run("a part never called is a warning", func(t *testing.T) {
		src := partsFlow + "  unused:\n    start: x\n    nodes:\n      x: { kind: end, outcome: return }\n"
		f, diags := Parse("parts.yaml", []byte(src))
		if f == nil || !strings.Contains(diags.Error(), `part "unused" is never called`) {
			t.Errorf("got:\n%s", diags.Error())
		}
	})
}

func TestPartsAreTranslatedOnceForEveryCall(t *testing.T) {
	f := mustParse(t, "parts.yaml", partsFlow)
	var keys []string
	for _, kv := range f.TextKeys() {
		keys = append(keys, kv[0])
	}
	if !strings.Contains(strings.Join(keys, " "), "parts.card.nodes.card-number.text") || strings.Contains(strings.Join(keys, " "), "check-card.card-number") {
		t.Fatalf("the text keys are %q", keys)
	}
	f.AddTranslation(&Translation{Flow: "parts", Language: "sv", Texts: map[string]*TranslatedText{
		"parts.card.nodes.card-number.text": {Source: "Card number?", Text: "Kortnummer för {{card-number}}?"},
	}})
	// AddTranslation keeps no source to copy from in a flow made here; Parse's own copy has one.
	sv, diags := parse("parts.yaml", []byte(partsFlow), f.translation("sv"), nil)
	if diags.HasErrors() {
		t.Fatal(diags.Error())
	}
	for _, id := range []string{"check-card.card-number", "again.card-number"} {
		if got := sv.Node(id).Text; got != "Kortnummer för {{"+id+"}}?" {
			t.Errorf("%s reads %q", id, got)
		}
	}
}

func TestAWalkSavedInsideAPartResumesThere(t *testing.T) {
	// The part asks for an order number (not sensitive, so saved) and a card number (asked again).
	src := strings.Replace(partsFlow, "    start: card-number\n", "    start: order\n", 1)
	src = strings.Replace(src, "      card-number:\n", "      order:\n        kind: input\n        text: Order?\n        input: { type: text }\n        next: card-number\n      card-number:\n", 1)
	f := mustParse(t, "parts.yaml", src)
	ok := checks.Result{Name: "card", Status: checks.StatusOK, Outcome: "ok"}
	st := Start(f, tickT0)
	var err error
	for _, step := range []func(State) (State, error){
		func(s State) (State, error) { return s.Answer("A-1", tickT0) },
		func(s State) (State, error) { return s.Answer("4242424242424242", tickT0) },
		func(s State) (State, error) { return s.WithResult(ok, tickT0) },
		func(s State) (State, error) { return s.Answer("B-2", tickT0) },
	} {
		if st, err = step(st); err != nil {
			t.Fatalf("at %s: %v", st.Node().ID, err)
		}
	}
	if st.Node().ID != "again.card-number" {
		t.Fatalf("at %s", st.Node().ID)
	}
	data, err := MarshalSnapshot(st.Snapshot(tickT0))
	if err != nil {
		t.Fatal(err)
	}
	snap, err := UnmarshalSnapshot(data)
	if err != nil {
		t.Fatal(err)
	}
	got := Restore(f, snap, tickT0)
	if got.Node().ID != "check-card.card-number" || got.Answers()["check-card.order"].Value != "A-1" {
		t.Errorf("resumed at %s with %v: the first call's order number is kept, its card number asked again", got.Node().ID, got.Answers())
	}
	if strings.Contains(string(data), "4242424242424242") || !strings.Contains(string(data), "again.order") {
		t.Errorf("the saved walk is not as it should be:\n%s", data)
	}
}
