package main

import (
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

// An agent picks up where the shopper stopped: unstuck run --from SUMMARY --staff.

// fromFlow is a shopper's part (a choice, an amount, an optional note, a card and its check) and a
// staff-only step after it, where the agent goes on.
const fromFlow = `flow: from-test
title: Paying by card
start: how
nodes:
  how:
    kind: choice
    text: How do you pay?
    label: Method
    options:
      - label: By card
        value: card
      - label: By invoice
        value: invoice
    next: amount
  amount:
    kind: input
    text: How much was it?
    label: Amount
    input: {type: money}
    next: note
  note:
    kind: input
    text: Anything else?
    input: {type: text, optional: true}
    next: card
  card:
    kind: input
    text: The card number
    label: Card
    input: {type: card-number}
    next: check
  check:
    kind: check
    check: card
    with: {number: "{{card}}"}
    next: agent
  agent:
    kind: choice
    audience: staff
    text: Did the bank confirm the block?
    options:
      - label: "Yes"
        value: "yes"
      - label: "No"
        value: "no"
    next: end
  end:
    kind: end
    title: Agent done
    outcome: done
`

// shopperSummary writes the flow and a shopper's JSON summary of it (to the staff-only step) into
// dir, and returns their paths.
func shopperSummary(t *testing.T, bin, dir string) (flow, summary string) {
	t.Helper()
	flow, summary = filepath.Join(dir, "from-test.yaml"), filepath.Join(dir, "summary.json")
	answers := filepath.Join(dir, "answers.yaml")
	if err := os.WriteFile(flow, []byte(fromFlow), 0o600); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(answers, []byte("answers: {how: card, amount: \"120.50\", note: \"\", card: \"4242 4242 4242 4242\"}\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	// Without a terminal the shopper's walk ends where the shopper's part does: at the staff step.
	cmd := exec.Command(bin, "run", flow, "--answers", answers, "--format", "json", "--no-save")
	out, _ := cmd.Output()
	if !strings.Contains(string(out), `"flow": "from-test"`) || strings.Contains(string(out), "4242424242424242") {
		t.Fatalf("the shopper's summary is not as expected:\n%s", out)
	}
	if err := os.WriteFile(summary, out, 0o600); err != nil {
		t.Fatal(err)
	}
	return flow, summary
}

func TestAgentPicksUpFromASummaryInTmux(t *testing.T) {
	if testing.Short() {
		t.Skip("builds the binary and drives it in tmux")
	}
	t.Parallel() // its own tmux server (socket) and folders
	bin := buildBinary(t)
	requireTmux(t)
	flow, summary := shopperSummary(t, bin, t.TempDir())

	t.Run("the agent lands on the staff-only step with the shopper's path in the history, and the transcript keeps both", func(t *testing.T) {
		s := startTmux(t, bin+" run "+flow+" --from "+summary+" --staff --no-save --case C-7")
		s.waitFor("Did the bank confirm the block?")
		s.waitFor("Replayed 4 answers")
		s.keys("h")
		s.waitFor("[how]")
		s.waitFor("[amount]")
		s.waitFor("Visa ending 4242")
		s.waitFor("from their summary U-")
		if strings.Contains(s.screen(), "4242 4242 4242 4242") {
			t.Error("the history shows a full card number")
		}
		s.keys("Escape")
		s.waitFor("Did the bank confirm the block?")
		s.keys("1")
		s.waitFor("Agent done")
		s.keys("q")
		if rc := s.exitCode(); rc != "0" {
			t.Fatalf("exit status %s", rc)
		}
		out, err := os.ReadFile(filepath.Join(s.dir, "stdout"))
		if err != nil {
			t.Fatal(err)
		}
		for _, want := range []string{"# Transcript: Paying by card", "Case:** C-7", "`how` | By card", "`card` | Visa ending 4242", "`check` | OK", "`agent` | Yes"} {
			if !strings.Contains(string(out), want) {
				t.Errorf("the transcript lacks %q:\n%s", want, out)
			}
		}
		if strings.Contains(string(out), "4242424242424242") {
			t.Errorf("the transcript holds a full card number:\n%s", out)
		}
	})
}

func TestFromReadsStandardInputAndRefusesWhatItCannotUse(t *testing.T) {
	dir := t.TempDir()
	flow := filepath.Join(dir, "from-test.yaml")
	if err := os.WriteFile(flow, []byte(fromFlow), 0o600); err != nil {
		t.Fatal(err)
	}
	json := `{"schema_version": 1, "flow": "from-test", "flow_revision": "0ld", "reference": "U-ABCDEF",
  "answers": [{"node": "how", "text": "By card", "value": "card"}, {"node": "amount", "text": "lots", "value": "lots"}], "checks": []}`
	tests := []struct {
		name     string
		args     []string
		stdin    string
		code     int
		stderr   []string
		noStderr string
	}{
		{name: "a summary on standard input of another version replays what fits and says where it stopped",
			args: []string{"run", flow, "--from", "-", "--staff", "--no-save"}, stdin: json, code: exitProblems,
			stderr: []string{"another version of the flow from-test", "Replayed 1 answers", "Stopped at amount: the answer no longer fits"}},
		{name: "--from without --staff is refused with where to put it",
			args: []string{"run", "--from", "-"}, stdin: json, code: exitUsage, stderr: []string{"add --staff"}},
		{name: "a summary of a flow not in the library is refused, without reading a path from it",
			args: []string{"run", "--from", "-", "--staff", "--no-save"}, stdin: `{"schema_version": 1, "flow": "../../etc/passwd"}`, code: exitProblems,
			stderr: []string{"which is not in the library"}},
		{name: "a summary of another flow than the one named is refused",
			args: []string{"run", "payment-fails", "--from", "-", "--staff", "--no-save"}, stdin: json, code: exitUsage,
			stderr: []string{`the summary is of the flow "from-test", not "payment-fails"`}},
		{name: "hostile text that is no summary is refused without being repeated",
			args: []string{"run", "--from", "-", "--staff", "--no-save"}, stdin: "\x1b]52;c;aGk=\x07 4242 4242 4242 4242\n", code: exitProblems,
			stderr: []string{"neither a JSON summary nor a text summary"}, noStderr: "4242"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s, _, errOut := testStreams(tt.stdin)
			if code := runWithin(t, tt.args, s); code != tt.code {
				t.Errorf("exit %d, want %d; stderr:\n%s", code, tt.code, errOut)
			}
			for _, want := range tt.stderr {
				if !strings.Contains(errOut.String(), want) {
					t.Errorf("stderr lacks %q:\n%s", want, errOut)
				}
			}
			if tt.noStderr != "" && strings.Contains(errOut.String(), tt.noStderr) || strings.ContainsAny(errOut.String(), "\x1b\x07") {
				t.Errorf("stderr repeats the summary:\n%q", errOut)
			}
		})
	}
}
