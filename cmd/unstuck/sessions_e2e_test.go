package main

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/unstuck-dev/unstuck/flows/session"

	"github.com/unstuck-dev/unstuck/flows"
	"github.com/unstuck-dev/unstuck/flows/files"
)

// sessionName is the name of a run's own session: the flow, the time of its first save and a
// random part.
var sessionName = regexp.MustCompile(`^[a-z0-9-]+-\d{8}T\d{6}-[0-9a-f]{8}\.json$`)

// sessionFiles lists the saved sessions of the built-in flow id in stateHome: a run's own
// (id-TIME-RANDOM.json), or one of an older unstuck (id.json).
func sessionFiles(stateHome, id string) []string {
	names, _ := filepath.Glob(filepath.Join(stateHome, "unstuck", "*.json"))
	var out []string
	for _, n := range names {
		base := filepath.Base(n)
		if base == id+".json" || sessionName.MatchString(base) && len(base) == len(id)+len("-20060102T150405-00000000.json") && strings.HasPrefix(base, id+"-") {
			out = append(out, n)
		}
	}
	return out
}

// sessionFile is the one saved session of the built-in flow id in stateHome, or "" when there is
// none (or more than one).
func sessionFile(stateHome, id string) string {
	if files := sessionFiles(stateHome, id); len(files) == 1 {
		return files[0]
	}
	return ""
}

// lockedBuffer collects a process's output while the test reads it.
type lockedBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (l *lockedBuffer) Write(p []byte) (int, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.b.Write(p)
}

func (l *lockedBuffer) String() string {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.b.String()
}

// binRun is the built binary running line by line (stdin a pipe) with its own state folder.
type binRun struct {
	cmd    *exec.Cmd
	stdin  io.WriteCloser
	stderr *lockedBuffer
	done   chan struct{}
	code   int
}

func startBin(t *testing.T, bin, stateHome string, args ...string) *binRun {
	t.Helper()
	r := &binRun{cmd: exec.Command(bin, args...), stderr: &lockedBuffer{}, done: make(chan struct{})}
	r.cmd.Env = []string{"XDG_STATE_HOME=" + stateHome, "HOME=" + filepath.Join(stateHome, "home"), "LANG=C.UTF-8", "TERM=dumb", "PATH=" + os.Getenv("PATH")}
	r.cmd.Stdout, r.cmd.Stderr = io.Discard, r.stderr
	var err error
	if r.stdin, err = r.cmd.StdinPipe(); err != nil {
		t.Fatal(err)
	}
	if err := r.cmd.Start(); err != nil {
		t.Fatal(err)
	}
	go func() {
		err := r.cmd.Wait()
		var ee *exec.ExitError
		switch {
		case errors.As(err, &ee):
			r.code = ee.ExitCode()
		case err != nil:
			r.code = -1
		}
		close(r.done)
	}()
	t.Cleanup(func() {
		r.stdin.Close()
		r.cmd.Process.Kill()
		<-r.done
	})
	return r
}

func (r *binRun) exited() bool {
	select {
	case <-r.done:
		return true
	default:
		return false
	}
}

// finish closes stdin and waits (bounded) for the exit status.
func (r *binRun) finish(t *testing.T) int {
	t.Helper()
	r.stdin.Close()
	waitUntil(t, "the run to exit", r.exited)
	return r.code
}

// runBin runs the binary with input on stdin to its end.
func runBin(t *testing.T, bin, stateHome, input string, args ...string) (int, string) {
	t.Helper()
	r := startBin(t, bin, stateHome, args...)
	io.WriteString(r.stdin, input)
	return r.finish(t), r.stderr.String()
}

// The first answers of payment-fails: the welcome, then the store. The input ends at the internet question.
const firstAnswers = "\nExample Shoes\n"

func TestSessionsOfConcurrentRuns(t *testing.T) {
	if testing.Short() {
		t.Skip("builds the binary and runs it many times at once")
	}
	t.Parallel() // its own tmux server (socket) and folders
	bin := buildBinary(t)

	t.Run("thirty runs of one flow at once leave thirty sessions", func(t *testing.T) {
		stateHome := t.TempDir()
		var wg sync.WaitGroup
		codes := make([]int, 30)
		for i := range codes {
			r := startBin(t, bin, stateHome, "run", "payment-fails")
			wg.Add(1)
			go func() {
				defer wg.Done()
				io.WriteString(r.stdin, firstAnswers)
				r.stdin.Close()
				<-r.done
				codes[i] = r.code
			}()
		}
		wg.Wait()
		for i, c := range codes {
			if c != exitProblems {
				t.Errorf("run %d: exit status %d, want %d (the input ended)", i, c, exitProblems)
			}
		}
		files, _ := filepath.Glob(filepath.Join(stateHome, "unstuck", "*.json"))
		if len(files) != 30 {
			t.Errorf("%d sessions saved, want 30: %v", len(files), files)
		}
		for _, f := range files {
			if !sessionName.MatchString(filepath.Base(f)) {
				t.Errorf("%s is not named for its flow and its run", f)
			}
		}
	})

	t.Run("ten resumes of one session at once: exactly one continues, the others say another unstuck has it", func(t *testing.T) {
		stateHome := t.TempDir()
		if code, stderr := runBin(t, bin, stateHome, firstAnswers, "run", "payment-fails"); code != exitProblems {
			t.Fatalf("the first run: exit status %d:\n%s", code, stderr)
		}
		session := sessionFile(stateHome, "payment-fails")
		if session == "" {
			t.Fatalf("the first run saved no session")
		}
		// Each resume waits for an answer on a pipe kept open, so the one that continues holds the
		// session while every other tries.
		var runs []*binRun
		for range 10 {
			runs = append(runs, startBin(t, bin, stateHome, "resume", "payment-fails"))
		}
		waitUntil(t, "nine of the ten resumes to give up", func() bool {
			n := 0
			for _, r := range runs {
				if r.exited() {
					n++
				}
			}
			return n >= 9
		})
		var winner *binRun
		for _, r := range runs {
			if !r.exited() {
				winner = r
			}
		}
		if winner == nil {
			for i, r := range runs {
				t.Logf("resume %d: exit status %d:\n%s", i, r.code, r.stderr.String())
			}
			t.Fatalf("every resume gave up; one must continue")
		}
		waitUntil(t, "the resume that has the session to continue it", func() bool { return strings.Contains(winner.stderr.String(), "Continuing") })
		want := fmt.Sprintf("this session is open in another unstuck (pid %d)", winner.cmd.Process.Pid)
		for i, r := range runs {
			if r == winner {
				continue
			}
			if r.code != exitProblems || !strings.Contains(r.stderr.String(), want) || strings.Contains(r.stderr.String(), "Continuing") {
				t.Errorf("resume %d: exit status %d, want %d with %q; stderr:\n%s", i, r.code, exitProblems, want, r.stderr.String())
			}
		}
		io.WriteString(winner.stdin, "1\n") // internet: yes
		if code := winner.finish(t); code != exitProblems {
			t.Errorf("the resume that continued: exit status %d, want %d (the input ended)", code, exitProblems)
		}
		// It wrote on the session it resumed: still one, with the new answer.
		files := sessionFiles(stateHome, "payment-fails")
		if len(files) != 1 || files[0] != session {
			t.Fatalf("sessions after the resume: %v, want only %s", files, session)
		}
		if data, _ := os.ReadFile(session); !strings.Contains(string(data), `"node": "card-ask"`) {
			t.Errorf("the resumed run did not write its answer to the session it resumed:\n%s", data)
		}
	})

	t.Run("a run killed with SIGKILL leaves its session free to resume", func(t *testing.T) {
		stateHome := t.TempDir()
		first := startBin(t, bin, stateHome, "run", "payment-fails")
		io.WriteString(first.stdin, firstAnswers)
		waitUntil(t, "the first run to save the store", func() bool {
			data, err := os.ReadFile(sessionFile(stateHome, "payment-fails"))
			return err == nil && strings.Contains(string(data), "Example Shoes")
		})
		session := sessionFile(stateHome, "payment-fails")

		code, stderr := runBin(t, bin, stateHome, "", "resume")
		if want := fmt.Sprintf("open in another unstuck (pid %d)", first.cmd.Process.Pid); code != exitProblems || !strings.Contains(stderr, want) {
			t.Errorf("resume while the run is alive: exit status %d, want %d with %q; stderr:\n%s", code, exitProblems, want, stderr)
		}

		first.cmd.Process.Kill() // SIGKILL
		waitUntil(t, "the killed run to end", first.exited)
		code, stderr = runBin(t, bin, stateHome, "", "resume")
		if code != exitProblems || !strings.Contains(stderr, "Continuing") || strings.Contains(stderr, "another unstuck") {
			t.Errorf("resume after the kill: exit status %d, want %d (input ended) after continuing; stderr:\n%s", code, exitProblems, stderr)
		}
		if files := sessionFiles(stateHome, "payment-fails"); len(files) != 1 || files[0] != session {
			t.Errorf("sessions after the resume: %v, want only %s", files, session)
		}
	})
}

func TestStateFolderIsPrivate(t *testing.T) {
	t.Run("a state folder of ours that others can open is made 0700, and that is said once", func(t *testing.T) {
		stateHome := t.TempDir()
		dir := filepath.Join(stateHome, "unstuck")
		if err := os.Mkdir(dir, 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.Chmod(dir, 0o755); err != nil { // whatever the umask
			t.Fatal(err)
		}
		env := func(k string) string {
			if k == "XDG_STATE_HOME" {
				return stateHome
			}
			return ""
		}
		for i, wantNotice := range []bool{true, false} {
			s, _, errOut := testStreams(firstAnswers)
			s.Env = env
			if code := run([]string{"run", "payment-fails"}, s); code != exitProblems {
				t.Fatalf("run %d: exit status %d; stderr:\n%s", i+1, code, errOut)
			}
			if got := strings.Contains(errOut.String(), "it is now yours alone (0700)"); got != wantNotice {
				t.Errorf("run %d: notice said %v, want %v; stderr:\n%s", i+1, got, wantNotice, errOut)
			}
			info, err := os.Stat(dir)
			if err != nil || info.Mode().Perm() != 0o700 {
				t.Fatalf("run %d: the state folder is %v (%v), want 0700", i+1, info.Mode().Perm(), err)
			}
		}
		if len(sessionFiles(stateHome, "payment-fails")) != 2 {
			t.Errorf("the two runs did not both save: %v", sessionFiles(stateHome, "payment-fails"))
		}
	})
}

func TestResumePicksASessionNoOtherRunHas(t *testing.T) {
	stateHome := t.TempDir()
	env := func(k string) string {
		if k == "XDG_STATE_HOME" {
			return stateHome
		}
		return ""
	}
	resume := func(args ...string) (int, string) {
		s, _, errOut := testStreams("")
		s.Env = env
		return run(append([]string{"resume"}, args...), s), errOut.String()
	}
	// An older run, interrupted; then a newer one still going (in this process, on its own lock).
	s, _, errOut := testStreams("\nOld Shop\n")
	s.Env = env
	if code := run([]string{"run", "payment-fails"}, s); code != exitProblems {
		t.Fatalf("the older run: exit status %d:\n%s", code, errOut)
	}
	f, diags := files.Find("payment-fails")
	if diags.HasErrors() {
		t.Fatal(diags.Error())
	}
	later := time.Now().Add(time.Minute)
	newer := session.NewStore(filepath.Join(stateHome, "unstuck"))
	st, _ := flows.Start(f, later).Answer("", later)
	if err := newer.Save(st, later); err != nil {
		t.Fatal(err)
	}
	defer newer.Close()

	t.Run("the newest session that no other run has is continued, and the one passed over is named", func(t *testing.T) {
		code, stderr := resume("payment-fails")
		want := fmt.Sprintf("A newer run is open in another unstuck (pid %d), so an older one is continued.", os.Getpid())
		if code != exitProblems || !strings.Contains(stderr, want) || !strings.Contains(stderr, "Continuing") {
			t.Errorf("exit status %d, want %d (input ended) with %q; stderr:\n%s", code, exitProblems, want, stderr)
		}
	})
	t.Run("when every session is open in another run, resume says so and stops", func(t *testing.T) {
		older := sessionFiles(stateHome, "payment-fails")
		if len(older) != 2 {
			t.Fatalf("sessions %v, want 2", older)
		}
		// The older one is held too now: a second process would have it.
		saved, _ := (session.Store{Dir: filepath.Join(stateHome, "unstuck")}).List()
		for i := range saved {
			if saved[i].Holder == 0 {
				if err := saved[i].Claim(); err != nil {
					t.Fatal(err)
				}
				defer saved[i].Release()
			}
		}
		code, stderr := resume()
		want := fmt.Sprintf("this session is open in another unstuck (pid %d)", os.Getpid())
		if code != exitProblems || !strings.Contains(stderr, want) || strings.Contains(stderr, "Continuing") {
			t.Errorf("exit status %d, want %d with %q; stderr:\n%s", code, exitProblems, want, stderr)
		}
	})
}
