package flows

import (
	"os"
	"strings"
	"testing"
)

func TestReplayOnAWatchedFile(t *testing.T) {
	data, err := os.ReadFile("testdata/every-kind.yaml")
	if err != nil {
		t.Fatal(err)
	}
	f := mustLoad(t, "testdata/every-kind.yaml")
	reload := func(t *testing.T, from, to string) *Flow {
		t.Helper()
		nf, diags := Parse("every-kind.yaml", []byte(strings.Replace(string(data), from, to, 1)))
		if diags.HasErrors() {
			t.Fatal(diags.Error())
		}
		return nf
	}
	t.Run("a reload on the end screen stays on the end screen", func(t *testing.T) {
		st := walk(t, f, []move{ans(""), ans("1"), ans("20"), ans("hi")})
		got := Replay(st, reload(t, "text: Anything else?", "text: Anything more?"), t0)
		if got.Node().ID != "end-good" || !got.Done() {
			t.Errorf("replayed to %q, want the end", got.Node().ID)
		}
	})
	t.Run("a reload after going back keeps the earlier answer in the field", func(t *testing.T) {
		st := walk(t, f, []move{ans(""), ans("1"), ans("20"), back})
		if st.Node().ID != "amount" || st.Prompt().Refill != "20.00" {
			t.Fatalf("at %q with %q", st.Node().ID, st.Prompt().Refill)
		}
		got := Replay(st, reload(t, "text: How much?", "text: How much in all?"), t0)
		if got.Node().ID != "amount" || got.Prompt().Refill != "20.00" {
			t.Errorf("at %q with %q in the field, want amount with 20.00", got.Node().ID, got.Prompt().Refill)
		}
		if b, ok := got.Back(); !ok || b.Node().ID != "mood" || !b.Prompt().Options[0].Earlier {
			t.Errorf("going back after the reload does not offer the earlier choice")
		}
	})
	t.Run("reordered options keep the option picked", func(t *testing.T) {
		st := walk(t, f, []move{ans(""), ans("1"), ans("20")})
		nf := reload(t, "      - { label: Fine, value: fine, goto: amount, tried: Said fine }\n      - { label: Bad, value: bad, summary: Feeling bad }",
			"      - { label: Bad, value: bad, summary: Feeling bad }\n      - { label: Fine, value: fine, goto: amount, tried: Said fine }")
		got := Replay(st, nf, t0)
		if got.Node().ID != "note" || got.Answers()["mood"].Value != "fine" {
			t.Errorf("replayed to %q with mood %q", got.Node().ID, got.Answers()["mood"].Value)
		}
	})
}
