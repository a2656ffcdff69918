package tui

import (
	"fmt"

	"github.com/unstuck-dev/unstuck/flows"
)

// A choice may have thousands of options (a generated flow, a list of banks). A key press must not
// cost in proportion to them (issue 15: 17 ms and 3.7 MB a key at 10,000 options), so the screen
// keeps the step's prompt for as long as it stands on the step, and draws only a window of the
// options around the cursor, with a line above and below saying which numbers are not drawn.

// promptCache is the prompt of the step the screen stands on, built once per visit.
type promptCache struct {
	visit  int
	node   *flows.Node
	caseID string
	p      flows.Prompt
	ok     bool
}

// prompt is fs.st.Prompt(), built once per visit to a node.
func (fs *flowScreen) prompt() flows.Prompt {
	c := &fs.promptAt
	if !c.ok || c.visit != fs.visits || c.node != fs.st.Node() || c.caseID != fs.st.CaseID() {
		*c = promptCache{visit: fs.visits, node: fs.st.Node(), caseID: fs.st.CaseID(), p: fs.st.Prompt(), ok: true}
	}
	return c.p
}

// optionWindow is how many options a choice draws at most: two screens' worth.
func optionWindow(e *env) int { return max(20, 2*e.height) }

// window moves the first drawn option so that the cursor is among the drawn ones, and returns the
// drawn range [lo, hi) of count options.
func (fs *flowScreen) window(e *env, count int) (lo, hi int) {
	size := optionWindow(e)
	if count <= size {
		fs.winTop = 0
		return 0, count
	}
	if fs.cursor < fs.winTop {
		fs.winTop = fs.cursor
	}
	if fs.cursor >= fs.winTop+size {
		fs.winTop = fs.cursor - size + 1
	}
	fs.winTop = max(0, min(fs.winTop, count-size))
	return fs.winTop, fs.winTop + size
}

// notDrawn is the line standing for options first to last (numbered from 1) left out of the window.
func notDrawn(mark string, first, last int) string {
	if first == last {
		return fmt.Sprintf("  %s %d", mark, first)
	}
	return fmt.Sprintf("  %s %d–%d", mark, first, last)
}
