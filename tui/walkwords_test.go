package tui

import (
	"strings"
	"testing"

	tea "charm.land/bubbletea/v2"

	"github.com/unstuck-dev/unstuck/checks"
	"github.com/unstuck-dev/unstuck/flows"
	"github.com/unstuck-dev/unstuck/flows/author"
	"github.com/unstuck-dev/unstuck/flows/words"
	"github.com/unstuck-dev/unstuck/flows/words/untranslated"
)

// The English-word rule is shared with cmd/unstuck's walk in tmux (flows/words/untranslated).
var (
	wordBag  = untranslated.Bag
	filePath = untranslated.FilePath
)

// walker drives the harness along an explored walk; at a check node the check's real result is
// replaced by the walk's when their outcomes differ, so every end is reached without the network.
type walker struct {
	*harness
	want []checks.Result // the results the walk takes at the checks ahead, in order
}

func (w *walker) send(msg tea.Msg) {
	if done, ok := msg.(checkDoneMsg); ok && len(w.want) > 0 {
		want := w.want[0]
		w.want = w.want[1:]
		if done.result.Outcome != want.Outcome || done.result.Status != want.Status {
			done.result = want
		}
		msg = done
	}
	_, cmd := w.app.Update(msg)
	w.run(cmd)
}

func (w *walker) run(cmd tea.Cmd) {
	if cmd == nil || isTimer(cmd) {
		return
	}
	switch msg := cmd().(type) {
	case tea.BatchMsg:
		for _, c := range msg {
			w.run(c)
		}
	case checkDoneMsg, openFlowMsg, backToMenuMsg, finishMsg, showHelpMsg, quitNowMsg, checkPartMsg:
		w.send(msg)
	}
}

// The "done when": a walk of every built-in flow at 80x24 in each language shows no English
// word in a non-English run, except names. Every end of every flow is reached (author.Explore's
// walks), and each step, its help and the end screen (scrolled to its bottom) are read, with the
// questions r and q ask and the notes c and s leave on the end screen; and, once a flow, going back
// with esc, a walk in staff mode and the offer to continue (moreScreens).
func TestEveryBuiltInFlowWalksInEachLanguageWithNoEnglishWord(t *testing.T) {
	lib, err := flows.Library()
	if err != nil {
		t.Fatal(err)
	}
	english, err := untranslated.English()
	if err != nil {
		t.Fatal(err)
	}
	// Names: brands, keys, the program, and what the walks type (store names, amounts).
	names := untranslated.Names
	for _, lang := range flows.Languages() {
		if lang == words.Source {
			continue
		}
		own, err := untranslated.Own(lang)
		if err != nil {
			t.Fatal(err)
		}
		t.Run("the menu in "+lang, func(t *testing.T) {
			t.Parallel()
			h := newHarness(t, 80, 24, "")
			h.app.env.lang = lang
			h.send(tea.WindowSizeMsg{Width: 80, Height: 24})
			var screens []string
			for i, last := 0, ""; i < 4 && h.screen() != last; i++ {
				last = h.screen()
				screens = append(screens, last)
				h.press("pgdown")
			}
			h.press("f1")
			for i, last := 0, ""; i < 6 && h.app.showHelp && h.screen() != last; i++ {
				last = h.screen()
				screens = append(screens, last)
				h.press("pgdown")
			}
			allowed := wordBag(names)
			for _, screen := range screens {
				for w := range wordBag(screen) {
					if english[w] && !own[w] && !allowed[w] {
						t.Errorf("the English word %q is shown:\n%s", w, screen)
					}
				}
			}
		})
		for _, base := range lib {
			if testing.Short() && base.ID != "payment-fails" {
				continue // -short: one flow in every language; CI walks them all
			}
			t.Run(base.ID+" in "+lang, func(t *testing.T) {
				t.Parallel()
				f := base.Localize(lang)
				allowed := wordBag(names, f.Provider.Name)
				found := map[string]string{} // English word: the screen it was first seen on
				read := func(where, screen string) {
					var lines []string
					technical := false
					for _, l := range strings.Split(screen, "\n") {
						technical = strings.Contains(l, words.Text(lang, "Technical")+":") || technical && strings.HasPrefix(l, "    ")
						if !technical {
							lines = append(lines, filePath.ReplaceAllString(l, ""))
						}
					}
					for w := range wordBag(lines...) {
						if english[w] && !own[w] && !allowed[w] {
							if _, seen := found[w]; !seen {
								found[w] = where + ":\n" + screen
							}
						}
					}
				}
				helped := map[string]bool{} // a step's help is the same on every walk: read once
				asked, kept := false, false // the r and q questions, and c and s at the end: once a flow
				walks := author.Explore(f, fixedNow)
				for _, ex := range walks {
					if ex.Problem != "" {
						t.Errorf("the walk to %s: %s", ex.End, ex.Problem)
						continue
					}
					h := localized(t, 80, 24, base.ID, lang)
					w := &walker{harness: h}
					for _, m := range ex.Moves {
						if m.Result == nil && f.Node(m.Node).Kind == flows.KindInput {
							for w := range wordBag(m.Answer) {
								allowed[w] = true
							}
						}
					}
					for i, m := range ex.Moves {
						if m.Result != nil {
							continue // the check ran when the step before it was answered
						}
						if h.node() != m.Node {
							t.Fatalf("the walk to %s is at %s, expected %s:\n%s", ex.End, h.node(), m.Node, h.screen())
						}
						n := f.Node(m.Node)
						w.want = nil
						for _, next := range ex.Moves[i+1:] {
							if next.Result == nil {
								break
							}
							w.want = append(w.want, *next.Result)
						}
						read(m.Node, h.screen())
						if !helped[m.Node] {
							helped[m.Node] = true
							w.send(keyMsg("f1"))
						}
						for i, last := 0, ""; i < 6 && h.app.showHelp; i++ {
							screen := h.screen()
							if screen == last {
								break
							}
							read(m.Node+" (help)", screen)
							last = screen
							w.send(keyMsg("pgdown"))
						}
						if h.app.showHelp {
							w.send(keyMsg("esc"))
						}
						if !asked && i > 0 && n.Kind != flows.KindInput {
							asked = true
							for _, k := range []string{"r", "q"} {
								w.send(keyMsg(k))
								read(m.Node+" ("+k+")", h.screen())
								w.send(keyMsg("n"))
							}
						}
						switch n.Kind {
						case flows.KindChoice: // a number key picks the option at once
							if len(m.Answer) != 1 || m.Answer < "1" || m.Answer > "9" {
								t.Fatalf("option %q cannot be picked with one key", m.Answer)
							}
							w.send(keyMsg(m.Answer))
						case flows.KindInput: // pasted, as typing it key by key draws the screen each time
							w.send(tea.PasteMsg{Content: m.Answer})
							w.send(keyMsg("enter"))
						default:
							w.send(keyMsg("enter"))
						}
					}
					if h.node() != ex.End {
						t.Fatalf("the walk ended at %s, not %s:\n%s", h.node(), ex.End, h.screen())
					}
					if !kept {
						kept = true
						for _, k := range []string{"c", "s"} {
							w.send(keyMsg(k))
							read(ex.End+" ("+k+")", h.screen())
						}
					}
					for i, last := 0, ""; i < 8; i++ {
						screen := h.screen()
						if screen == last {
							break
						}
						read(ex.End, screen)
						last = screen
						w.send(keyMsg("pgdown"))
					}
				}
				moreScreens(t, base, lang, walks, read)
				for w, where := range found {
					t.Errorf("the English word %q is shown at %s", w, where)
				}
			})
		}
	}
}
