package main

import (
	"context"
	"errors"
	"io"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"
)

// A tool that ships like one: typo suggestions, completions that know the data, - for standard
// input, and run's options before the command.

// runIn runs the program in-process with input on standard input and XDG_STATE_HOME set to
// stateHome (none when empty), and returns the exit status, stdout and stderr.
func runIn(t *testing.T, stateHome, input string, args ...string) (int, string, string) {
	t.Helper()
	s, out, errOut := testStreams(input)
	s.Env = func(k string) string {
		if k == "XDG_STATE_HOME" {
			return stateHome
		}
		return ""
	}
	code := runWithin(t, args, s)
	return code, out.String(), errOut.String()
}

func TestATypoOfACommandIsAnsweredWithItsName(t *testing.T) {
	tests := []struct {
		name string
		args []string
		want []string
		not  []string
	}{
		{"a command one letter off is suggested", []string{"rn"}, []string{`nknown command "rn" for unstuck (did you mean run?)`}, []string{"Unstuck"}},
		{"two close commands are both suggested", []string{"lsit"}, []string{"did you mean init or lint or list?"}, nil},
		{"an argument like no command is refused without being repeated", []string{"4242424242424242"}, []string{"oo many arguments: unstuck takes none"}, []string{"4242", "Unstuck"}},
		{"a command that takes no arguments says its real name", []string{"list", "x"}, []string{"unstuck list takes none"}, []string{"Unstuck"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			code, _, stderr := runIn(t, "", "", tt.args...)
			if code != exitUsage {
				t.Errorf("exit %d, want %d", code, exitUsage)
			}
			for _, w := range tt.want {
				if !strings.Contains(stderr, w) {
					t.Errorf("stderr lacks %q:\n%s", w, stderr)
				}
			}
			for _, n := range tt.not {
				if strings.Contains(stderr, n) {
					t.Errorf("stderr has %q:\n%s", n, stderr)
				}
			}
		})
	}
}

func TestCompletionsKnowTheData(t *testing.T) {
	state := t.TempDir()
	// A run left unfinished leaves a session for resume to offer.
	runIn(t, state, "\nExample Shoes\n", "run", "late-fee")
	tests := []struct {
		name string
		args []string
		want []string // lines of the completion output
		not  []string
	}{
		{"run completes the flow ids, with their titles", []string{"run", ""}, []string{"payment-fails\tMy payment doesn't go through", "card-declined\tMy card was declined at checkout", ":0"}, nil},
		{"a flow id is completed from its start", []string{"graph", "card"}, []string{"card-declined\tMy card was declined at checkout"}, []string{"payment-fails\tMy payment doesn't go through"}},
		{"test completes flow ids too", []string{"test", "late"}, []string{"late-fee\tWhy was I charged a late fee?"}, nil},
		{"resume completes the flows of saved runs", []string{"resume", ""}, []string{"late-fee", ":4"}, []string{"payment-fails"}},
		{"--format of run completes the summary's formats", []string{"run", "late-fee", "--format", ""}, []string{"text", "markdown", "json", ":4"}, nil},
		{"--format of graph completes its own", []string{"graph", "late-fee", "--format", ""}, []string{"mermaid", "dot"}, []string{"json"}},
		{"--lang completes the languages", []string{"--lang", "s"}, []string{"sv", ":4"}, []string{"de"}},
		{"--summary-lang completes the languages", []string{"run", "late-fee", "--summary-lang", ""}, []string{"en", "sv", "de", "es", "pl"}, nil},
		{"--out is a file name", []string{"run", "late-fee", "--out", ""}, []string{":0"}, []string{"text"}},
		{"--save-dir is a folder", []string{"run", "late-fee", "--save-dir", ""}, []string{":16"}, nil},
		{"list takes no file", []string{"list", ""}, []string{":4"}, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, stdout, stderr := runIn(t, state, "", append([]string{"__complete"}, tt.args...)...)
			lines := strings.Split(stdout, "\n")
			has := func(l string) bool {
				for _, x := range lines {
					if x == l {
						return true
					}
				}
				return false
			}
			for _, w := range tt.want {
				if !has(w) {
					t.Errorf("the completions lack %q:\n%s%s", w, stdout, stderr)
				}
			}
			for _, n := range tt.not {
				if has(n) {
					t.Errorf("the completions have %q:\n%s", n, stdout)
				}
			}
		})
	}
}

func TestADashIsStandardInput(t *testing.T) {
	flow, err := os.ReadFile(filepath.Join("..", "..", "flows", "library", "late-fee.yaml"))
	if err != nil {
		t.Fatal(err)
	}
	flowTest, err := os.ReadFile(filepath.Join("..", "..", "flows", "library", "late-fee.test.yaml"))
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name  string
		args  []string
		stdin string
		code  int
		out   string
	}{
		{"lint reads a flow from standard input", []string{"lint", "-"}, string(flow), exitOK, "No problems in 1 file."},
		{"lint names standard input in what it finds", []string{"lint", "-"}, "flow: x\nstart: a\nnodes:\n  a: {kind: end, titel: y}\n", exitProblems, `<stdin>:4:18: error unknown-key: node "a" has no key "titel"`},
		{"graph draws a flow from standard input", []string{"graph", "-"}, string(flow), exitOK, "%% Map of the flow late-fee"},
		{"test runs a flow test from standard input", []string{"test", "-"}, string(flowTest), exitOK, "<stdin> (late-fee)"},
		{"run --answers reads the answers from standard input", []string{"run", "card-declined", "--answers", "-", "--no-save"},
			"now: 2026-06-15\nanswers: {store: Shop, amount: \"40\", error-seen: \"\", card.number: \"5555 5555 5555 4444\", card.expiry: \"01/20\"}\n", exitOK, "Card: Mastercard ending 4444"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			code, stdout, stderr := runIn(t, "", tt.stdin, tt.args...)
			if code != tt.code {
				t.Errorf("exit %d, want %d\nstdout:\n%s\nstderr:\n%s", code, tt.code, stdout, stderr)
			}
			if !strings.Contains(stdout+stderr, tt.out) {
				t.Errorf("the output lacks %q:\nstdout:\n%s\nstderr:\n%s", tt.out, stdout, stderr)
			}
		})
	}
}

func TestRunOptionsBeforeTheCommand(t *testing.T) {
	saved := func(state string) int {
		names, _ := filepath.Glob(filepath.Join(state, "unstuck", "*.json"))
		return len(names)
	}
	t.Run("a run without --no-save leaves a session (so the next one tells)", func(t *testing.T) {
		state := t.TempDir()
		runIn(t, state, "\nExample Shoes\n", "run", "late-fee")
		if saved(state) == 0 {
			t.Fatal("nothing was saved")
		}
	})
	t.Run("--no-save before run works as after it", func(t *testing.T) {
		state := t.TempDir()
		_, _, stderr := runIn(t, state, "\nExample Shoes\n", "--no-save", "run", "late-fee")
		if strings.Contains(stderr, "nknown flag") || saved(state) != 0 {
			t.Errorf("%d sessions saved; stderr:\n%s", saved(state), stderr)
		}
	})
	t.Run("--format before run takes its value", func(t *testing.T) {
		_, stdout, stderr := runIn(t, "", "now: 2026-06-15\nanswers: {store: Shop, amount: \"40\", error-seen: \"\", card.number: \"5555 5555 5555 4444\", card.expiry: \"01/20\"}\n",
			"--format", "json", "run", "card-declined", "--answers", "-", "--no-save")
		if !strings.Contains(stdout, `"flow": "card-declined"`) {
			t.Errorf("no JSON summary:\n%s%s", stdout, stderr)
		}
	})
	t.Run("--no-save with the menu is taken", func(t *testing.T) {
		_, _, stderr := runIn(t, t.TempDir(), "", "--no-save")
		if strings.Contains(stderr, "nknown flag") || !strings.Contains(stderr, "without a terminal, name a flow") {
			t.Errorf("stderr:\n%s", stderr)
		}
	})
	t.Run("a run option given to another command says where it belongs", func(t *testing.T) {
		code, _, stderr := runIn(t, "", "", "--staff", "list")
		if code != exitUsage || !strings.Contains(stderr, "he option --staff is for unstuck run, unstuck resume and the menu (unstuck alone), not for unstuck list") {
			t.Errorf("exit %d; stderr:\n%s", code, stderr)
		}
	})
}

func TestWaitingOnStandardInputAnswersCtrlC(t *testing.T) {
	r, w := io.Pipe() // a terminal nobody closes with ctrl+d
	defer w.Close()
	s, _, _ := testStreams("")
	s.In = r
	ctx, cancel := context.WithCancelCause(context.Background())
	done := make(chan error, 1)
	go func() {
		_, err := readInput(ctx, s, stdinName, 1<<20, 0)
		done <- err
	}()
	cancel(signalled{syscall.SIGINT})
	select {
	case err := <-done:
		if sg := (signalled{}); !errors.As(err, &sg) {
			t.Errorf("the wait ended with %v, want the signal", err)
		}
	case <-time.After(10 * time.Second):
		t.Fatal("a wait on standard input did not end at ctrl+c")
	}
}
