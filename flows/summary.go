package flows

import (
	"crypto/sha256"
	"encoding/base32"
	"fmt"
	"strings"
	"time"

	"github.com/unstuck-dev/unstuck/checks"
)

// Summary is what a shopper pastes into a support chat: what happened, what was checked, what was
// tried. It holds only what may be shown: sensitive answers are masked before they get here.
type Summary struct {
	FlowID       string
	FlowTitle    string
	Provider     string
	Reference    string    // a short id for the case
	Time         time.Time // when the walk started, in the shopper's time zone
	Outcome      string    // the end node's outcome, e.g. "contact-support"
	OutcomeTitle string    // the end node's title
	Happened     []string  // summary lines from the nodes and options on the path
	Answers      []SummaryAnswer
	Checks       []SummaryCheck
	Tried        []string
	Advice       []string
	Finished     bool // the walk reached an end
}

// SummaryAnswer is one answer that matters, under the label the flow gives it.
type SummaryAnswer struct {
	Node  string
	Label string
	Value string
}

// SummaryCheck is one check that ran, with its plain and technical lines.
type SummaryCheck struct {
	Node   string
	Result checks.Result
}

// Summary derives the support summary from the walk so far.
func (s State) Summary() Summary {
	f := s.flow
	sm := Summary{
		FlowID: f.ID, FlowTitle: Sanitize(f.Title), Provider: Sanitize(f.ProviderName()),
		Reference: reference(f.ID, s.started), Time: s.started, Finished: s.Done(),
	}
	answers := s.Answers()
	added := map[string]bool{}
	addLine := func(list *[]string, line string) {
		line = strings.TrimSpace(s.Text(line))
		if line != "" && !added[line] {
			added[line] = true
			*list = append(*list, line)
		}
	}
	// Walk the path once; answers and checks appear in the order they were met, each once (latest wins).
	seen := map[string]bool{}
	for _, st := range s.steps {
		n := f.byID[st.Node]
		for _, l := range n.Summary {
			addLine(&sm.Happened, l)
		}
		for _, l := range n.Tried {
			addLine(&sm.Tried, l)
		}
		if st.Option >= 0 && st.Option < len(n.Options) {
			o := n.Options[st.Option]
			for _, l := range o.Summary {
				addLine(&sm.Happened, l)
			}
			for _, l := range o.Tried {
				addLine(&sm.Tried, l)
			}
		}
		if seen[n.ID] {
			continue
		}
		if a, ok := answers[n.ID]; ok && n.Label != "" && !a.Skipped {
			seen[n.ID] = true
			sm.Answers = append(sm.Answers, SummaryAnswer{Node: n.ID, Label: Sanitize(n.Label), Value: a.Display})
		}
		if st.Result != nil {
			seen[n.ID] = true
			r, _ := s.result(n.ID)
			sm.Checks = append(sm.Checks, SummaryCheck{Node: n.ID, Result: r})
		}
	}
	if end := s.Node(); end.Kind == KindEnd {
		sm.Outcome = end.Outcome
		sm.OutcomeTitle = s.Text(end.Title)
		for _, l := range end.Advice {
			sm.Advice = append(sm.Advice, s.Text(l))
		}
	}
	return sm
}

// reference is a short, stable id for a case: the same flow started at the same moment gets the same one.
func reference(flowID string, t time.Time) string {
	h := sha256.Sum256([]byte(flowID + "\x00" + t.UTC().Format(time.RFC3339Nano)))
	return "U-" + base32.StdEncoding.EncodeToString(h[:])[:6]
}

// checkLabels names the built-in checks in plain words for the summary.
var checkLabels = map[string]string{
	"card": "Card number", "expiry": "Expiry date", "limit": "Spending limit", "connectivity": "Internet connection",
}

func checkLabel(r checks.Result) string {
	if l, ok := checkLabels[r.Name]; ok {
		return l
	}
	return r.Name
}

var statusWords = map[checks.Status]string{
	checks.StatusOK: "OK", checks.StatusWarning: "WARNING", checks.StatusProblem: "PROBLEM", checks.StatusSkipped: "SKIPPED",
}

// Text renders the summary as plain text for a chat box: no colour, no Markdown, short lines. The
// result is scrubbed of anything that looks like a card number, as a safety net.
func (sm Summary) Text() string {
	var b strings.Builder
	line := func(format string, args ...any) { fmt.Fprintf(&b, format+"\n", args...) }
	line("Support summary from unstuck")
	line("Problem: %s", sm.FlowTitle)
	if sm.Finished {
		line("Result: %s", sm.OutcomeTitle)
	} else {
		line("Result: not finished")
	}
	line("Reference: %s, %s", sm.Reference, sm.Time.Format("2006-01-02 15:04 MST (-07:00)"))
	section := func(title string, items []string) {
		if len(items) == 0 {
			return
		}
		line("")
		line("%s:", title)
		for _, it := range items {
			b.WriteString(wrapItem(it, summaryWidth))
		}
	}
	section("What happened", sm.Happened)
	var details []string
	for _, a := range sm.Answers {
		details = append(details, a.Label+": "+a.Value)
	}
	section("Details", details)
	var checked []string
	for _, c := range sm.Checks {
		r := c.Result
		s := fmt.Sprintf("%s: %s. %s", checkLabel(r), statusWords[r.Status], r.Summary)
		if r.Detail != "" {
			s += "\nTechnical: " + r.Detail
		}
		checked = append(checked, s)
	}
	section("Checked", checked)
	section("Already tried", sm.Tried)
	return ScrubCardNumbers(Sanitize(b.String()))
}

// ScrubCardNumbers replaces every run of 12 to 19 digits (spaces or dashes allowed between them) that
// passes the Luhn check with a marker. Runs longer than 19 digits are scrubbed when any 12-19 digit
// stretch inside them passes, since a card number could hide in one.
func ScrubCardNumbers(s string) string {
	var b strings.Builder
	i := 0
	for i < len(s) {
		if !isDigit(s[i]) {
			b.WriteByte(s[i])
			i++
			continue
		}
		// A run: digits, with single spaces or dashes between them.
		j, digits := i, make([]byte, 0, 24)
		end := i
		for j < len(s) {
			if isDigit(s[j]) {
				digits = append(digits, s[j])
				j++
				end = j
				continue
			}
			if (s[j] == ' ' || s[j] == '-') && j+1 < len(s) && isDigit(s[j+1]) {
				j++
				continue
			}
			break
		}
		if looksLikeCard(digits) {
			b.WriteString("[card number removed]")
		} else {
			b.WriteString(s[i:end])
		}
		i = end
	}
	return b.String()
}

func isDigit(c byte) bool { return c >= '0' && c <= '9' }

func looksLikeCard(d []byte) bool {
	if len(d) < 12 {
		return false
	}
	if len(d) <= 19 {
		return checks.Luhn(string(d))
	}
	for n := 12; n <= 19; n++ {
		for k := 0; k+n <= len(d); k++ {
			if checks.Luhn(string(d[k : k+n])) {
				return true
			}
		}
	}
	return false
}

// summaryWidth keeps lines short enough for a chat box.
const summaryWidth = 72

// wrapItem writes one "- " item, its lines folded at width words and indented under the dash.
func wrapItem(item string, width int) string {
	var b strings.Builder
	for i, para := range strings.Split(item, "\n") {
		prefix := "- "
		if i > 0 {
			prefix = "  "
		}
		col := 0
		b.WriteString(prefix)
		col = 2
		for j, word := range strings.Fields(para) {
			n := len([]rune(word))
			if j > 0 && col+1+n > width {
				b.WriteString("\n  ")
				col = 2
			} else if j > 0 {
				b.WriteByte(' ')
				col++
			}
			b.WriteString(word)
			col += n
		}
		b.WriteByte('\n')
	}
	return b.String()
}
