// Package summary puts a walk into words for the people who help: the support summary a shopper
// pastes (text, Markdown, JSON) and the transcript staff keep. Everything it renders is scrubbed.
package summary

import (
	"cmp"
	"crypto/sha256"
	"encoding/base32"
	"fmt"
	"strings"
	"time"

	"github.com/unstuck-dev/unstuck/checks"
	"github.com/unstuck-dev/unstuck/flows"
	"github.com/unstuck-dev/unstuck/flows/words"
)

// Summary is what a shopper pastes into a support chat: what happened, what was checked, what was
// tried, and what is left for the agent. It holds only what may be shown: sensitive answers are
// masked before they get here.
type Summary struct {
	SchemaVersion int       `json:"schema_version"` // SchemaVersion: the shape of the JSON summary
	FlowID        string    `json:"flow"`
	FlowVersion   int       `json:"flow_version"`  // the flow format version the flow is written in
	FlowRevision  string    `json:"flow_revision"` // a fingerprint of what the flow says, in any language
	FlowTitle     string    `json:"title"`
	Problem       string    `json:"problem"` // the problem as the agent reads it, in the third person: the flow's problem, else its title
	Provider      string    `json:"provider"`
	Library       string    `json:"library"`   // where the flow came from: built-in, a library folder, or a file run on its own
	Reference     string    `json:"reference"` // a short id for the case
	CaseID        string    `json:"case_id,omitempty"`
	Time          time.Time `json:"time"`              // when the walk started, in the shopper's time zone
	TimeZone      string    `json:"time_zone"`         // that zone's name or abbreviation, e.g. "CET"
	Outcome       string    `json:"outcome,omitempty"` // the end node's outcome, e.g. "contact-support"
	OutcomeTitle  string    `json:"outcome_title,omitempty"`
	Result        string    `json:"result,omitempty"` // the result as the agent reads it: the end's result, else its title
	Finished      bool      `json:"finished"`
	Happened      []string  `json:"happened"` // summary lines from the nodes and options on the path
	Answers       []Answer  `json:"answers"`
	Checks        []Check   `json:"checks"`
	Tried         []string  `json:"tried"`
	Question      string    `json:"question,omitempty"` // what the agent is asked to find out
	Advice        []string  `json:"advice,omitempty"`
	Notes         []Note    `json:"notes,omitempty"` // staff notes
	Lang          string    `json:"language"`        // the language of the summary's words

	template string // the flow's summary_template, if it has one
}

// Answer is one answer, under the label the flow gives it. Important answers (those with a
// label) appear in the text summary; every answer appears in JSON.
type Answer struct {
	Node      string   `json:"node"`
	Label     string   `json:"label"`
	Text      string   `json:"text"`             // the answer in words, in the summary's language
	Value     string   `json:"value,omitempty"`  // the option's value, or the typed answer; never a sensitive one
	Amount    *Amount  `json:"amount,omitempty"` // for amounts
	Values    []string `json:"values,omitempty"` // for a tick step: the values ticked
	Important bool     `json:"important"`
	card      bool     // a card number (masked): kept even in the shortest summary
	told      bool     // the option picked adds its own lines (what happened, tried): said once, there
}

// Amount is an amount of money: minor units (cents, öre) and the currency, an ISO 4217 code when
// it is known ("SEK"), else the mark the shopper typed ("$"), else empty.
type Amount struct {
	MinorUnits int64  `json:"minor_units"`
	Currency   string `json:"currency,omitempty"`
}

// Check is one check that ran, with its plain and technical lines.
type Check struct {
	Node   string        `json:"node"`
	Result checks.Result `json:"result"`
	// Agent is what the result means, said to the support agent in the third person and in the
	// summary's language; Result.Summary keeps what the shopper was told.
	Agent string `json:"agent,omitempty"`
	quiet bool   // skipped, and the walk asked the shopper instead: it tells the agent nothing
}

// Note is a note staff added at a step.
type Note struct {
	Node string    `json:"node"`
	At   time.Time `json:"at"`
	Text string    `json:"text"`
}

// Of derives the support summary from the walk so far.
func Of(s flows.State) Summary {
	f := s.Flow()
	version := f.Version
	if version == 0 {
		version = 1
	}
	zone, _ := s.Started().Zone()
	sm := Summary{
		SchemaVersion: SchemaVersion, FlowVersion: version, FlowRevision: f.Revision(), TimeZone: zone,
		FlowID: f.ID, FlowTitle: flows.Sanitize(f.Title), Problem: flows.Sanitize(cmp.Or(f.Problem, f.Title)), Provider: flows.Sanitize(f.ProviderName()), Library: libraryOf(f),
		Reference: reference(f.ID, s.Started()), CaseID: s.CaseID(), Time: s.Started(), Finished: s.Done(),
		Happened: []string{}, Answers: []Answer{}, Checks: []Check{}, Tried: []string{},
		template: f.SummaryTemplate, Lang: f.Language,
	}
	answers, results := s.Answers(), s.Results()
	currency := walkCurrency(f, answers)
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
	steps := s.Steps()
	for i, st := range steps {
		n := f.Node(st.Node)
		for _, l := range n.Summary {
			addLine(&sm.Happened, l)
		}
		for _, l := range n.Tried {
			addLine(&sm.Tried, l)
		}
		for _, o := range flows.Picked(n, st) {
			for _, l := range o.Summary {
				addLine(&sm.Happened, l)
			}
			for _, l := range o.Tried {
				addLine(&sm.Tried, l)
			}
		}
		for _, note := range st.Notes {
			sm.Notes = append(sm.Notes, Note{Node: n.ID, At: note.At, Text: flows.Sanitize(note.Text)})
		}
		if seen[n.ID] {
			continue
		}
		if a, ok := answers[n.ID]; ok && !a.Skipped {
			seen[n.ID] = true
			sm.Answers = append(sm.Answers, answerOf(s, n, st, a))
		}
		if st.Result != nil {
			seen[n.ID] = true
			r := results[n.ID]
			// A check skipped for want of what it needs, after which the walk asked the shopper
			// instead, is no news for the agent; one whose skip led to the end (perhaps through
			// steps that ask nothing, such as the contact-support part) explains that end.
			quiet := r.Status == checks.StatusSkipped && asksLater(f, steps[i+1:])
			lr := flows.LocalizeResult(r, f.Language)
			agent := agentSentence(f.Language, lr, currency)
			if lr.Name == "limit" && currency != "" && lr.Detail != "" {
				lr.Detail += " " + "currency=" + strings.Join(strings.Fields(currency), "_") // the amounts' currency, as the shopper gave it
			}
			sm.Checks = append(sm.Checks, Check{Node: n.ID, Result: lr, Agent: agent, quiet: quiet})
		}
	}
	if end := s.Node(); end.Def().Traits().Final {
		sm.Outcome = end.Outcome
		sm.OutcomeTitle = s.Text(end.Title)
		sm.Result = sm.OutcomeTitle
		if end.Result != "" {
			sm.Result = s.Text(end.Result)
		}
		sm.Question = strings.TrimSpace(s.Text(end.Question))
		for _, l := range end.Advice {
			if t := s.Text(l); t != "" { // a line left out for a provider setting that is not set
				sm.Advice = append(sm.Advice, t)
			}
		}
	}
	return sm
}

// answerOf is one answer as the summary gives it, in the summary's language.
func answerOf(s flows.State, n *flows.Node, st flows.Step, a flows.Answer) Answer {
	label := flows.Sanitize(n.Label)
	if label == "" {
		label = s.Text(firstLine(n.Text))
	}
	ans := Answer{Node: n.ID, Label: label, Important: n.Label != "", card: n.Input != nil && n.Input.Type == flows.InputCard}
	if st.Option >= 0 && st.Option < len(n.Options) {
		// The option's short answer for the agent, else its label, in this flow's language.
		o := n.Options[st.Option]
		ans.told = len(o.Summary)+len(o.Tried) > 0
		ans.Text = s.Text(o.Label)
		if o.Answer != "" {
			ans.Text = s.Text(o.Answer)
		}
		ans.Value = a.Value
	} else if n.Kind == flows.KindTick {
		// Each option ticked under its short answer, in this flow's language; JSON has the values.
		ans.Text, ans.Value, ans.Values = flows.TickedText(s, n, a), a.Value, a.Values
	} else {
		// Written now, in the summary's language, from the answer's value: not the words the
		// shopper saw, which were in theirs.
		ans.Text = flows.DisplayIn(n.Input, a, s.Flow().Language)
		if !a.Sensitive {
			ans.Value = a.Value
		}
		if n.Input != nil && n.Input.Type == flows.InputMoney && !a.Sensitive {
			ans.Amount = &Amount{MinorUnits: a.Number, Currency: a.Currency}
			ans.Value = "" // the amount says it, in numbers
		}
	}
	return ans
}

func firstLine(s string) string {
	s, _, _ = strings.Cut(strings.TrimSpace(s), "\n")
	return s
}

// reference is a short, stable id for a case: the same flow started at the same moment gets the same one.
// It ends in a letter: a final digit would run on into the date after it in the summary's first
// line ("U-PLQ47, 2026-12-03 13:50"), and twelve digits in a row that pass the card check are
// scrubbed as a card, reference and date with them.
func reference(flowID string, t time.Time) string {
	h := sha256.Sum256([]byte(flowID + "\x00" + t.UTC().Format(time.RFC3339Nano)))
	ref := []byte(base32.StdEncoding.EncodeToString(h[:])[:6])
	if last := ref[5]; last >= '2' && last <= '7' {
		ref[5] = 'S' + (last - '2') // S to X
	}
	return "U-" + string(ref)
}

// Told are the checks that tell the agent something: all but those skipped for want of what they
// needed (no address given) after which the shopper was asked instead. The JSON keeps them all.
func (sm Summary) Told() []Check {
	var out []Check
	for _, c := range sm.Checks {
		if !c.quiet {
			out = append(out, c)
		}
	}
	return out
}

// checkLabel names a check in plain words for the summary, from its definition.
func checkLabel(lang string, r checks.Result) string {
	if spec, ok := checks.Lookup(r.Name); ok && spec.Label != "" {
		return flows.Word(lang, spec.Label)
	}
	return r.Name
}

// walkCurrency is the currency of the walk's amounts: the first one an amount answer carries (typed
// with the amount, or declared by the flow), else none.
func walkCurrency(f *flows.Flow, answers map[string]flows.Answer) string {
	for _, n := range f.Nodes {
		if n.Input == nil || n.Input.Type != flows.InputMoney {
			continue
		}
		if a, ok := answers[n.ID]; ok && !a.Skipped && !a.Sensitive && a.Currency != "" {
			return a.Currency
		}
	}
	return ""
}

// limitAgentTexts are the limit check's agent sentences with the amounts in them, by outcome; the
// amounts come from what the result found (its Limit), in the order the sentence names them.
var limitAgentTexts = map[string]struct {
	text string
	keys []string
}{
	"over_limit": {"The amount is %s over the shopper's available spending limit of %s.", []string{"over_available", "available"}},
	"over_cap":   {"The amount is %s over the card's limit for a single purchase of %s.", []string{"over_cap", "cap"}},
	"over_both": {"The amount is %s over the shopper's available spending limit of %s, and %s over the card's limit for a single purchase of %s.",
		[]string{"over_available", "available", "over_cap", "cap"}},
}

// limitAgent is the limit check's agent sentence with its amounts, in lang and the walk's currency;
// false when the result does not carry them (a result a flow test pretended).
func limitAgent(lang string, r checks.Result, currency string) (string, bool) {
	t, ok := limitAgentTexts[r.Outcome]
	if !ok {
		return "", false
	}
	found := r.Limit
	if found == nil {
		return "", false
	}
	facts := map[string]checks.Money{}
	if found.Available >= 0 {
		facts["available"], facts["over_available"] = found.Available, found.Amount-found.Available
	}
	if found.Cap > 0 {
		facts["cap"], facts["over_cap"] = found.Cap, found.Amount-found.Cap
	}
	var args []any
	for _, k := range t.keys {
		m, ok := facts[k]
		if !ok {
			return "", false
		}
		args = append(args, flows.WithCurrency(words.Amount(lang, int64(m)), currency))
	}
	return flows.Wordf(lang, t.text, args...), true
}

// agentSentence says what a result means for the support agent, in lang: the check's agent text
// for the outcome (with the amounts, for the limit check), else the shopper's sentence.
func agentSentence(lang string, r checks.Result, currency string) string {
	if s, ok := limitAgent(lang, r, currency); ok && r.Name == "limit" {
		return s
	}
	if spec, ok := checks.Lookup(r.Name); ok {
		if t := spec.Texts[r.Outcome]; t.Agent != "" {
			return flows.Word(lang, t.Agent)
		}
	}
	return r.Summary
}

// agentLine is a check's sentence in the text and Markdown summaries.
func (c Check) agentLine() string {
	if c.Agent != "" {
		return c.Agent
	}
	return c.Result.Summary
}

var statusWords = map[checks.Status]string{
	checks.StatusOK: "OK", checks.StatusWarning: "WARNING", checks.StatusProblem: "PROBLEM", checks.StatusSkipped: "SKIPPED",
}

// DefaultTextLimit keeps a text summary short enough for a chat box.
const DefaultTextLimit = 1500

// summaryLine is one line of the text summary, with how readily it is dropped to fit a limit.
type summaryLine struct {
	text string
	drop int // 0: never dropped; higher numbers go first
}

// Drop levels: what goes first when a summary is too long for a chat box.
const (
	keep         = 0
	dropAnswer   = 1 // answers that matter, what happened
	dropTried    = 2 // steps already tried, checks that passed
	dropTechOK   = 4 // technical lines of checks that passed
	dropTechFail = 3 // technical lines of checks that found something
)

// sections builds the text summary's parts, each a list of lines.
func (sm Summary) sections() map[string][]summaryLine {
	out := map[string][]summaryLine{}
	w := func(english string) string { return flows.Word(sm.Lang, english) }
	// The first line says what this is, and which case: the reference and when.
	first := w("Support summary from unstuck") + ": " + sm.Reference + ", " + sm.Time.Format("2006-01-02 15:04 MST (-07:00)")
	if sm.CaseID != "" {
		first += ", " + w("case") + " " + sm.CaseID
	}
	header := []summaryLine{{first, keep}, {w("Problem") + ": " + sm.Problem, keep}}
	if sm.fromLibrary() {
		// A team's own flow: the agent learns which one, and which revision, the shopper ran.
		header = append(header, summaryLine{w("Flow") + ": " + sm.flowLine(), keep})
	}
	if sm.Finished {
		header = append(header, summaryLine{w("Result") + ": " + sm.Result, keep})
	} else {
		header = append(header, summaryLine{w("Result") + ": " + w("not finished"), keep})
	}
	out["header"] = header
	item := func(text string, drop int) []summaryLine {
		// One line per item, never folded: a chat box, an editor or a ticket wraps it for its own
		// width, and a fold would break a sentence (or a card number, out of the scrub's sight).
		return []summaryLine{{"- " + strings.Join(strings.Fields(flows.ScrubCardNumbers(text)), " "), drop}}
	}
	// A section of one item is one line ("Already tried: ..."); a longer one is a list set apart by
	// blank lines. A typical walk fits in about fifteen lines.
	section := func(key, title string, lines []summaryLine) {
		switch {
		case len(lines) == 1 && strings.HasPrefix(lines[0].text, "- "):
			out[key] = []summaryLine{{title + ": " + strings.TrimPrefix(lines[0].text, "- "), lines[0].drop}}
		case len(lines) > 0:
			out[key] = append(append([]summaryLine{{"", keep}, {title + ":", keep}}, lines...), summaryLine{"", keep})
		}
	}
	var happened, details, checked, tried, notes []summaryLine
	for _, h := range sm.Happened {
		happened = append(happened, item(h, dropAnswer)...)
	}
	for _, a := range sm.Answers {
		if a.Important && !a.told {
			drop := dropAnswer
			if a.card {
				drop = keep
			}
			details = append(details, item(a.Label+": "+a.Text, drop)...)
		}
	}
	for _, c := range sm.Told() {
		r := c.Result
		drop, tech := keep, dropTechFail
		if r.Status == checks.StatusOK || r.Status == checks.StatusSkipped {
			drop, tech = dropTried, dropTechOK
		}
		checked = append(checked, item(fmt.Sprintf("%s: %s. %s", checkLabel(sm.Lang, r), w(statusWords[r.Status]), flows.Sanitize(c.agentLine())), drop)...)
		// A check that passed says all in its line; the technical line is for what was found.
		if r.Detail != "" && r.Status != checks.StatusOK {
			for _, l := range item(w("Technical")+": "+flows.Sanitize(r.Detail), tech) {
				l.text = "  " + l.text[2:] // under the check, not a new item
				checked = append(checked, l)
			}
		}
	}
	for _, t := range sm.Tried {
		tried = append(tried, item(t, dropTried)...)
	}
	for _, n := range sm.Notes {
		notes = append(notes, item(n.At.Format("15:04")+" "+n.Text, dropAnswer)...)
	}
	section("happened", w("What happened"), happened)
	section("details", w("Details"), details)
	section("checks", w("Checked"), checked)
	section("tried", w("Already tried"), tried)
	if sm.Question != "" {
		section("question", w("Question for support"), item(sm.Question, keep))
	}
	section("notes", w("Notes from support staff"), notes)
	return out
}

// defaultLayout is the order of the sections when a flow has no summary_template.
const defaultLayout = "{{summary.header}}{{summary.happened}}{{summary.details}}{{summary.checks}}{{summary.tried}}{{summary.question}}{{summary.notes}}"

// Text renders the summary for a chat box: plain, no colour, no Markdown, one line per item (the
// reader's screen wraps it), at most DefaultTextLimit characters. The result is scrubbed of anything that looks like a card number.
func (sm Summary) Text() string { return sm.TextLimit(DefaultTextLimit) }

// TextLimit renders the text summary in at most limit characters (0: no limit). Less important lines
// are dropped first (technical lines of passed checks, then the rest), and the drop is stated.
func (sm Summary) TextLimit(limit int) string {
	secs := sm.sections()
	layout := defaultLayout
	if sm.template != "" {
		layout = sm.template
	}
	// Lay the sections out by the template: each {{summary.x}} becomes its lines; other text stays.
	var lines []summaryLine
	rest := layout
	for rest != "" {
		i := strings.Index(rest, "{{summary.")
		if i < 0 {
			lines = append(lines, literalLines(rest)...)
			break
		}
		lines = append(lines, literalLines(rest[:i])...)
		j := strings.Index(rest[i:], "}}")
		if j < 0 {
			lines = append(lines, literalLines(rest[i:])...)
			break
		}
		name := strings.TrimSpace(rest[i+len("{{summary.") : i+j])
		lines = append(lines, secs[name]...)
		rest = rest[i+j+2:]
	}
	if template := sm.template; template != "" && len(lines) > 0 && lines[0].text == "" {
		lines = lines[1:]
	}
	length := func(ls []summaryLine) int {
		n := 0
		for _, l := range ls {
			if l.drop >= 0 {
				n += len(l.text) + 1
			}
		}
		return n
	}
	dropped := 0
	notice := flows.Word(sm.Lang, "(%d less important lines were left out to keep this short.)")
	for level := dropTechOK; limit > 0 && level > keep && length(lines)+len(notice)+4 > limit; level-- {
		for i := len(lines) - 1; i >= 0 && length(lines)+len(notice)+4 > limit; i-- {
			if lines[i].drop == level {
				lines[i].drop = -1
				dropped++
			}
		}
	}
	var b strings.Builder
	blank := false
	for _, l := range lines {
		if l.drop < 0 {
			continue
		}
		if l.text == "" {
			blank = b.Len() > 0 // one blank line between parts, none at either end
			continue
		}
		if blank {
			b.WriteString("\n")
			blank = false
		}
		b.WriteString(l.text + "\n")
	}
	if dropped > 0 {
		b.WriteString("\n" + flows.Wordf(sm.Lang, "(%d less important lines were left out to keep this short.)", dropped) + "\n")
	}
	return flows.ScrubCardNumbers(flows.Sanitize(b.String()))
}

func literalLines(text string) []summaryLine {
	text = strings.Trim(text, "\n")
	if text == "" {
		return nil
	}
	var out []summaryLine
	for _, l := range strings.Split(text, "\n") {
		out = append(out, summaryLine{l, keep})
	}
	return out
}

// Markdown renders the summary for a ticket or an e-mail: headings, lists, technical lines as code.
func (sm Summary) Markdown() string {
	var b strings.Builder
	line := func(format string, args ...any) { fmt.Fprintf(&b, format+"\n", args...) }
	esc := markdownEscaper.Replace
	w := func(english string) string { return flows.Word(sm.Lang, english) }
	line("## %s: %s", w("Support summary"), esc(sm.Problem))
	line("")
	if sm.Finished {
		line("- **%s:** %s", w("Result"), esc(sm.Result))
	} else {
		line("- **%s:** %s", w("Result"), w("not finished"))
	}
	line("- **%s:** %s, %s", w("Reference"), sm.Reference, sm.Time.Format("2006-01-02 15:04 MST (-07:00)"))
	if sm.CaseID != "" {
		line("- **%s:** %s", w("Case"), esc(sm.CaseID))
	}
	if sm.fromLibrary() {
		line("- **%s:** %s", w("Flow"), esc(sm.flowLine()))
	}
	list := func(title string, items []string) {
		if len(items) == 0 {
			return
		}
		line("")
		line("### %s", title)
		line("")
		for _, it := range items {
			line("- %s", esc(it))
		}
	}
	list(w("What happened"), sm.Happened)
	var details []string
	for _, a := range sm.Answers {
		if a.Important && !a.told {
			details = append(details, a.Label+": "+a.Text)
		}
	}
	list(w("Details"), details)
	if told := sm.Told(); len(told) > 0 {
		line("")
		line("### %s", w("Checked"))
		line("")
		for _, c := range told {
			r := c.Result
			line("- **%s: %s.** %s", esc(checkLabel(sm.Lang, r)), w(statusWords[r.Status]), esc(c.agentLine()))
			// A code span shows its text as written; on one line, without backticks, it cannot end early.
			// As in the text, a check that passed says all in its line: the technical line is for what was found.
			if detail := strings.TrimSpace(flows.OneLine(strings.ReplaceAll(flows.Sanitize(r.Detail), "`", "'"))); detail != "" && r.Status != checks.StatusOK {
				line("  `%s`", detail)
			}
		}
	}
	list(w("Already tried"), sm.Tried)
	if sm.Question != "" {
		line("")
		line("### %s", w("Question for support"))
		line("")
		line("%s", esc(sm.Question))
	}
	var notes []string
	for _, n := range sm.Notes {
		notes = append(notes, n.At.Format("15:04")+" "+n.Text)
	}
	list(w("Notes from support staff"), notes)
	return flows.ScrubCardNumbers(flows.Sanitize(b.String()))
}

// markdownEscaper makes what a flow or a shopper wrote into inline text for the Markdown that unstuck
// writes (the summary and the transcript), so that the rendered page has exactly the structure unstuck
// gives it: headings, lists and tables come only from unstuck.
var markdownEscaper markdownInline

type markdownInline struct{}

// markdownSpecial are the characters escaped wherever they stand: emphasis, code, links and images,
// raw HTML and autolinks, entities, headings, tables, strikethrough, block quotes, and the backslash
// itself. CommonMark lets a backslash escape any ASCII punctuation, and GFM renders it the same way.
const markdownSpecial = "\\`*_[]<>&#|~"

// Replace returns s as one line of plain text that CommonMark and GFM render as written: escape
// sequences and card numbers removed, every line break a space (so nothing can start a line of its own), no leading
// or trailing space (four spaces would make code), the characters above escaped, a block marker at
// the start ("- ", "+ ", "1. ", "1) ", "===", "---") escaped, and web addresses (http://, https://,
// ftp://, mailto:, www.) broken so no renderer makes a link of them.
func (markdownInline) Replace(s string) string {
	// Scrubbed before escaping: a backslash put between the groups of a card number (4242_4242...)
	// would hide it from the scrub of the whole page.
	s = strings.TrimSpace(flows.ScrubCardNumbers(flows.OneLine(flows.Sanitize(s))))
	var b strings.Builder
	b.Grow(len(s) + len(s)/8)
	for i := 0; i < len(s); {
		c := s[i]
		switch {
		case strings.IndexByte(markdownSpecial, c) >= 0:
			b.WriteByte('\\')
			b.WriteByte(c)
		case c == ':' && autolinkScheme(s[:i]):
			b.WriteString("\\:")
		case c == '.' && i >= 3 && strings.EqualFold(s[i-3:i], "www") && (i == 3 || !isWordByte(s[i-4])):
			b.WriteString("\\.")
		case c == '@':
			b.WriteString("\\@") // an e-mail address becomes a mailto link in GFM
		default:
			b.WriteByte(c)
		}
		i++
	}
	return escapeBlockStart(b.String())
}

// autolinkScheme reports whether before ends in a word that GFM and other renderers turn into a
// link when a colon follows: a scheme such as http, https, ftp, mailto or xmpp.
func autolinkScheme(before string) bool {
	j := len(before)
	for j > 0 && (isWordByte(before[j-1]) || before[j-1] == '+' || before[j-1] == '.' || before[j-1] == '-') {
		j--
	}
	switch strings.ToLower(before[j:]) {
	case "http", "https", "ftp", "mailto", "xmpp":
		return true
	}
	return false
}

func isWordByte(c byte) bool {
	return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '_'
}

// escapeBlockStart escapes what would open a block where a line starts: a bullet ("- ", "+ "), an
// ordered list item ("1. ", "1) "), a thematic break or setext underline (a line of only - or =). The
// other block markers (#, >, *, _, `, ~, |, <) are escaped everywhere. Anything else is left as
// written: "-5", "+46 70", "120.50" open no block.
func escapeBlockStart(s string) string {
	if s == "" {
		return s
	}
	spaceOrEnd := func(i int) bool { return i >= len(s) || s[i] == ' ' }
	switch c := s[0]; {
	case (c == '-' || c == '+') && spaceOrEnd(1):
		return "\\" + s
	case (c == '-' || c == '=') && strings.Trim(s, string(c)+" ") == "":
		return "\\" + s
	}
	j := 0
	for j < len(s) && j < 10 && s[j] >= '0' && s[j] <= '9' {
		j++
	}
	if j > 0 && j < len(s) && (s[j] == '.' || s[j] == ')') && spaceOrEnd(j+1) {
		return s[:j] + "\\" + s[j:]
	}
	return s
}

// JSON renders the summary for tools: every answer and check result with its node id.
func (sm Summary) JSON() string {
	data, err := flows.MarshalJSON(sm.sanitized())
	if err != nil {
		return "{}\n"
	}
	return flows.ScrubCardNumbers(string(data)) + "\n"
}

// asksLater says whether one of the steps asks the shopper something (a choice, an input, a tick).
func asksLater(f *flows.Flow, steps []flows.Step) bool {
	for _, st := range steps {
		if f.Node(st.Node).Def().Traits().Answered {
			return true
		}
	}
	return false
}
