package main

import (
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"
)

// Start-up and whole-run benchmarks, in a real terminal (tmux), each beside the floor: the smallest
// Bubble Tea v2 program (cmd/teafloor) measured the same way in the same run. They report numbers
// (ms/op, and peak memory in KB); they assert nothing about time. See BENCHMARKS.md.

type benchTmux struct {
	b      *testing.B
	socket string
	dir    string
	n      int
}

func newBenchTmux(b *testing.B) *benchTmux {
	if _, err := exec.LookPath("tmux"); err != nil {
		b.Skip("tmux is not installed")
	}
	bt := &benchTmux{b: b, socket: fmt.Sprintf("unstuck-bench-%d", os.Getpid()), dir: b.TempDir()}
	// One server for the whole benchmark, so a new window costs the same for both sides.
	bt.tmux("-f", "/dev/null", "new-session", "-d", "-s", "base", "-x", "80", "-y", "24", "sleep", "3600")
	b.Cleanup(func() { exec.Command("tmux", "-L", bt.socket, "kill-server").Run() })
	return bt
}

func (bt *benchTmux) tmux(args ...string) string {
	out, err := exec.Command("tmux", append([]string{"-L", bt.socket}, args...)...).CombinedOutput()
	if err != nil {
		bt.b.Fatalf("tmux %v: %v\n%s", args, err, out)
	}
	return string(out)
}

// firstFrame opens a window running command and returns how long until the pane shows text.
func (bt *benchTmux) firstFrame(command, text string) time.Duration {
	bt.n++
	win := fmt.Sprintf("w%d", bt.n)
	env := "env TERM=xterm-256color LANG=C.UTF-8 XDG_STATE_HOME=" + filepath.Join(bt.dir, "state") + " "
	start := time.Now()
	bt.tmux("new-window", "-d", "-t", "base", "-n", win, env+command)
	deadline := start.Add(10 * time.Second)
	for time.Now().Before(deadline) {
		out, _ := exec.Command("tmux", "-L", bt.socket, "capture-pane", "-p", "-t", "base:"+win).Output()
		if strings.Contains(string(out), text) {
			elapsed := time.Since(start)
			exec.Command("tmux", "-L", bt.socket, "kill-window", "-t", "base:"+win).Run()
			return elapsed
		}
	}
	bt.b.Fatalf("%s never showed %q", command, text)
	return 0
}

// wholeRun runs command in a window to its end, timed inside the pane from exec to exit, with its
// peak memory (maximum resident set, KB) from /usr/bin/time when there is one.
func (bt *benchTmux) wholeRun(command string) (time.Duration, int) {
	bt.n++
	win := fmt.Sprintf("w%d", bt.n)
	out := filepath.Join(bt.dir, win)
	timer := ""
	if _, err := os.Stat("/usr/bin/time"); err == nil {
		timer = "/usr/bin/time -f %M -o " + out + ".rss "
	}
	script := fmt.Sprintf("t0=$(date +%%s%%N); %s%s >/dev/null; t1=$(date +%%s%%N); echo $((t1-t0)) > %s.ns", timer, command, out)
	bt.tmux("new-window", "-d", "-t", "base", "-n", win, "env", "TERM=xterm-256color", "LANG=C.UTF-8",
		"XDG_STATE_HOME="+filepath.Join(bt.dir, "state"), "sh", "-c", script)
	deadline := time.Now().Add(20 * time.Second)
	for time.Now().Before(deadline) {
		if data, err := os.ReadFile(out + ".ns"); err == nil && len(data) > 1 {
			ns, _ := strconv.ParseInt(strings.TrimSpace(string(data)), 10, 64)
			rss := 0
			if data, err := os.ReadFile(out + ".rss"); err == nil {
				fields := strings.Fields(string(data))
				if len(fields) > 0 {
					rss, _ = strconv.Atoi(fields[len(fields)-1])
				}
			}
			return time.Duration(ns), rss
		}
		time.Sleep(5 * time.Millisecond)
	}
	bt.b.Fatalf("%s did not finish", command)
	return 0, 0
}

const benchAnswers = `now: 2026-06-15
answers: { store: shop.example.com, amount: "120.50", error-seen: Payment declined, order-number: A-1, method: card, card-ask: "yes", card.number: "4242 4242 4242 4242", card.expiry: "12/30", details: all-match, limits: "yes", limit-available: "500", limit-cap: "", account: clear, store-accepts: "yes", glitch: still-failing, fraud: "no" }
checks: { connection-check: ok }
`

func BenchmarkStartup(b *testing.B) {
	bin := buildBinary(b)
	floor := buildPackage(b, "../teafloor", "teafloor")
	bt := newBenchTmux(b)
	for _, c := range []struct{ name, command, text string }{
		{"floor=teafloor-first-frame", floor, "floor: ready"},
		{"unstuck=menu-first-frame", bin, "What do you need help with?"},
	} {
		b.Run(c.name, func(b *testing.B) {
			var total time.Duration
			for i := 0; i < b.N; i++ {
				total += bt.firstFrame(c.command, c.text)
			}
			b.ReportMetric(float64(total.Microseconds())/1000/float64(b.N), "ms/op")
			b.ReportMetric(0, "ns/op")
		})
	}
}

func BenchmarkWholeRun(b *testing.B) {
	bin := buildBinary(b)
	floor := buildPackage(b, "../teafloor", "teafloor")
	answers := filepath.Join(b.TempDir(), "answers.yaml")
	if err := os.WriteFile(answers, []byte(benchAnswers), 0o644); err != nil {
		b.Fatal(err)
	}
	bt := newBenchTmux(b)
	for _, c := range []struct{ name, command string }{
		{"floor=teafloor-draw-and-quit", floor + " -quit"},
		{"unstuck=payment-fails-answers", bin + " run payment-fails --answers " + answers + " </dev/null"},
	} {
		b.Run(c.name, func(b *testing.B) {
			var total time.Duration
			peak := 0
			for i := 0; i < b.N; i++ {
				d, rss := bt.wholeRun(c.command)
				total += d
				peak = max(peak, rss)
			}
			b.ReportMetric(float64(total.Microseconds())/1000/float64(b.N), "ms/op")
			b.ReportMetric(float64(peak), "peak-KB")
			b.ReportMetric(0, "ns/op")
		})
	}
}
