package tui

import (
	"fmt"
	"runtime"
	"strings"
	"testing"
	"time"

	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"

	"github.com/unstuck-dev/unstuck/flows"
)

// longChoice is an app on a choice of n options at 120x40.
func longChoice(tb testing.TB, n int) *App {
	tb.Helper()
	var y strings.Builder
	y.WriteString("flow: many\ntitle: Many options\nstart: pick\nnodes:\n  pick:\n    kind: choice\n    text: Which one of these answers is yours?\n    options:\n")
	for i := 0; i < n; i++ {
		fmt.Fprintf(&y, "      - { label: \"Answer number %d, with a few words to wrap\", value: a%d, goto: done }\n", i+1, i)
	}
	y.WriteString("  done: { kind: end, title: Done }\n")
	f, diags := flows.Parse("many.yaml", []byte(y.String()))
	if diags.HasErrors() {
		tb.Fatal(diags.Error())
	}
	e := &env{styles: NewStyles(true, false), keys: newKeyMap(), now: func() time.Time { return fixedNow }}
	app := newApp(e, newFlowScreen(f, e), nil)
	app.Update(tea.WindowSizeMsg{Width: 120, Height: 40})
	return app
}

func TestALongChoiceDrawsAWindowAroundTheCursor(t *testing.T) {
	app := longChoice(t, 10_000)
	fs := app.scr.(*flowScreen)
	screen := func() string { return ansi.Strip(fs.view(app.env).text) } // the whole page, scrolled or not
	if s := screen(); !strings.Contains(s, "1. Answer number 1,") || !strings.Contains(s, "↓ 81–10000") {
		t.Fatalf("the first screen:\n%s", s)
	}
	app.Update(tea.KeyPressMsg{Code: tea.KeyEnd})
	if s := screen(); !strings.Contains(s, "10000. Answer number 10000,") || !strings.Contains(s, "↑ 1–9920") {
		t.Fatalf("after end:\n%s", s)
	}
	for range 3 {
		app.Update(tea.KeyPressMsg{Code: tea.KeyDown}) // wraps to the first, then on
	}
	if s := screen(); !strings.Contains(s, "3. Answer number 3,") || strings.Contains(s, "↑") {
		t.Fatalf("after wrapping round to the third:\n%s", s)
	}
	app.Update(tea.KeyPressMsg{Code: tea.KeyEnter})
	if st := fs.st; st.Node().ID != "done" || st.Answers()["pick"].Value != "a2" {
		t.Fatalf("enter picked %q at %s", st.Answers()["pick"].Value, st.Node().ID)
	}
}

// A key costs the same whatever the number of options: the allocations of one key (Update and
// View) at 10,000 options are those at 200.
func TestAKeyOnALongChoiceAllocatesAsOnAShortOne(t *testing.T) {
	allocs, bytes := map[int]float64{}, map[int]uint64{}
	for _, n := range []int{200, 10_000} {
		app := longChoice(t, n)
		down := tea.KeyPressMsg{Code: tea.KeyDown}
		for range 100 { // into the middle: the window has moved
			app.Update(down)
		}
		allocs[n] = testing.AllocsPerRun(50, func() { app.Update(down); _ = app.View() })
		var before, after runtime.MemStats
		runtime.ReadMemStats(&before)
		for range 50 {
			app.Update(down)
			_ = app.View()
		}
		runtime.ReadMemStats(&after)
		bytes[n] = (after.TotalAlloc - before.TotalAlloc) / 50
	}
	if allocs[10_000] > allocs[200]+5 || bytes[10_000] > 2*bytes[200] {
		t.Errorf("a key allocates %.0f times, %d bytes, at 10,000 options against %.0f times, %d bytes, at 200",
			allocs[10_000], bytes[10_000], allocs[200], bytes[200])
	}
}

// BenchmarkKeystrokeLongChoice: one key (Update + View) on choices of 200 to 10,000 options at
// 120x40. Target: under 1 ms with allocations independent of the number of options (it was 17 ms
// and 3.7 MB at 10,000, every option drawn on every key).
func BenchmarkKeystrokeLongChoice(b *testing.B) {
	for _, n := range []int{200, 2_000, 10_000} {
		b.Run(fmt.Sprintf("options=%d", n), func(b *testing.B) {
			app := longChoice(b, n)
			down := tea.KeyPressMsg{Code: tea.KeyDown}
			b.ReportAllocs()
			for b.Loop() {
				app.Update(down)
				_ = app.View()
			}
		})
	}
}
