package tui

import (
	"regexp"
	"strings"
	"testing"

	tea "charm.land/bubbletea/v2"

	"github.com/unstuck-dev/unstuck/flows"
	"github.com/unstuck-dev/unstuck/flows/author"
	"github.com/unstuck-dev/unstuck/flows/session"
)

// nodeID is a node's id as staff see it beside a step's title ("[card-number]"): a name.
var nodeID = regexp.MustCompile(`\[[a-z0-9-]+(?:\.[a-z0-9_-]+)*\]`) // a part's steps are CALL.STEP

// replay answers a walk's moves from where the harness is, with the walker standing in for the
// checks; before is called at each step before it is answered.
func replay(t *testing.T, w *walker, f *flows.Flow, moves []flows.Move, before func(i int, n *flows.Node)) {
	t.Helper()
	for i, m := range moves {
		if m.Result != nil {
			continue
		}
		if w.node() != m.Node {
			t.Fatalf("the walk is at %s, expected %s:\n%s", w.node(), m.Node, w.screen())
		}
		w.want = nil
		for _, next := range moves[i+1:] {
			if next.Result == nil {
				break
			}
			w.want = append(w.want, *next.Result)
		}
		n := f.Node(m.Node)
		if before != nil {
			before(i, n)
		}
		switch n.Kind {
		case flows.KindChoice:
			w.send(keyMsg(m.Answer))
		case flows.KindInput:
			w.send(tea.PasteMsg{Content: m.Answer})
			w.send(keyMsg("enter"))
		default:
			w.send(keyMsg("enter"))
		}
	}
}

// readPages reads a screen and, while it changes, the pages below it.
func readPages(w *walker, where string, read func(where, screen string)) {
	for i, last := 0, ""; i < 8; i++ {
		screen := w.screen()
		if screen == last {
			break
		}
		read(where, screen)
		last = screen
		w.send(keyMsg("pgdown"))
	}
}

// moreScreens reads, once a flow in lang, what a walk meets beside its steps: going back with esc
// from the end to the first step (each step offers its earlier answer), a walk in staff mode (the
// case id, the flow's notes for staff, a note being typed, the history) and the offer to continue
// an unfinished walk, then the walk continued.
func moreScreens(t *testing.T, base *flows.Flow, lang string, walks []author.Explored, read func(where, screen string)) {
	f := base.Localize(lang)
	var longest *author.Explored
	for _, ex := range walks {
		if ex.Problem == "" && (longest == nil || len(ex.Moves) > len(longest.Moves)) {
			longest = &ex
		}
	}
	if longest == nil {
		return
	}
	moves := longest.Moves

	// Back, step by step, from the end to the first step.
	w := &walker{harness: localized(t, 80, 24, base.ID, lang)}
	first := w.node()
	replay(t, w, f, moves, nil)
	for i := 0; i < len(moves)+2 && w.node() != first; i++ {
		w.send(keyMsg("esc"))
		read(w.node()+" (esc)", w.screen())
	}
	if w.node() != first {
		t.Errorf("esc did not lead back to the first step, %s:\n%s", first, w.screen())
	}

	// Staff mode: node ids are names; everything else is read.
	staffRead := func(where, screen string) { read(where, nodeID.ReplaceAllString(screen, "")) }
	h := newHarness(t, 80, 24, "")
	h.app.env.lang, h.app.env.staff = lang, true
	e0 := h.app.env
	h.send(openFlowMsg{flow: f})
	w = &walker{harness: h}
	if !strings.Contains(w.screen(), e0.t("Case id")) {
		t.Fatalf("staff mode does not ask the case id:\n%s", w.screen())
	}
	staffRead("case id (staff)", w.screen())
	w.send(tea.PasteMsg{Content: "K-7"})
	w.send(keyMsg("enter"))
	noted := false
	replay(t, w, f, moves, func(i int, n *flows.Node) {
		staffRead(n.ID+" (staff)", w.screen())
		if !noted && i > 0 && n.Kind != flows.KindInput {
			noted = true
			w.send(keyMsg("n"))
			w.send(tea.PasteMsg{Content: "K-7"})
			staffRead(n.ID+" (staff note)", w.screen())
			w.send(keyMsg("enter"))
			staffRead(n.ID+" (staff note added)", w.screen())
			w.send(keyMsg("ctrl+o"))
			staffRead(n.ID+" (history)", w.screen())
			w.send(keyMsg("esc"))
		}
	})
	w.send(keyMsg("s"))
	readPages(w, longest.End+" (staff)", staffRead)

	// The offer to continue a walk left after its first answers, and the walk continued.
	dir := t.TempDir()
	st := flows.Start(f, fixedNow)
	stop := 0
	for i, m := range moves {
		if i > 0 && m.Result == nil && f.Node(m.Node).Kind != flows.KindMessage {
			break
		}
		var err error
		if m.Result != nil {
			st, err = st.WithResult(*m.Result, fixedNow)
		} else {
			st, err = st.Answer(m.Answer, fixedNow)
		}
		if err != nil {
			t.Fatalf("the walk does not replay at %s: %v", m.Node, err)
		}
		stop = i + 1
	}
	saver := session.NewStore(dir)
	if err := saver.Save(st, fixedNow); err != nil {
		t.Fatal(err)
	}
	saver.Close()
	saved, problems := session.NewStore(dir).List()
	if len(saved) != 1 || len(problems) > 0 {
		t.Fatalf("the walk was not saved: %d sessions, %v", len(saved), problems)
	}
	e := newHarness(t, 80, 24, "").app.env
	e.lang, e.store = lang, session.NewStore(dir)
	w = &walker{harness: &harness{t: t, app: newApp(e, &offerScreen{flow: f, saved: &saved[0]}, nil)}}
	w.send(tea.WindowSizeMsg{Width: 80, Height: 24})
	if !strings.Contains(w.screen(), e.t(offerAfresh)) {
		t.Fatalf("the offer to continue is not shown:\n%s", w.screen())
	}
	read("the offer to continue", w.screen())
	w.send(keyMsg("1"))
	if _, ok := w.app.scr.(*flowScreen); !ok {
		t.Fatalf("continuing did not open the walk:\n%s", w.screen())
	}
	read(w.node()+" (continued)", w.screen())
	if stop < len(moves) {
		replay(t, w, f, moves[stop:], nil)
		read(longest.End+" (continued)", w.screen())
	}
	e.store.Close()
}
