package tui

import (
	"fmt"
	"strings"
	"testing"
	"time"

	tea "charm.land/bubbletea/v2"

	"github.com/unstuck-dev/unstuck/flows"
)

// BenchmarkKeystroke is one key on a choice with 200 options at 120x40: Update with the key, then
// View, as Bubble Tea does for every key. See BENCHMARKS.md for the numbers.
func BenchmarkKeystroke(b *testing.B) {
	var y strings.Builder
	y.WriteString("flow: many\ntitle: Many options\nstart: pick\nnodes:\n  pick:\n    kind: choice\n    text: Which one of these two hundred answers is yours?\n    options:\n")
	for i := 0; i < 200; i++ {
		fmt.Fprintf(&y, "      - { label: \"Answer number %d, with a few words to wrap\", value: a%d, goto: done }\n", i+1, i)
	}
	y.WriteString("  done: { kind: end, title: Done }\n")
	f, diags := flows.Parse("many.yaml", []byte(y.String()))
	if diags.HasErrors() {
		b.Fatal(diags.Error())
	}
	e := &env{styles: NewStyles(true, false), keys: newKeyMap(), now: func() time.Time { return fixedNow }}
	app := newApp(e, newFlowScreen(f, e), nil)
	app.Update(tea.WindowSizeMsg{Width: 120, Height: 40})
	for _, k := range []struct {
		name string
		msg  tea.KeyPressMsg
	}{{"down", tea.KeyPressMsg{Code: tea.KeyDown}}, {"up", tea.KeyPressMsg{Code: tea.KeyUp}}} {
		b.Run("choice-200-options-120x40/"+k.name, func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				app.Update(k.msg)
				_ = app.View()
			}
		})
	}
}
