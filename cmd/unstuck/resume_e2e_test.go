package main

import (
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/unstuck-dev/unstuck/flows"
)

// startTmuxSharing is startTmux for runs that must share one state folder (a run and its resume):
// the caller names the folder and writes the script the pane runs, given the session's own folder.
func startTmuxSharing(t *testing.T, stateHome string, script func(dir string) string) *tmuxSession {
	t.Helper()
	requireTmux(t)
	dir := t.TempDir()
	s := &tmuxSession{t: t, socket: tmuxSocket("resume"), dir: dir}
	path := filepath.Join(dir, "run.sh")
	if err := os.WriteFile(path, []byte(script(dir)), 0o755); err != nil {
		t.Fatal(err)
	}
	s.tmux("-f", "/dev/null", "new-session", "-d", "-s", "e2e", "-x", "80", "-y", "24", "env", "TERM=xterm-256color", "LANG=C.UTF-8",
		"XDG_STATE_HOME="+stateHome, path)
	t.Cleanup(func() { exec.Command("tmux", "-L", s.socket, "kill-server").Run() })
	return s
}

// waitUntil polls cond until it holds; bounded, so a hang fails instead of blocking.
func waitUntil(t *testing.T, what string, cond func() bool) {
	t.Helper()
	deadline := time.Now().Add(15 * time.Second)
	for time.Now().Before(deadline) {
		if cond() {
			return
		}
		time.Sleep(50 * time.Millisecond)
	}
	t.Fatalf("timed out waiting for %s", what)
}

// readSession reads the saved session of payment-fails, if there is one.
func readSession(stateHome string) (flows.Snapshot, error) {
	data, err := os.ReadFile(sessionFile(stateHome, "payment-fails"))
	if err != nil {
		return flows.Snapshot{}, err
	}
	return flows.UnmarshalSnapshot(data)
}

// normaliseReference blanks the summary's Reference line (a case id and the time the walk started),
// the one line two walks with the same answers may differ in.
func normaliseReference(summary string) string {
	ls := strings.Split(summary, "\n")
	for i, l := range ls {
		// The first line names the case: "Support summary from unstuck: U-XXXXXX, <start>".
		if strings.HasPrefix(l, "Support summary from unstuck: ") {
			ls[i] = "Support summary from unstuck: (normalised)"
		}
	}
	return strings.Join(ls, "\n")
}

// resumeCard is a Luhn-valid Visa number that is not a published test card; the end screen and the
// summary must show it only as "Visa ending 1907".
var resumeCard = luhnComplete("491761835274190")

func TestResumeAfterKillInTmux(t *testing.T) {
	if testing.Short() {
		t.Skip("builds the binary and drives it in tmux")
	}
	t.Parallel() // its own tmux server (socket) and folders
	bin := buildBinary(t)
	stateHome := filepath.Join(t.TempDir(), "state")

	t.Run("a run killed with SIGKILL mid-flow, resumed in a new terminal, reaches the same summary as an uninterrupted run", func(t *testing.T) {
		// The first run: a few answers by keys, then kill -9 while the card question is on screen.
		first := startTmuxSharing(t, stateHome, func(dir string) string {
			return fmt.Sprintf(`#!/bin/sh
cd %[1]q
sh -c 'echo $$ > pid; exec "$0" run payment-fails' %[2]q > stdout 2>/dev/tty
echo $? > rc
stty -a > stty-after-kill 2>&1
# What a person types after a killed program left the terminal raw and on the alternate screen (reset).
stty sane
printf '\033[?1049l\033[?25h\033[?2004l\033[?1000l\033[?1002l\033[?1003l\033[?1006l\033[>4;0m\n'
printf 'after the kill, type here: '
read line
echo "the pane took: $line"
sleep 60
`, dir, bin)
		})
		first.waitFor("Let's find out what's wrong")
		first.keys("Enter")
		first.waitFor("Which store or website")
		first.literal("Example Shoes")
		first.keys("Enter")
		// The connection check is skipped: "Example Shoes" is not an address, so the shopper is asked.
		first.waitFor("Is your internet working?")
		first.keys("1")
		first.waitFor("check it for typos?")

		// Progress is saved after every answer: the session must stand at the card question.
		var snap flows.Snapshot
		waitUntil(t, "the session file to reach the card question", func() bool {
			var err error
			snap, err = readSession(stateHome)
			return err == nil && snap.Steps[len(snap.Steps)-1].Node == "card-ask"
		})
		var pid int
		waitUntil(t, "the program's pid", func() bool {
			b, err := os.ReadFile(filepath.Join(first.dir, "pid"))
			if err != nil {
				return false
			}
			pid, err = strconv.Atoi(strings.TrimSpace(string(b)))
			return err == nil && pid > 0
		})
		if err := syscall.Kill(pid, syscall.SIGKILL); err != nil {
			t.Fatalf("kill -9 %d: %v", pid, err)
		}
		if rc := first.exitCode(); rc != "137" {
			t.Fatalf("the killed run's exit status is %s, want 137 (SIGKILL)", rc)
		}
		if out, _ := os.ReadFile(filepath.Join(first.dir, "stdout")); len(out) != 0 {
			t.Errorf("the killed run printed on stdout:\n%s", out)
		}
		// SIGKILL allows no clean-up: the terminal stays raw until reset. Said for the log, not asserted.
		if stty, err := os.ReadFile(filepath.Join(first.dir, "stty-after-kill")); err == nil {
			var left []string
			for _, flag := range strings.Fields(string(stty)) {
				if flag == "-echo" || flag == "-icanon" || flag == "-icrnl" || flag == "-isig" {
					left = append(left, flag)
				}
			}
			t.Logf("the killed run left the terminal with %v; the pane is reset with stty sane before typing", left)
		}

		// The pane is alive and takes typing once reset, and the session survived the kill.
		first.waitFor("after the kill, type here:")
		first.literal("still usable")
		first.keys("Enter")
		first.waitFor("the pane took: still usable")
		if snap, err := readSession(stateHome); err != nil || snap.Steps[len(snap.Steps)-1].Node != "card-ask" {
			t.Fatalf("after the kill the session is gone or moved (err %v)", err)
		}

		// The resume, in a new terminal: it continues at the question after the last answer.
		second := startTmuxSharing(t, stateHome, func(dir string) string {
			return fmt.Sprintf("#!/bin/sh\ncd %q\n%q resume > stdout 2>/dev/tty\necho $? > rc\nsleep 60\n", dir, bin)
		})
		second.waitFor("check it for typos?")
		if screen := second.screen(); strings.Contains(screen, "Which store or website") || strings.Contains(screen, "Let's find out what's wrong") {
			t.Fatalf("the resumed run started over:\n%s", screen)
		}
		second.keys("1")
		second.waitFor("Type the number of the card")
		second.literal(resumeCard)
		second.keys("Enter")
		second.waitFor("expiry date")
		resumeAssertPrivate(t, "the expiry screen", second.screen())
		second.literal("11/29")
		second.keys("Enter")
		second.waitFor("The card number looks right: Visa ending 1907.")
		resumeAssertPrivate(t, "the screen after the card check", second.screen())
		if data, err := os.ReadFile(sessionFile(stateHome, "payment-fails")); err != nil {
			t.Errorf("no session saved after the card check: %v", err)
		} else {
			resumeAssertPrivate(t, "the session saved after the card check", string(data))
		}
		second.keys("3") // everything matches
		second.waitFor("spending limit")
		second.keys("1")
		second.waitFor("How much was the purchase?")
		second.literal("120.50")
		second.keys("Enter")
		second.waitFor("right now?")
		second.literal("500")
		second.keys("Enter")
		second.waitFor("single purchase")
		second.literal("200")
		second.keys("Enter")
		second.waitFor("Is there an overdue payment")
		second.keys("2")
		second.waitFor("payment options?")
		second.keys("1")
		second.waitFor("How did it go?")
		second.keys("2")
		second.waitFor("stopped for your safety?")
		second.keys("2")
		second.waitFor("Did you see an error message?")
		second.keys("Enter") // none
		second.waitFor("order or reference number")
		second.keys("Enter")           // none
		second.waitFor("How to reach") // the shared support part, before the end
		second.keys("Enter")
		second.waitFor("Time to contact support")
		second.waitFor("Summary for support")
		resumeAssertPrivate(t, "the end screen", second.screen())
		second.keys("q")
		if rc := second.exitCode(); rc != "0" {
			t.Fatalf("the resumed run's exit status is %s, want 0", rc)
		}
		out, err := os.ReadFile(filepath.Join(second.dir, "stdout"))
		if err != nil {
			t.Fatal(err)
		}
		resumed := string(out)
		if _, err := readSession(stateHome); !os.IsNotExist(err) {
			t.Errorf("the finished run left its session behind (err %v)", err)
		}

		// The same answers, uninterrupted and headless.
		answers := filepath.Join(t.TempDir(), "answers.yaml")
		writeAnswers(t, answers, map[string]any{"answers": map[string]string{
			"store": "Example Shoes", "amount": "120.50", "error-seen": "", "order-number": "", "internet": "yes",
			"card-ask": "yes", "card.number": group(resumeCard, " "), "card.expiry": "11/29", "details": "all-match", "limits": "yes",
			"limit-available": "500", "limit-cap": "200", "account": "clear", "store-accepts": "yes", "glitch": "still-failing", "fraud": "no",
		}})
		s, stdout, stderr := testStreams("")
		s.Env = func(k string) string {
			if k == "XDG_STATE_HOME" {
				return t.TempDir()
			}
			return ""
		}
		if code := run([]string{"run", "payment-fails", "--answers", answers}, s); code != exitOK {
			t.Fatalf("the headless run's exit status is %d; stderr:\n%s", code, stderr)
		}
		if got, want := normaliseReference(resumed), normaliseReference(stdout.String()); got != want {
			t.Errorf("the resumed summary differs from the uninterrupted one:\n--- resumed\n%s\n--- uninterrupted\n%s", got, want)
		}
		// The reference keeps the time the walk first started, not the time it was resumed.
		wantRef := snap.Started.Format("2006-01-02 15:04 MST (-07:00)")
		if !strings.Contains(resumed, ", "+wantRef+"\n") {
			t.Errorf("the resumed summary's reference does not carry the first start (%s):\n%s", wantRef, resumed)
		}
		for _, want := range []string{"Store: Example Shoes", "Amount: 120.50", "Card: Visa ending 1907", "Result: Card, limits and account look fine"} {
			if !strings.Contains(resumed, want) {
				t.Errorf("the resumed summary lacks %q:\n%s", want, resumed)
			}
		}
		resumeAssertPrivate(t, "the resumed summary", resumed)
	})
}

// resumeAssertPrivate fails when text holds the card number (or 6+ digits of its start) or the expiry.
func resumeAssertPrivate(t *testing.T, where, text string) {
	t.Helper()
	for _, l := range append(cardLeaks(text, privacyCard{brand: "Visa", digits: resumeCard}), secretLeaks(text)...) {
		t.Errorf("%s found in %s", l, where)
	}
}
