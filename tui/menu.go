package tui

import (
	"errors"
	"fmt"
	"sort"
	"strconv"
	"strings"
	"time"
	"unicode"

	"github.com/unstuck-dev/unstuck/flows/session"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"

	"github.com/unstuck-dev/unstuck/flows"
)

// MenuFlow is a flow the menu offers: what it shows of it (title, description and keywords by
// language), where a flow that is not built in comes from, and how to read it when it is opened.
// The menu reads no flow before its first frame.
type MenuFlow struct {
	Heading flows.Heading
	From    string             // where it comes from, shown after the description; "" for a built-in flow
	Load    func() *flows.Flow // the flow as it runs; nil when it could not be read
}

// MenuOf offers flows already read.
func MenuOf(list []*flows.Flow) []MenuFlow {
	out := make([]MenuFlow, len(list))
	for i, f := range list {
		out[i] = MenuFlow{Heading: flows.HeadingOf(f), Load: func() *flows.Flow { return f }}
	}
	return out
}

// menuScreen lets the shopper pick a built-in flow, or continue a run that was interrupted.
type menuScreen struct {
	flows    []MenuFlow
	sessions []session.Saved // interrupted runs, newest first
	notices  []string        // said above the list (a saved session that was set aside)
	cursor   int
	problem  string            // why a saved run could not be continued
	filter   editor            // words typed to find a flow
	number   string            // digits typed so far, when more could follow (10 and up)
	titles   map[string]string // saved runs' flow titles in the UI's language, by session path and language
	// sessionFlow finds the flow of a saved run, in the caller's library; nil: Saved.Flow.
	sessionFlow func(*session.Saved) (*flows.Flow, error)
}

// menuItem is one line of the menu: a saved run to continue, or a flow to start.
type menuItem struct {
	title, desc string
	flow        *MenuFlow
	text        flows.HeadingText // the flow's heading in the UI's language
	session     *session.Saved
}

func newMenuScreen(list []MenuFlow) *menuScreen { return &menuScreen{flows: list} }

func (m *menuScreen) items(e *env) []menuItem {
	var out []menuItem
	now := time.Now()
	for i := range m.sessions {
		sv := &m.sessions[i]
		desc := e.t("Pick up where you left off.")
		if sv.Holder != 0 {
			desc = inUseSentence(e, sv.Holder)
		}
		shown := *sv
		shown.Snap.Title = m.sessionTitle(sv, e)
		out = append(out, menuItem{title: e.t("Continue:") + " " + shown.Describe(now, e.tf), desc: desc, session: sv})
	}
	query := m.filter.value()
	var found []menuItem
	for i := range m.flows {
		mf := &m.flows[i]
		t := mf.Heading.In(e.lang)
		if query != "" && !t.Matches(query) {
			continue
		}
		desc := flows.Sanitize(t.Description)
		if mf.From != "" {
			desc = strings.TrimSpace(desc + " " + e.tf("(from %s)", flows.Sanitize(mf.From)))
		}
		found = append(found, menuItem{title: flows.Sanitize(t.Title), desc: desc, flow: mf, text: t})
	}
	if query != "" {
		// Titles that say what was typed first; otherwise the menu's own order.
		sort.SliceStable(found, func(i, j int) bool { return found[i].text.TitleMatches(query) > found[j].text.TitleMatches(query) })
	}
	out = append(out, found...)
	return out
}

// sessionTitle is a saved run's flow title in the UI's language (the run may have been in another);
// the title it was saved with when its flow does not load any more.
func (m *menuScreen) sessionTitle(sv *session.Saved, e *env) string {
	id := e.lang + "\x00" + sv.Path
	if t, ok := m.titles[id]; ok {
		return t
	}
	title := sv.Snap.Title
	if h := m.builtinHeading(sv.Snap.FlowID); h != nil && sv.Snap.FlowPath == "" {
		title = h.In(e.lang).Title // a built-in flow's heading: no flow is read for the menu
	} else if f, err := sv.Flow(); err == nil {
		title = f.Localize(e.lang).Title
	}
	if m.titles == nil {
		m.titles = map[string]string{}
	}
	m.titles[id] = title
	return title
}

// builtinHeading is the heading of the built-in flow id among the menu's flows, or nil.
func (m *menuScreen) builtinHeading(id string) *flows.Heading {
	for i := range m.flows {
		if m.flows[i].Heading.ID == id && m.flows[i].From == "" {
			return &m.flows[i].Heading
		}
	}
	return nil
}

func (m *menuScreen) init(*env) tea.Cmd      { return nil }
func (m *menuScreen) title() string          { return "unstuck" }
func (m *menuScreen) progress(e *env) string { return e.t("what went wrong?") }
func (m *menuScreen) typing() bool           { return m.filter.value() != "" }

func (m *menuScreen) helpKeys(e *env) []key.Binding {
	k := e.keys
	open := k.Pick
	open.SetHelp("enter", "open")
	if m.typing() {
		clear := k.Back
		clear.SetHelp("esc", "clear the search")
		help := k.Help
		help.SetHelp("F1", "help")
		return []key.Binding{open, clear, help, k.Interrupt}
	}
	number := k.Number
	number.SetHelp(numbersKey(len(m.items(e))), "pick")
	return []key.Binding{open, number, k.Help, k.Quit}
}

// numbersKey names the number keys that open an item: 1 to 9, and 0 for the tenth.
func numbersKey(n int) string {
	switch {
	case n <= 1:
		return "1"
	case n <= 9:
		return fmt.Sprintf("1-%d", n)
	}
	return "1-9,0"
}

// keyRows are the menu's own keys for the help: letters search here, so j/k and r/c/s do not apply.
func (m *menuScreen) keyRows(e *env) []keyRow {
	k := e.keys
	return []keyRow{
		{"↑/↓", "move through the list"}, {"home/end", "go to the first or the last"},
		{numbersKey(len(m.items(e))), "open the one with that number (0 opens the tenth)"},
		{k.Pick.Help().Key, "open the one highlighted"}, {"a-z", "search the list; esc clears the search"},
		{k.Scroll.Help().Key, "scroll a long page"}, {"?/F1", "show or hide this help"},
		{k.Quit.Help().Key, "quit"}, {k.Interrupt.Help().Key, "quit at once, from anywhere"},
	}
}

func (m *menuScreen) update(msg tea.Msg, e *env) (screen, tea.Cmd) {
	k := e.keys
	n := len(m.items(e))
	switch msg := msg.(type) {
	case tea.KeyPressMsg:
		// Letters search the flows; arrows, numbers and enter pick. q quits only when nothing is typed.
		if msg.String() == "esc" && m.filter.value() != "" {
			m.filter.reset()
			m.cursor = 0
			return m, nil
		}
		if r := []rune(msg.Text); len(r) == 1 && (unicode.IsLetter(r[0]) || r[0] == ' ' && m.filter.value() != "") &&
			!(msg.String() == "q" && m.filter.value() == "") || msg.String() == "backspace" && m.filter.value() != "" {
			m.filter.update(msg)
			m.cursor = 0
			return m, nil
		}
		if n == 0 {
			return m, nil
		}
		if d := msg.String(); len(d) == 1 && d[0] >= '0' && d[0] <= '9' {
			return m, m.digit(d, n, e)
		}
		switch {
		case msg.String() == "up":
			m.cursor = (m.cursor - 1 + n) % n
		case msg.String() == "down":
			m.cursor = (m.cursor + 1) % n
		case msg.String() == "home":
			m.cursor = 0
		case msg.String() == "end":
			m.cursor = n - 1
		case key.Matches(msg, k.Pick), msg.String() == "space":
			return m, m.open(e)
		}
	case tea.PasteMsg:
		m.filter.update(msg)
		m.cursor = 0
	case clickMsg:
		if i := optionAt(m.view(e).rows, msg.row); i >= 0 {
			m.cursor = i
			return m, m.open(e)
		}
	}
	return m, nil
}

// digit opens the item with that number at once; 0 is the tenth.
func (m *menuScreen) digit(d string, n int, e *env) tea.Cmd {
	i := int(d[0] - '1')
	if d == "0" {
		i = 9
	}
	if i >= n {
		return nil
	}
	m.cursor = i
	return m.open(e)
}

func (m *menuScreen) open(e *env) tea.Cmd {
	it := m.items(e)[m.cursor]
	if it.session != nil {
		find := m.sessionFlow
		if find == nil {
			find = (*session.Saved).Flow
		}
		f, err := find(it.session)
		if err != nil {
			m.problem = e.t("This run cannot be continued:") + " " + err.Error()
			return nil
		}
		// Another unstuck may have it open: it is locked, never continued twice.
		var inUse *session.InUseError
		switch err := it.session.Claim(); {
		case errors.As(err, &inUse):
			it.session.Holder = inUse.PID
			if inUse.PID == 0 {
				it.session.Holder = -1
			}
			m.problem = inUseSentence(e, it.session.Holder)
			return nil
		case err != nil:
			m.problem = e.t("This run cannot be continued:") + " " + err.Error()
			return nil
		}
		e.store.Continue(it.session)
		f = f.Localize(e.lang)
		st := flows.Restore(f, it.session.Snap, e.now())
		return func() tea.Msg { return openFlowMsg{flow: f, resume: &st} }
	}
	// The flow is read now, when it is opened (the menu showed its heading).
	f := it.flow.Load()
	if f == nil {
		m.problem = e.t("This flow could not be loaded. Pick another, or run unstuck list to see why.")
		return nil
	}
	f = f.Localize(e.lang)
	e.store.Close() // a run begun before stays, to be resumed; this flow saves its own
	return func() tea.Msg { return openFlowMsg{flow: f} }
}

// inUseSentence says that another unstuck (holder: its process id, or -1) has a session open.
func inUseSentence(e *env, holder int) string {
	if holder > 0 {
		return fmt.Sprintf(e.t("Open in another unstuck (pid %d): finish or close it there first."), holder)
	}
	return e.t("Open in another unstuck: finish or close it there first.")
}

func (m *menuScreen) view(e *env) body {
	s := e.styles
	var b strings.Builder
	width := max(10, e.width-2)
	for _, n := range append(append([]string{}, m.notices...), m.problem) {
		if n != "" {
			b.WriteString(hang(s.Marks.Warning+" ", "  ", n, width, s.Warning) + "\n\n")
		}
	}
	b.WriteString(e.t("What do you need help with?") + "\n")
	if q := m.filter.value(); q != "" {
		b.WriteString(s.Faint.Render(e.t("Search:")+" ") + s.Field.Render(q) + s.Field.Reverse(true).Render(" ") + s.Faint.Render("  "+e.t("(esc clears)")) + "\n\n")
	} else {
		b.WriteString(s.Faint.Render(e.t("Type a few words to search, or pick with the arrows.")) + "\n\n")
	}
	focus := -1
	var rows []int
	items := m.items(e)
	digits := len(strconv.Itoa(min(len(items), 10)))
	for i, it := range items {
		num := fmt.Sprintf("%*d. ", digits, i+1) // right-aligned, so every title starts in one column
		if i >= 10 {
			num = strings.Repeat(" ", digits+2) // the number keys reach the tenth; a number past it could not be typed
		}
		line := strings.Count(b.String(), "\n")
		rows = append(rows, line)
		mark, style := "  ", s.Option
		if i == m.cursor {
			focus = line + 1
			mark, style = s.Cursor.Render(s.Marks.Cursor)+" ", s.Selected
		}
		b.WriteString(gutter(mark, "  ", hang(num, strings.Repeat(" ", len(num)), it.title, width-2, style)) + "\n")
		indent := strings.Repeat(" ", 2+len(num))
		b.WriteString(hang(indent, indent, it.desc, width, s.Faint) + "\n")
	}
	rows = append(rows, strings.Count(b.String(), "\n"))
	if len(rows) == 1 {
		b.WriteString(e.t("Nothing matches those words. Try other words, or press esc to see every flow.") + "\n")
	}
	return body{text: b.String(), focus: focus, rows: rows}
}
