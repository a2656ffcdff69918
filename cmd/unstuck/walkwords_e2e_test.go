package main

import (
	"fmt"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/unstuck-dev/unstuck/flows"
	"github.com/unstuck-dev/unstuck/flows/author"
	"github.com/unstuck-dev/unstuck/flows/words/untranslated"
	"github.com/unstuck-dev/unstuck/tui"
)

// The "done when", in a real terminal: a walk of a built-in flow in each language the flows
// ship, by the built binary in tmux at 80x24, to an end. Every screen is captured and read with the
// English-word rule of tui's in-process walk of every flow (flows/words/untranslated), and each step's
// screen is the one tui.Frames draws in-process for the same keys, so what that walk reads is what a
// terminal shows.
func TestAWalkInEachLanguageInTmuxShowsNoEnglishWord(t *testing.T) {
	if testing.Short() {
		t.Skip("builds the binary and drives it in tmux")
	}
	t.Parallel() // its own tmux servers (sockets)
	requireTmux(t)
	bin := buildBinary(t)
	lib, err := flows.Library()
	if err != nil {
		t.Fatal(err)
	}
	byID := map[string]*flows.Flow{}
	for _, f := range lib {
		byID[f.ID] = f
	}
	for _, c := range []struct{ lang, flow string }{
		{"sv", "login-security"}, {"de", "return-refund"}, {"es", "late-fee"}, {"pl", "store-dispute"},
	} {
		t.Run(c.flow+" in "+c.lang, func(t *testing.T) {
			t.Parallel()
			f := byID[c.flow].Localize(c.lang)
			steps := walkInKeys(t, f)
			var inputs []string
			for _, s := range steps {
				inputs = append(inputs, s...)
			}
			now := func() time.Time { return time.Now().UTC() }
			frames := tui.Frames(f, c.lang, 80, 24, now, inputs)
			// The end screen is read to its bottom: pgdown until the page stays put.
			for range 8 {
				more := tui.Frames(f, c.lang, 80, 24, now, append(inputs, "pgdown"))
				if more[len(more)-1] == frames[len(frames)-1] {
					break
				}
				inputs, frames = append(inputs, "pgdown"), more
			}
			d, err := untranslated.New(c.lang, f.Provider.Name, strings.Join(inputs, " "))
			if err != nil {
				t.Fatal(err)
			}
			read := func(where, pane string) {
				t.Helper()
				if found := d.Find(pane); len(found) > 0 {
					t.Errorf("English words %q are shown at %s:\n%s", found, where, pane)
				}
			}
			t.Logf("%d steps, %d screens", len(steps), len(frames))
			s := startTmux(t, fmt.Sprintf("TZ=UTC %q run %s --lang %s --no-save", bin, c.flow, c.lang))
			at := 0 // the frame the walk stands at
			for i, keys := range steps {
				read(fmt.Sprintf("step %d", i+1), s.paneLike(frames[at]))
				for _, k := range keys {
					s.press(k)
				}
				at += len(keys)
			}
			// The end screen, page by page to its bottom: the same as in-process but for the summary's
			// reference and time.
			for page := 1; at < len(frames); page, at = page+1, at+1 {
				if page > 1 {
					s.press("pgdown")
				}
				read(fmt.Sprintf("the end, page %d", page), s.paneLike(frames[at]))
			}
		})
	}
}

// walkInKeys is the longest walk of f to an end, among those author.Explore finds, that passes no
// check (a check may need the network) and asks only questions with options, typed answers and
// messages: the keys for each step, a typed answer as text then enter.
func walkInKeys(t *testing.T, f *flows.Flow) [][]string {
	t.Helper()
	var best [][]string
walks:
	for _, ex := range author.Explore(f, time.Now()) {
		if ex.Problem != "" {
			continue
		}
		var steps [][]string
		for _, m := range ex.Moves {
			if m.Result != nil {
				continue walks
			}
			switch f.Node(m.Node).Kind {
			case flows.KindChoice:
				if len(m.Answer) != 1 || m.Answer < "1" || m.Answer > "9" {
					continue walks
				}
				steps = append(steps, []string{m.Answer})
			case flows.KindInput:
				if len([]rune(m.Answer)) < 2 {
					continue walks
				}
				steps = append(steps, []string{m.Answer, "enter"})
			case flows.KindMessage:
				steps = append(steps, []string{"enter"})
			default:
				continue walks
			}
		}
		if len(steps) > len(best) {
			best = steps
		}
	}
	if len(best) == 0 {
		t.Fatalf("%s has no walk to an end without checks", f.ID)
	}
	return best
}

// varying are the parts of the end screen two walks differ in: the summary's reference and when.
var varying = regexp.MustCompile(`U-[A-Z0-9]{6}|\d{4}-\d\d-\d\d \d\d:\d\d`)

// normalPane is a screen as compared: lines without trailing blanks, no blank lines at the bottom,
// the reference and time masked.
func normalPane(s string) string {
	lines := strings.Split(varying.ReplaceAllString(s, "…"), "\n")
	for i, l := range lines {
		lines[i] = strings.TrimRight(l, " ")
	}
	return strings.TrimRight(strings.Join(lines, "\n"), "\n")
}

// paneLike polls the pane until it is the frame drawn in-process, and returns it; a pane that never
// gets there fails the test with both.
func (s *tmuxSession) paneLike(frame string) string {
	s.t.Helper()
	want := normalPane(frame)
	var got string
	deadline := time.Now().Add(15 * time.Second)
	for time.Now().Before(deadline) {
		if got = s.screen(); normalPane(got) == want {
			return got
		}
		time.Sleep(20 * time.Millisecond)
	}
	s.t.Fatalf("the terminal shows:\n%s\n\nin-process, the same step is drawn:\n%s", got, frame)
	return ""
}

// press types a key by its name (enter, pgdown, a digit), or text.
func (s *tmuxSession) press(k string) {
	s.t.Helper()
	switch k {
	case "enter":
		s.keys("Enter")
	case "pgdown":
		s.keys("PageDown")
	default:
		s.literal(k)
	}
}
