package tui

import (
	"time"

	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"

	"github.com/unstuck-dev/unstuck/checks/redact"
	"github.com/unstuck-dev/unstuck/flows"
)

// Frames draws, with no terminal, what the full-screen UI shows for a flow run on its own (unstuck
// run FLOW) in lang at width x height: the first frame, then one after each input. An input is a key
// by its name ("enter", "esc", "f1", "pgdown", "pgup", a single character) or text, given as one
// paste. The frames are plain text (styles stripped, scrubbed as App.View scrubs), as a terminal
// shows them: tests hold a real terminal's screen to them. Checks run for real, so a walk that reaches
// one must not need the network.
func Frames(f *flows.Flow, lang string, width, height int, now func() time.Time, inputs []string) []string {
	e := &env{lang: lang, styles: NewStyles(true, false), keys: newKeyMap(), isDark: true, now: now}
	app := newApp(e, newFlowScreen(f, e), nil)
	var send func(tea.Msg)
	var run func(tea.Cmd)
	send = func(msg tea.Msg) {
		_, cmd := app.Update(msg)
		run(cmd)
	}
	// Commands are run and the messages the app acts on fed back; timers and terminal requests are
	// dropped, so nothing waits.
	run = func(cmd tea.Cmd) {
		if cmd == nil {
			return
		}
		switch msg := cmd().(type) {
		case tea.BatchMsg:
			for _, c := range msg {
				run(c)
			}
		case checkDoneMsg, checkPartMsg, finishMsg, showHelpMsg, quitNowMsg:
			send(msg)
		}
	}
	send(tea.WindowSizeMsg{Width: width, Height: height})
	run(app.scr.init(e))
	frame := func() string { return ansi.Strip(redact.String(app.render())) }
	frames := []string{frame()}
	for _, in := range inputs {
		send(inputMsg(in))
		frames = append(frames, frame())
	}
	return frames
}

// inputMsg is the message for a key by its name, or a paste for text.
func inputMsg(in string) tea.Msg {
	switch in {
	case "enter":
		return tea.KeyPressMsg{Code: tea.KeyEnter}
	case "esc":
		return tea.KeyPressMsg{Code: tea.KeyEscape}
	case "f1":
		return tea.KeyPressMsg{Code: tea.KeyF1}
	case "pgdown":
		return tea.KeyPressMsg{Code: tea.KeyPgDown}
	case "pgup":
		return tea.KeyPressMsg{Code: tea.KeyPgUp}
	}
	if r := []rune(in); len(r) == 1 {
		return tea.KeyPressMsg{Code: r[0], Text: in}
	}
	return tea.PasteMsg{Content: in}
}
