package summary

import (
	"bytes"
	"cmp"
	"encoding/json"
	"errors"
	"fmt"
	"strings"
	"time"

	"github.com/unstuck-dev/unstuck/checks"
	"github.com/unstuck-dev/unstuck/flows"
)

// A summary read back is a way in for support (unstuck run --from SUMMARY --staff): the JSON
// summary gives every answer and check result back; the text summary gives back what it shows (the
// flow, whether it ended, the labelled answers, the options known by their summary lines, and the
// checks known by their status and sentence). A summary is text from someone else: every
// string read from it is sanitized and scrubbed before it is used.

// MaxSummaryBytes is the most a summary read back may hold; a real one is a few kilobytes.
const MaxSummaryBytes = 1 << 20

// ReadBack reads a summary (JSON, or the text format) into a record of the walk. lib is the
// library a text summary's flow is looked for in, by its title in any of its languages.
func ReadBack(data []byte, lib []*flows.Flow) (flows.Record, error) {
	if t := bytes.TrimSpace(data); len(t) > 0 && t[0] == '{' {
		return readJSON(t)
	}
	return readText(string(data), lib)
}

func readJSON(data []byte) (flows.Record, error) {
	var sm struct {
		SchemaVersion int       `json:"schema_version"`
		Flow          string    `json:"flow"`
		Revision      string    `json:"flow_revision"`
		Reference     string    `json:"reference"`
		CaseID        string    `json:"case_id"`
		Time          time.Time `json:"time"`
		Outcome       string    `json:"outcome"`
		Finished      bool      `json:"finished"`
		Answers       []struct {
			Node   string  `json:"node"`
			Text   string  `json:"text"`
			Value  *string `json:"value"`
			Amount *Amount `json:"amount"`
		} `json:"answers"`
		Checks []struct {
			Node   string `json:"node"`
			Result struct {
				Name    string        `json:"name"`
				Status  checks.Status `json:"status"`
				Outcome string        `json:"outcome"`
				Summary string        `json:"summary"`
				Detail  string        `json:"detail"`
				Next    string        `json:"next"`
			} `json:"result"`
		} `json:"checks"`
	}
	if err := json.Unmarshal(data, &sm); err != nil {
		return flows.Record{}, fmt.Errorf("the summary is not JSON unstuck wrote: %s", flows.ScrubCardNumbers(err.Error()))
	}
	if sm.SchemaVersion != SchemaVersion {
		return flows.Record{}, fmt.Errorf("the summary's schema_version is %d; this unstuck reads version %d", sm.SchemaVersion, SchemaVersion)
	}
	clean := func(s string) string { return flows.ScrubCardNumbers(flows.Sanitize(flows.OneLine(s))) }
	id := func(s string) string { return flows.ShortLine(clean(s), 80) } // names, said back to the agent
	rec := flows.Record{FlowID: id(sm.Flow), Revision: id(sm.Revision), Reference: id(sm.Reference), CaseID: id(sm.CaseID),
		Started: sm.Time, Finished: sm.Finished, Outcome: id(sm.Outcome),
		Answers: map[string]flows.RecordedAnswer{}, Results: map[string]checks.Result{}}
	if rec.FlowID == "" {
		return flows.Record{}, errors.New("the summary does not name its flow")
	}
	for _, a := range sm.Answers {
		ra := flows.RecordedAnswer{Shown: clean(a.Text)}
		switch {
		case a.Amount != nil:
			ra.Value = strings.TrimSpace(checks.Money(a.Amount.MinorUnits).String() + " " + clean(a.Amount.Currency))
		case a.Value != nil:
			ra.Value = clean(*a.Value)
		default:
			ra.Withheld = true // a sensitive answer: only how it was shown
		}
		rec.Answers[id(a.Node)] = ra
	}
	for _, c := range sm.Checks {
		r := c.Result
		rec.Results[id(c.Node)] = checks.Result{Name: r.Name, Status: r.Status, Outcome: r.Outcome, Summary: r.Summary, Detail: r.Detail, Next: r.Next}
	}
	return rec, nil
}

// readText reads the text summary back as far as it can: its first lines name the flow (by its
// problem, or its title as older summaries gave it) and say whether the walk ended; its details give the labelled answers; the lines an option
// adds (what happened, already tried) say which option was picked.
func readText(text string, lib []*flows.Flow) (flows.Record, error) {
	lines := strings.Split(flows.ScrubCardNumbers(flows.Sanitize(text)), "\n")
	lang, first := textLanguage(lines)
	if lang == "" {
		return flows.Record{}, errors.New("this is neither a JSON summary nor a text summary from unstuck (its first line says \"Support summary from unstuck\")")
	}
	w := func(english string) string { return flows.Word(lang, english) }
	field := func(name string) (string, bool) {
		for _, line := range lines {
			if v, ok := strings.CutPrefix(strings.TrimSpace(line), w(name)+": "); ok {
				return strings.TrimSpace(v), true
			}
		}
		return "", false
	}
	title, _ := field("Problem")
	var flow *flows.Flow
	for _, f := range lib {
		if lf := f.Localize(lang); flows.Sanitize(cmp.Or(lf.Problem, lf.Title)) == title || flows.Sanitize(lf.Title) == title {
			flow = lf
			break
		}
	}
	if flow == nil {
		return flows.Record{}, fmt.Errorf("the summary's problem %q is none of the flows here", flows.ShortLine(title, 60))
	}
	items := textItems(lines)
	rec := flows.Record{FlowID: flow.ID, Answers: textAnswers(flow, items), Results: textChecks(flow, lang, items)}
	ref, rest, _ := strings.Cut(first, ", ")
	rec.Reference = flows.OneLine(ref)
	if _, c, ok := strings.Cut(rest, ", "+w("case")+" "); ok {
		rec.CaseID = flows.OneLine(c)
	}
	if result, ok := field("Result"); ok && result != w("not finished") {
		rec.Finished = true
	}
	return rec, nil
}

// textLanguage finds the summary's first line in any language unstuck speaks: the language, and
// what follows "Support summary from unstuck: " (the reference, the time, the case).
func textLanguage(lines []string) (lang, first string) {
	for _, l := range flows.Languages() {
		prefix := flows.Word(l, "Support summary from unstuck") + ": "
		for _, line := range lines {
			if rest, ok := strings.CutPrefix(strings.TrimSpace(line), prefix); ok {
				return l, rest
			}
		}
	}
	return "", ""
}

// textItems are every item of every section, as written: "- text", or "Section: text" for a
// section of one item.
func textItems(lines []string) map[string]bool {
	items := map[string]bool{}
	for _, line := range lines {
		line = strings.TrimSpace(line)
		if v, ok := strings.CutPrefix(line, "- "); ok {
			items[v] = true
			continue
		}
		if _, v, ok := strings.Cut(line, ": "); ok {
			items[v] = true
		}
	}
	return items
}

// textAnswers finds each step's answer among the items: a labelled answer as "Label: text", an
// option that adds lines of its own by those lines. Two options that both fit give no answer.
func textAnswers(flow *flows.Flow, items map[string]bool) map[string]flows.RecordedAnswer {
	out := map[string]flows.RecordedAnswer{}
	st := flows.Start(flow, time.Time{})
	for _, n := range flow.Nodes {
		label := flows.Sanitize(n.Label)
		switch {
		case len(n.Options) > 0:
			if i := textOption(st, n, label, items); i >= 0 {
				o := n.Options[i]
				v := o.Value
				if v == "" {
					v = o.Label
				}
				out[n.ID] = flows.RecordedAnswer{Value: v, Shown: st.Text(o.Label)}
			}
		case n.Input != nil && label != "":
			for item := range items {
				if v, ok := strings.CutPrefix(item, label+": "); ok {
					ra := flows.RecordedAnswer{Value: v, Shown: v}
					if n.Input.IsSensitive() {
						ra = flows.RecordedAnswer{Shown: v, Withheld: true} // how it was shown, never a value
					}
					out[n.ID] = ra
				}
			}
		}
	}
	return out
}

// textOption is the option of choice n the items show was picked, or -1.
func textOption(st flows.State, n *flows.Node, label string, items map[string]bool) int {
	pick := -1
	for i, o := range n.Options {
		told := len(o.Summary)+len(o.Tried) > 0
		shown := st.Text(o.Label)
		if o.Answer != "" {
			shown = st.Text(o.Answer)
		}
		if !told && label != "" && items[label+": "+shown] || told && allIn(items, st, append(append([]string{}, o.Summary...), o.Tried...)) {
			if pick >= 0 {
				return -1 // two options fit: neither is taken
			}
			pick = i
		}
	}
	return pick
}

// textChecks finds each check's result among the items by the line the Checked section gives it:
// its label, its status and the agent's sentence for its outcome. A check whose sentence has amounts
// in it (the limit check's), or that two outcomes would write alike, is not found: the replay stops
// there and the check runs when the agent goes on.
func textChecks(flow *flows.Flow, lang string, items map[string]bool) map[string]checks.Result {
	out := map[string]checks.Result{}
	for _, n := range flow.Nodes {
		spec, ok := checks.Lookup(n.Check)
		if n.Kind != flows.KindCheck || !ok {
			continue
		}
		var found []checks.Result
		for _, o := range spec.Outcomes {
			agent := spec.Texts[o].Agent
			if agent == "" {
				continue
			}
			for status, word := range statusWords {
				r := checks.Result{Name: n.Check, Status: status, Outcome: o, Summary: spec.Texts[o].Summary, Next: spec.Texts[o].Next}
				line := fmt.Sprintf("%s: %s. %s", checkLabel(lang, r), flows.Word(lang, word), flows.Sanitize(flows.Word(lang, agent)))
				if items[strings.Join(strings.Fields(line), " ")] {
					found = append(found, flows.LocalizeResult(r, lang))
				}
			}
		}
		if len(found) == 1 {
			out[n.ID] = found[0]
		}
	}
	return out
}

// allIn reports whether every line (with no answer to fill in) is among the items.
func allIn(items map[string]bool, st flows.State, lines []string) bool {
	n := 0
	for _, l := range lines {
		if strings.Contains(l, "{{") {
			continue
		}
		if !items[strings.Join(strings.Fields(strings.TrimSpace(st.Text(l))), " ")] {
			return false
		}
		n++
	}
	return n > 0
}
