package flows_test

import (
	"encoding/json"
	"strings"
	"testing"
	"time"

	"github.com/unstuck-dev/unstuck/flows"
	"github.com/unstuck-dev/unstuck/flows/summary"
)

func TestPastedLineBreaksBecomeSpaces(t *testing.T) {
	f := parseOrFail(t, `
flow: f
title: Paste
start: ask
nodes:
  ask:
    kind: input
    title: What the error said
    text: Paste the error message.
    label: Error
    input: {type: text}
    next: done
  done:
    kind: end
    title: Done
`)
	at := time.Date(2026, 6, 15, 14, 30, 0, 0, time.UTC)
	for _, tc := range []struct{ name, pasted string }{
		{"a newline", "Payment declined\nby issuer"},
		{"a carriage return and a newline", "Payment declined\r\nby issuer"},
		{"a carriage return alone, as terminals paste", "Payment declined\rby issuer"},
		{"a Unicode line separator", "Payment declined\u2028by issuer"},
		{"a paragraph separator", "Payment declined\u2029by issuer"},
		{"a next-line character", "Payment declined\u0085by issuer"},
		{"a vertical tab", "Payment declined\vby issuer"},
		{"a form feed", "Payment declined\fby issuer"},
	} {
		t.Run(tc.name+" between two words is a space in every format", func(t *testing.T) {
			const want = "Payment declined by issuer"
			st, err := flows.StartAs(f, at, flows.AudienceStaff).Answer(tc.pasted, at)
			if err != nil {
				t.Fatal(err)
			}
			if got := st.Answers()["ask"].Display; got != want {
				t.Errorf("the answer is %q, want %q", got, want)
			}
			sm := summary.Of(st)
			if !strings.Contains(sm.Text(), "Error: "+want+"\n") {
				t.Errorf("the text summary does not hold %q:\n%s", want, sm.Text())
			}
			if !strings.Contains(sm.Markdown(), "- Error: "+want+"\n") {
				t.Errorf("the markdown summary does not hold %q:\n%s", want, sm.Markdown())
			}
			var js struct {
				Answers []struct{ Value string } `json:"answers"`
			}
			if err := json.Unmarshal([]byte(sm.JSON()), &js); err != nil {
				t.Fatal(err)
			}
			if len(js.Answers) != 1 || js.Answers[0].Value != want {
				t.Errorf("the json summary has answers %+v, want %q", js.Answers, want)
			}
			if !strings.Contains(summary.Transcript(st), "| "+want+" |") {
				t.Errorf("the transcript does not hold %q:\n%s", want, summary.Transcript(st))
			}
			snap, _ := json.Marshal(st.Snapshot(at))
			if !strings.Contains(string(snap), `"answer":"`+want+`"`) {
				t.Errorf("the saved walk does not hold %q: %s", want, snap)
			}
		})
	}
}

func TestSanitizeLineBreaks(t *testing.T) {
	for _, tc := range []struct{ name, in, want string }{
		{"a newline is kept", "a\nb", "a\nb"},
		{"a carriage return and newline is one newline", "a\r\nb", "a\nb"},
		{"a lone carriage return is a space, not nothing", "a\rb", "a b"},
		{"a Unicode line separator is a space", "a\u2028b", "a b"},
		{"a next-line character is a space", "a\u0085b", "a b"},
		{"a vertical tab is a space", "a\vb", "a b"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if got := flows.Sanitize(tc.in); got != tc.want {
				t.Errorf("Sanitize(%q) = %q, want %q", tc.in, got, tc.want)
			}
		})
	}
}

func parseOrFail(t *testing.T, src string) *flows.Flow {
	t.Helper()
	f, diags := flows.Parse("f.yaml", []byte(src))
	if diags.HasErrors() {
		t.Fatal(diags.Error())
	}
	return f
}
