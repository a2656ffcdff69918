// Command startup measures unstuck's start-up beside its floors and a peer, the way BENCHMARKS.md
// reports it (issue 15). Run it from the repository root:
//
//	go run ./bench/startup              # every group, 21 rounds
//	go run ./bench/startup -n 41 -only menu,answers
//	go run ./bench/startup -before /tmp/unstuck-old   # an earlier build beside this one, in every group
//
// Honest by construction:
//   - interleaved: each round runs every program of a group once, in an order that rotates from
//     round to round, so a slow spell of the machine falls on all of them alike;
//   - medians, and the median of the ratios of each round's pair (unstuck / floor), which survive a
//     loaded machine much better than a ratio of means;
//   - in a terminal (tmux, 80x24) the pane is polled with a pause between polls (-poll), so that the
//     poller does not compete with the program it times on a small machine;
//   - each figure against its own floor: the full-screen first frame against cmd/teafloor (the
//     smallest Bubble Tea program, same stack, same setup), a huh Select with the same ten titles
//     (bench/huhpeer) and printf of the same words; the runs without a terminal against a Go
//     program that only parses the same flow (its file and the parts files beside it) and answers and
//     prints a summary (bench/parsefloor; also with -flow-only, the flow's file alone, as at first);
//     `unstuck list` against a Go hello world, in CPU time (user + system).
//
// It prints Markdown tables. It asserts nothing.
package main

import (
	"bytes"
	"context"
	"errors"
	"flag"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"syscall"
	"time"
)

var (
	rounds        = flag.Int("n", 21, "rounds (each runs every program of a group once)")
	only          = flag.String("only", "menu,run,answers,lines,list", "groups to run, comma-separated")
	poll          = flag.Duration("poll", 2*time.Millisecond, "pause between two polls of the tmux pane")
	before        = flag.String("before", "", "another unstuck binary (an earlier build) to measure beside this one, in every group")
	beforeAnswers = flag.String("before-answers", "", "the answers file for -before in the answers group, when its flow asks other steps (bench/startup/answers-8cd252e.yaml)")
)

// The text that ends each first frame: unstuck's footer (its last line; at 80x24 the menu shows six
// of its ten flows, with their descriptions), huh's help line, the last of printf's lines, and the
// end of the first step's text in the line mode.
const (
	unstuckDone = "? all keys · q quit"
	huhDone     = "enter submit"
	menuDone    = "Why was I charged a late fee?"
	firstStep   = "Nothing you type here is sent anywhere."
)

func main() {
	flag.Parse()
	dir, err := os.MkdirTemp("", "unstuck-startup-")
	check(err)
	defer os.RemoveAll(dir)
	bin := build(dir)
	withBefore := func(progs []prog, once func(unstuck string) time.Duration) []prog {
		if *before == "" {
			return progs
		}
		return append(progs[:1:1], append([]prog{{"before", func() time.Duration { return once(*before) }}}, progs[1:]...)...)
	}
	answers := filepath.Join(dir, "answers.yaml")
	check(os.WriteFile(answers, []byte(answersYAML), 0o644))
	flow := "flows/library/payment-fails.yaml"
	env := []string{"TERM=xterm-256color", "LANG=C.UTF-8", "XDG_STATE_HOME=" + filepath.Join(dir, "state")}

	fmt.Fprintf(os.Stdout, "%d rounds, interleaved; pane polled every %v. %s\n\n", *rounds, *poll, time.Now().UTC().Format("2006-01-02 15:04 UTC"))
	groups := strings.Split(*only, ",")
	if slices.Contains(groups, "menu") || slices.Contains(groups, "run") {
		t := newTmux(dir, env)
		defer t.close()
		printf := fmt.Sprintf("sh -c 'printf \"%%s\\n\" \"What do you need help with?\" %s; exec sleep 60'", shellWords(menuTitles))
		if slices.Contains(groups, "menu") {
			report("exec to the first full frame of the start menu (tmux 80x24)", "unstuck", measure(withBefore([]prog{
				{"unstuck", func() time.Duration { return t.firstFrame(bin["unstuck"], unstuckDone) }},
				{"huh-peer", func() time.Duration { return t.firstFrame(bin["huhpeer"], huhDone) }},
				{"teafloor", func() time.Duration { return t.firstFrame(bin["teafloor"], "floor: ready") }},
				{"printf", func() time.Duration { return t.firstFrame(printf, menuDone) }},
			}, func(u string) time.Duration { return t.firstFrame(u, unstuckDone) })))
		}
		if slices.Contains(groups, "run") {
			report("`run payment-fails`: exec to its first step drawn in full (tmux 80x24)", "unstuck", measure(withBefore([]prog{
				{"unstuck", func() time.Duration { return t.firstFrame(bin["unstuck"]+" run payment-fails --no-save", unstuckDone) }},
				{"huh-peer", func() time.Duration { return t.firstFrame(bin["huhpeer"], huhDone) }},
				{"teafloor", func() time.Duration { return t.firstFrame(bin["teafloor"], "floor: ready") }},
			}, func(u string) time.Duration { return t.firstFrame(u+" run payment-fails --no-save", unstuckDone) })))
		}
	}
	if slices.Contains(groups, "answers") {
		// The run must reach the summary's last line: a run refused (an answers file that no longer
		// fits the flow, exit 1) would be timed as if it were one; so would a "before" build whose
		// flow asks other steps than these answers give (it fails here, loudly, instead).
		report("`run payment-fails --answers FILE`, no terminal: exec to the summary printed", "unstuck", measure(withBefore([]prog{
			{"unstuck", func() time.Duration {
				return run(env, summaryDone, bin["unstuck"], "run", "payment-fails", "--answers", answers, "--no-save").wall
			}},
			{"parsefloor", func() time.Duration { return run(env, "", bin["parsefloor"], flow, answers).wall }},
			{"parsefloor -flow-only", func() time.Duration { return run(env, "", bin["parsefloor"], "-flow-only", flow, answers).wall }},
		}, func(u string) time.Duration {
			given := answers
			if *beforeAnswers != "" {
				given = *beforeAnswers
			}
			return run(env, summaryDone, u, "run", "payment-fails", "--answers", given, "--no-save").wall
		})))
	}
	if slices.Contains(groups, "lines") {
		report("`run payment-fails` line by line (stdin a pipe): exec to its first step printed", "unstuck", measure(withBefore([]prog{
			{"unstuck", func() time.Duration {
				return run(env, firstStep, bin["unstuck"], "run", "payment-fails", "--no-save").wall
			}},
			{"parsefloor", func() time.Duration { return run(env, "", bin["parsefloor"], flow, answers).wall }},
			{"parsefloor -flow-only", func() time.Duration { return run(env, "", bin["parsefloor"], "-flow-only", flow, answers).wall }},
		}, func(u string) time.Duration { return run(env, firstStep, u, "run", "payment-fails", "--no-save").wall })))
	}
	if slices.Contains(groups, "list") {
		report("`unstuck list`: CPU time (user + system) of the whole process", "unstuck", measure(withBefore([]prog{
			{"unstuck", func() time.Duration { return run(env, "", bin["unstuck"], "list").cpu }},
			{"hello", func() time.Duration { return run(env, "", bin["hello"]).cpu }},
		}, func(u string) time.Duration { return run(env, "", u, "list").cpu })))
		report("`unstuck list`: exec to exit", "unstuck", measure(withBefore([]prog{
			{"unstuck", func() time.Duration { return run(env, "", bin["unstuck"], "list").wall }},
			{"hello", func() time.Duration { return run(env, "", bin["hello"]).wall }},
		}, func(u string) time.Duration { return run(env, "", u, "list").wall })))
	}
}

// answersYAML walks payment-fails to its support end through the card part and the limit check.
const answersYAML = `now: 2026-06-15
answers: { store: Example Shoes, internet: "yes", card-ask: "yes", card.number: "4242 4242 4242 4242", card.expiry: "12/30", details: all-match, limits: "yes", amount: "120.50", limit-available: "500", limit-cap: "", account: clear, store-accepts: "yes", glitch: still-failing, fraud: "no", error-seen: Payment declined, order-number: A-1 }
checks: { connection-check: ok }
`

// summaryDone is the last line of the summary the answers run prints.
const summaryDone = "Question for support:"

var menuTitles = []string{
	"My payment doesn't go through", "How much can I spend?",
	"I can't log in, or I'm worried about my account's security",
	"I get an error when I try to pay an instalment", "I have a problem with the store that isn't solved",
	"I was charged twice, or see two orders", "My card was declined at checkout",
	"My first instalment was higher than expected", "My return isn't registered, or my refund hasn't arrived",
	"Why was I charged a late fee?",
}

func shellWords(words []string) string {
	var b strings.Builder
	for _, w := range words {
		b.WriteString(` "` + strings.ReplaceAll(w, `'`, `'\''`) + `"`)
	}
	return b.String()
}

// build compiles unstuck and the floors into dir, as they are built for use (no race detector).
func build(dir string) map[string]string {
	bin := map[string]string{}
	for name, pkg := range map[string]string{"unstuck": "./cmd/unstuck", "teafloor": "./cmd/teafloor", "parsefloor": "./bench/parsefloor", "hello": "./bench/hello"} {
		bin[name] = filepath.Join(dir, name)
		out, err := exec.Command("go", "build", "-o", bin[name], pkg).CombinedOutput()
		if err != nil {
			fail("go build %s: %v\n%s", pkg, err, out)
		}
	}
	bin["huhpeer"] = filepath.Join(dir, "huhpeer")
	cmd := exec.Command("go", "build", "-o", bin["huhpeer"], ".")
	cmd.Dir = "bench/huhpeer" // its own module
	if out, err := cmd.CombinedOutput(); err != nil {
		fail("go build bench/huhpeer: %v\n%s", err, out)
	}
	return bin
}

type prog struct {
	name string
	once func() time.Duration
}

type samples struct {
	names []string
	by    map[string][]time.Duration
}

// measure runs each program once a round, in an order rotated each round, after one warm-up round.
func measure(progs []prog) samples {
	s := samples{by: map[string][]time.Duration{}}
	for _, p := range progs {
		s.names = append(s.names, p.name)
		p.once() // warm-up: page cache, tmux, the dynamic loader
	}
	for r := 0; r < *rounds; r++ {
		for i := range progs {
			p := progs[(r+i)%len(progs)]
			s.by[p.name] = append(s.by[p.name], p.once())
		}
	}
	return s
}

// report prints one table: each program's median, and the median of the per-round ratios of
// subject to it.
func report(title, subject string, s samples) {
	fmt.Fprintf(os.Stdout, "### %s\n\n| program | median | p25–p75 | %s / program, median of pairs |\n| --- | --- | --- | --- |\n", title, subject)
	for _, name := range s.names {
		d := s.by[name]
		ratio := "—"
		if name != subject {
			rs := make([]float64, len(d))
			for i := range d {
				rs[i] = float64(s.by[subject][i]) / float64(d[i])
			}
			ratio = fmt.Sprintf("%.2fx", median(rs))
		}
		sorted := slices.Clone(d)
		slices.Sort(sorted)
		fmt.Fprintf(os.Stdout, "| %s | %s | %s–%s | %s |\n", name, ms(median(sorted)), ms(sorted[len(sorted)/4]), ms(sorted[len(sorted)*3/4]), ratio)
	}
	fmt.Fprintln(os.Stdout)
}

func median[T time.Duration | float64](xs []T) T {
	xs = slices.Clone(xs)
	slices.Sort(xs)
	return xs[len(xs)/2]
}

func ms(d time.Duration) string { return fmt.Sprintf("%.1f ms", float64(d.Microseconds())/1000) }

type result struct{ wall, cpu time.Duration }

// run runs a program with stdin a pipe that stays open, and its stdout and stderr (where the line
// mode asks) read as they come. With until set, it stops (and kills the program) once they hold
// until; else it waits for the exit.
func run(env []string, until string, name string, args ...string) result {
	ctx, cancel := context.WithTimeout(context.Background(), 20*time.Second)
	defer cancel()
	cmd := exec.CommandContext(ctx, name, args...)
	cmd.Env = append(os.Environ(), env...)
	stdin, err := cmd.StdinPipe()
	check(err)
	defer stdin.Close()
	r, w, err := os.Pipe()
	check(err)
	cmd.Stdout, cmd.Stderr = w, w
	start := time.Now()
	check(cmd.Start())
	w.Close()
	var out bytes.Buffer
	buf := make([]byte, 64<<10)
	var wall time.Duration
	for {
		n, err := r.Read(buf)
		out.Write(buf[:n])
		if until != "" && bytes.Contains(out.Bytes(), []byte(until)) {
			wall = time.Since(start)
			cmd.Process.Kill()
			break
		}
		if err != nil {
			break
		}
	}
	stdin.Close()
	werr := cmd.Wait()
	r.Close()
	if wall == 0 {
		wall = time.Since(start)
		var ee *exec.ExitError
		if werr != nil && (!errors.As(werr, &ee) || ee.ExitCode() != 0 && ee.ExitCode() != 1) {
			fail("%s %v: %v\n%s", name, args, werr, out.String())
		}
		if until != "" {
			fail("%s %v never printed %q:\n%s", name, args, until, out.String())
		}
	}
	ru := cmd.ProcessState.SysUsage().(*syscall.Rusage)
	cpu := time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
	return result{wall: wall, cpu: cpu}
}

// tmux is one tmux server with one 80x24 session; each measurement opens a window in it.
type tmux struct {
	socket string
	env    []string
	n      int
}

func newTmux(dir string, env []string) *tmux {
	if _, err := exec.LookPath("tmux"); err != nil {
		fail("tmux is not installed")
	}
	t := &tmux{socket: fmt.Sprintf("unstuck-startup-%d", os.Getpid()), env: env}
	t.cmd("-f", "/dev/null", "new-session", "-d", "-s", "base", "-x", "80", "-y", "24", "sleep", "3600")
	return t
}

func (t *tmux) cmd(args ...string) string {
	out, err := exec.Command("tmux", append([]string{"-L", t.socket}, args...)...).CombinedOutput()
	if err != nil {
		fail("tmux %v: %v\n%s", args, err, out)
	}
	return string(out)
}

func (t *tmux) close() { exec.Command("tmux", "-L", t.socket, "kill-server").Run() }

// firstFrame opens a window running command and returns how long until the pane shows text,
// polling the pane with a pause between polls.
func (t *tmux) firstFrame(command, text string) time.Duration {
	t.n++
	win := fmt.Sprintf("w%d", t.n)
	start := time.Now()
	t.cmd("new-window", "-d", "-t", "base", "-n", win, "env "+strings.Join(t.env, " ")+" "+command)
	defer exec.Command("tmux", "-L", t.socket, "kill-window", "-t", "base:"+win).Run()
	for deadline := start.Add(15 * time.Second); time.Now().Before(deadline); time.Sleep(*poll) {
		out, _ := exec.Command("tmux", "-L", t.socket, "capture-pane", "-p", "-t", "base:"+win).Output()
		if bytes.Contains(out, []byte(text)) {
			return time.Since(start)
		}
	}
	fail("%s never showed %q", command, text)
	return 0
}

func check(err error) {
	if err != nil {
		fail("%v", err)
	}
}

func fail(format string, args ...any) {
	fmt.Fprintf(os.Stderr, "startup: "+format+"\n", args...)
	os.Exit(1)
}
