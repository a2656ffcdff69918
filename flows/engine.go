package flows

import (
	"errors"
	"fmt"
	"slices"
	"strings"
	"time"
	"unicode"

	"github.com/unstuck-dev/unstuck/checks"
	"github.com/unstuck-dev/unstuck/flows/words"
)

// The engine is a state machine with no I/O. A State is a value: every move returns a new State and
// leaves the old one as it was, so back, restart and the transcript all come from the history of steps.

// Answer is what a shopper gave at a choice or input node.
type Answer struct {
	Value     string   // the option's value, or the normalised typed answer (raw for sensitive answers)
	Display   string   // what may be shown: the option's label, the normalised answer, or a masked form
	Number    int64    // for number and money answers (money in minor units)
	Currency  string   // for money: the ISO 4217 code (SEK), else the mark as typed ($); "" when unknown
	Skipped   bool     // an optional input left empty
	Sensitive bool     // Value must never be shown, saved or logged
	Values    []string // at a tick node, the values ticked, in the options' order (Value joins them)
}

// String shows only what may be shown.
func (a Answer) String() string { return a.Display }

// GoString keeps %#v from printing a sensitive value.
func (a Answer) GoString() string { return fmt.Sprintf("flows.Answer{Display: %q}", a.Display) }

// Step is one node visited, with what happened there.
type Step struct {
	Node   string
	Answer *Answer        // choice and input nodes, once answered
	Option int            // the index of the option picked at a choice, else -1
	Result *checks.Result // check nodes, once the check has run
	At     time.Time      // when the step was reached (from the adapter's clock)
	Via    Edge           // the way out that was taken, once the node was left
	Notes  []Note         // notes staff added at this step
	Passed bool           // the node is not for this walk's audience and was passed by itself
}

// Note is a note added at a step (staff mode).
type Note struct {
	At   time.Time
	Text string
}

// Edge names one way out of a node: an option's goto, a branch, or next.
type Edge struct {
	Kind  string // "option", "branch" or "next"; empty while the node has not been left
	Index int    // which option or branch, counting from 0
}

// State is where a walk through a flow stands.
type State struct {
	flow     *Flow
	steps    []Step // the last step is the current node, not yet left
	started  time.Time
	caseID   string // a support case's id, given in staff mode
	audience string // shopper or staff
	// undone are the steps forgotten by going back, oldest first, as they were answered: the walk
	// offers each answer again when it reaches that node again (Prompt.Earlier), and forgets an entry
	// once its node is answered anew. Going back changes one answer and keeps the rest on offer.
	undone []Step
	// retracted are the answers taken back by going back, as they were given, and breaks the times
	// the walk was interrupted and continued: both only for the transcript, never for routing.
	retracted []Undone
	breaks    []Break
}

// Undone is an answer given and then taken back by going back: the transcript shows it as undone.
// Answer is how it was shown (a card as its brand and last four), never a sensitive value.
type Undone struct {
	Node   string    `json:"node"`
	At     time.Time `json:"at"`
	Answer string    `json:"answer"`
}

// Break is a time the walk stopped (a quit, a closed terminal, a crash) and was continued later
// with unstuck resume, after the step at index AfterStep.
type Break struct {
	Stopped   time.Time `json:"stopped"`
	Continued time.Time `json:"continued"`
	AfterStep int       `json:"after_step"`
}

// Retracted lists the answers taken back by going back, oldest first.
func (s State) Retracted() []Undone { return append([]Undone(nil), s.retracted...) }

// Breaks lists the times the walk was interrupted and continued.
func (s State) Breaks() []Break { return append([]Break(nil), s.breaks...) }

// MaxSteps stops a flow whose loops a shopper could go round for ever.
const MaxSteps = 5000

// ErrNotAnswerable is returned when an answer is given to a node that does not take one.
var ErrNotAnswerable = errors.New("this step does not take an answer")

// InputError is a wrong answer: its message is a plain sentence for the shopper, and never repeats
// what was typed.
type InputError struct{ Message string }

func (e *InputError) Error() string { return e.Message }

func inputErr(lang, format string, args ...any) error {
	return &InputError{Message: Wordf(lang, format, args...)}
}

// Start begins the flow at its start node. now is the adapter's clock; the engine has none.
func Start(f *Flow, now time.Time) State {
	return StartAs(f, now, AudienceShopper)
}

// StartAs begins the flow for an audience: shopper, or staff (who see staff-only steps and not
// shopper-only ones).
func StartAs(f *Flow, now time.Time, audience string) State {
	st := State{flow: f, started: now, audience: audience}
	st.steps = st.arrive(nil, f.Start, now)
	return st
}

// arrive appends the step for node id to steps, first passing (and recording) any nodes that are
// not for this walk's audience, by their next or fallback.
func (s State) arrive(steps []Step, id string, now time.Time) []Step {
	for guard := 0; guard <= len(s.flow.Nodes); guard++ {
		n := s.flow.Node(id)
		passes := n != nil && n.Def().Traits().Passes // a call or a part's return (parts.go)
		if n == nil || n.For(s.audience) && !passes {
			break
		}
		target, via := n.Next, Edge{Kind: "next"}
		if passes {
			walked := s
			walked.steps = steps
			target, via = walked.route(n)
		} else if len(n.Branch) > 0 && n.Branch[len(n.Branch)-1].When == nil && target == "" {
			target, via = n.Branch[len(n.Branch)-1].Goto, Edge{Kind: "branch", Index: len(n.Branch) - 1}
		}
		steps = append(steps, Step{Node: id, Option: -1, At: now, Via: via, Passed: true})
		id = target
	}
	return append(steps, Step{Node: id, Option: -1, At: now})
}

// Audience is who the walk is for: shopper or staff.
func (s State) Audience() string { return s.audience }

// WithCaseID records a support case's id (staff mode); it appears in the summary and transcript.
func (s State) WithCaseID(id string) State {
	// One line, then scrubbed: a line break ends a number for the scrubber, so a card split over two
	// lines would otherwise pass it in two halves.
	s.caseID = ScrubCardNumbers(strings.TrimSpace(Sanitize(OneLine(id))))
	return s
}

// CaseID is the support case's id, if one was given.
func (s State) CaseID() string { return s.caseID }

// WithNote adds a note to the current step (staff mode).
func (s State) WithNote(text string, now time.Time) State {
	text = ScrubCardNumbers(strings.TrimSpace(Sanitize(OneLine(text)))) // one line, as WithCaseID says why
	if text == "" {
		return s
	}
	steps := append([]Step(nil), s.steps...)
	last := &steps[len(steps)-1]
	last.Notes = append(append([]Note(nil), last.Notes...), Note{At: now, Text: text})
	s.steps = steps
	return s
}

// answerable reports whether Back may stop at a step: not checks, and not steps passed by audience.
func (s State) answerable(st Step) bool {
	return !st.Passed && !s.flow.Node(st.Node).Def().Traits().Automatic
}

// Flow returns the flow being walked.
func (s State) Flow() *Flow { return s.flow }

// In returns the walk as if it had been made in another version of the same flow: a localized copy,
// for a summary in another language than the shopper's. The node ids must be the same.
func (s State) In(f *Flow) State {
	if f == nil || f.ID != s.flow.ID || len(f.Nodes) != len(s.flow.Nodes) {
		return s
	}
	s.flow = f
	return s
}

// Started is when the walk began.
func (s State) Started() time.Time { return s.started }

// Node is the current node.
func (s State) Node() *Node { return s.flow.Node(s.steps[len(s.steps)-1].Node) }

// Done reports whether the walk has reached an end node.
func (s State) Done() bool { return s.Node().Def().Traits().Final }

// Steps returns the history, oldest first, the current node last.
func (s State) Steps() []Step { return append([]Step(nil), s.steps...) }

// StepNumber counts the questions and messages met so far, the current one included; checks do not count.
func (s State) StepNumber() int {
	n := 0
	for _, st := range s.steps {
		if !s.flow.Node(st.Node).Def().Traits().Automatic {
			n++
		}
	}
	return n
}

// Remaining is the fewest further steps (checks not counted) to an end, from the current node.
func (s State) Remaining() int { return s.flow.distance(s.Node().ID) }

// CanGoBack reports whether Back would move.
func (s State) CanGoBack() bool {
	for i := len(s.steps) - 2; i >= 0; i-- {
		if s.answerable(s.steps[i]) {
			return true
		}
	}
	return false
}

// Back returns to the previous question or message, forgetting what was answered there and any check
// run since. At the start it returns the state unchanged and false.
func (s State) Back() (State, bool) {
	for i := len(s.steps) - 2; i >= 0; i-- {
		if !s.answerable(s.steps[i]) {
			continue
		}
		return s.backTo(i), true
	}
	return s, false
}

// CanGoBackTo reports whether BackTo(i) would move: step i is an earlier question or message.
func (s State) CanGoBackTo(i int) bool {
	return i >= 0 && i < len(s.steps)-1 && s.answerable(s.steps[i])
}

// BackTo returns to the step at index i of the history (as given by Steps), forgetting everything after.
func (s State) BackTo(i int) (State, bool) {
	if !s.CanGoBackTo(i) {
		return s, false
	}
	return s.backTo(i), true
}

// backTo returns to step i, forgetting what was answered there and everything after, and keeps the
// answers given from there on (and those still on offer from an earlier back) as earlier ones.
func (s State) backTo(i int) State {
	undone := make([]Step, 0, len(s.steps)-1-i+len(s.undone))
	undone = append(undone, s.steps[i:len(s.steps)-1]...)
	s.undone = append(undone, s.undone...)
	retracted := append([]Undone(nil), s.retracted...)
	for j := i; j < len(s.steps)-1; j++ {
		st := s.steps[j]
		what := ""
		switch {
		case st.Answer != nil:
			what = st.Answer.Display
		case st.Result != nil:
			what = string(st.Result.Status)
		default:
			continue // read, or passed: nothing was answered
		}
		retracted = append(retracted, Undone{Node: st.Node, At: s.steps[j+1].At, Answer: what})
	}
	s.retracted = retracted
	steps := append([]Step(nil), s.steps[:i+1]...)
	steps[i].Answer, steps[i].Option, steps[i].Result, steps[i].Via = nil, -1, nil, Edge{}
	s.steps = steps
	return s
}

// Restart begins a new walk from the start node: a new start time (so a new reference), no answers,
// nothing on offer from before; a support case's id is kept.
func (s State) Restart(now time.Time) State {
	st := StartAs(s.flow, now, s.audience)
	st.caseID = s.caseID
	return st
}

// Continue leaves a step that is read, not answered (a message).
func (s State) Continue(now time.Time) (State, error) {
	n := s.Node()
	if !n.Def().Traits().Reads {
		return s, ErrNotAnswerable
	}
	return s.leave(n, Step{Node: n.ID, Option: -1, At: s.current().At}, now)
}

// Answer gives a typed answer: at a choice, an option's number, value or label; at an input, the
// answer, validated for its type; at a message, anything continues. The node's kind takes it.
func (s State) Answer(input string, now time.Time) (State, error) {
	n := s.Node()
	return n.Def().answer(s, n, input, now)
}

// CheckRequest is a check the adapter should run for the current node, with its parameters filled in.
// Params may hold sensitive answers (a card number): pass them to the check, never display them.
type CheckRequest struct {
	Node   string
	Check  string
	Params map[string]string
}

func (s State) current() Step { return s.steps[len(s.steps)-1] }

// leave records step as the outcome of the current node and moves to the node its answer leads to.
func (s State) leave(n *Node, step Step, now time.Time) (State, error) {
	if len(s.steps) >= MaxSteps {
		return s, errors.New("this flow has gone round too many times; start again")
	}
	steps := make([]Step, len(s.steps), len(s.steps)+1)
	copy(steps, s.steps)
	step.Notes = s.current().Notes // notes added at the step stay with it
	steps[len(steps)-1] = step
	next := s
	next.steps, next.undone = steps, s.offerLeft(n.ID)
	target, via := "", Edge{}
	if step.Option >= 0 && n.Options[step.Option].Goto != "" {
		target, via = n.Options[step.Option].Goto, Edge{Kind: "option", Index: step.Option}
	} else {
		target, via = next.route(n)
	}
	steps[len(steps)-1].Via = via
	if s.flow.Node(target) == nil {
		// The loader refuses flows where this can happen; say so plainly rather than panic.
		return s, fmt.Errorf("node %q leads nowhere", n.ID)
	}
	next.steps = next.arrive(next.steps, target, now)
	return next, nil
}

// earlierAt is the step forgotten by going back that the walk offers again at node id, if any.
func (s State) earlierAt(id string) *Step {
	for i := range s.undone {
		if s.undone[i].Node == id {
			return &s.undone[i]
		}
	}
	return nil
}

// offerLeft is what stays on offer once node id is left: the entries after its first one (the
// walk has passed the steps before it), or all of them when id was not among them.
func (s State) offerLeft(id string) []Step {
	for i := range s.undone {
		if s.undone[i].Node == id {
			return s.undone[i+1:]
		}
	}
	return s.undone
}

// route picks the first branch whose condition holds, else next.
func (s State) route(n *Node) (string, Edge) {
	for i, b := range n.Branch {
		if b.When == nil || s.holds(n, b.When) {
			return b.Goto, Edge{Kind: "branch", Index: i}
		}
	}
	return n.Next, Edge{Kind: "next"}
}

// Answers returns the latest answer given at each node.
func (s State) Answers() map[string]Answer {
	out := map[string]Answer{}
	for _, st := range s.steps {
		if st.Answer != nil {
			out[st.Node] = *st.Answer
		}
	}
	return out
}

// Results returns the latest result of each check node.
func (s State) Results() map[string]checks.Result {
	out := map[string]checks.Result{}
	for _, st := range s.steps {
		if st.Result != nil {
			out[st.Node] = *st.Result
		}
	}
	return out
}

func (s State) answer(id string) (Answer, bool) {
	for i := len(s.steps) - 1; i >= 0; i-- {
		if s.steps[i].Node == id && s.steps[i].Answer != nil {
			return *s.steps[i].Answer, true
		}
	}
	return Answer{}, false
}

func (s State) result(id string) (checks.Result, bool) {
	for i := len(s.steps) - 1; i >= 0; i-- {
		if s.steps[i].Node == id && s.steps[i].Result != nil {
			return *s.steps[i].Result, true
		}
	}
	return checks.Result{}, false
}

func (s State) holds(n *Node, c *Cond) bool {
	if c.Answer != "" && !s.answerHolds(c) {
		return false
	}
	if !s.countHolds(c) { // value, days_since, days_between (values.go)
		return false
	}
	if len(c.Outcome) > 0 || len(c.Status) > 0 {
		id := n.ID
		if c.Check != "" {
			id = c.Check
		}
		r, ok := s.result(id)
		if !ok {
			return false
		}
		if len(c.Outcome) > 0 && !contains(c.Outcome, r.Outcome) {
			return false
		}
		if len(c.Status) > 0 && !contains(c.Status, string(r.Status)) {
			return false
		}
	}
	for _, sub := range c.All {
		if !s.holds(n, sub) {
			return false
		}
	}
	if len(c.Any) > 0 {
		any := false
		for _, sub := range c.Any {
			if s.holds(n, sub) {
				any = true
				break
			}
		}
		if !any {
			return false
		}
	}
	if c.Not != nil && s.holds(n, c.Not) {
		return false
	}
	return true
}

func (s State) answerHolds(c *Cond) bool {
	a, ok := s.answer(c.Answer)
	given := ok && !a.Skipped
	if c.Given != nil && *c.Given != given {
		return false
	}
	if !given {
		// Every other test needs an answer to compare.
		return !comparesValue(c)
	}
	if c.Has != nil && !containsFold(a.Values, *c.Has) {
		return false
	}
	src := s.flow.Node(c.Answer)
	if !valueHolds(c, src, a) {
		return false
	}
	typ := InputNumber
	if src != nil && src.Input != nil {
		typ = src.Input.Type
	}
	return boundsHold(c, typ, a.Number)
}

// boundsHold tests n, a number or amount of type typ, against a condition's gt, gte, lt and lte;
// a bound that does not read as a number of that type never holds.
func boundsHold(c *Cond, typ InputType, n int64) bool {
	for _, cmp := range []struct {
		bound *string
		ok    func(a, b int64) bool
	}{
		{c.Gt, func(a, b int64) bool { return a > b }},
		{c.Gte, func(a, b int64) bool { return a >= b }},
		{c.Lt, func(a, b int64) bool { return a < b }},
		{c.Lte, func(a, b int64) bool { return a <= b }},
	} {
		if cmp.bound == nil {
			continue
		}
		b, err := parseNumber(typ, *cmp.bound)
		if err != nil || !cmp.ok(n, b) {
			return false
		}
	}
	return true
}

// comparesValue reports whether a condition compares an answer with a value (every test of an
// answer but given), which needs an answer to compare.
func comparesValue(c *Cond) bool {
	return c.Equals != nil || c.NotEquals != nil || len(c.In) > 0 || c.Gt != nil || c.Gte != nil || c.Lt != nil || c.Lte != nil || c.Has != nil || c.Matches != nil
}

// valueHolds tests an answer with equals, not_equals, in (a number or amount as a number: answerIs)
// and matches.
func valueHolds(c *Cond, src *Node, a Answer) bool {
	is := func(v string) bool { return answerIs(src, a, v) }
	switch {
	case c.Equals != nil && !is(*c.Equals),
		c.NotEquals != nil && is(*c.NotEquals),
		len(c.In) > 0 && !slices.ContainsFunc(c.In, is),
		c.Matches != nil && !answerMatches(*c.Matches, a.Value):
		return false
	}
	return true
}

func containsFold(list []string, v string) bool {
	for _, x := range list {
		if strings.EqualFold(x, v) {
			return true
		}
	}
	return false
}

func contains(list []string, v string) bool {
	for _, x := range list {
		if x == v {
			return true
		}
	}
	return false
}

// lookup finds the value of a {{name}}: raw values are for checks only, display values for people.
func (s State) lookup(name string, raw bool) (string, bool) {
	switch name {
	case "provider.name":
		return s.flow.ProviderName(), true
	case "provider.help_url":
		if v, _ := s.flow.ProviderSetting("help_url"); v != "" {
			return v, true
		}
		return "the provider's website or app", true
	case "flow.title":
		return s.flow.Title, true
	}
	if key, ok := strings.CutPrefix(name, "provider."); ok {
		if v, known := s.flow.ProviderSetting(key); known {
			return v, true
		}
	}
	if v, ok := s.lookupCount(name, raw); ok { // computed values, {{date.days_ago}} (values.go)
		return v, true
	}
	a, ok := s.answer(name)
	if !ok {
		if raw {
			return "", true
		}
		return Word(s.flow.Language, "(not answered)"), true
	}
	if raw {
		return a.Value, true
	}
	return a.Display, true
}

// Text fills {{references}} in text from a flow with the answers so far (sensitive ones masked) and
// strips control and escape sequences, ready to display.
// A line that names an optional provider setting that is not set is left out (dropUnset).
func (s State) Text(text string) string {
	return Sanitize(expand(dropUnset(text, s.flow), func(name string) (string, bool) { return s.lookup(name, false) }))
}

// wholeDigits counts the digits (in any script) before the decimal point: the last dot or comma
// when one or two digits follow it.
func wholeDigits(s string) int {
	count := func(s string) int {
		n := 0
		for _, r := range s {
			if unicode.IsDigit(r) {
				n++
			}
		}
		return n
	}
	if i := strings.LastIndexAny(s, ".,"); i >= 0 {
		if f := count(s[i+1:]); f == 1 || f == 2 {
			return count(s[:i])
		}
	}
	return count(s)
}

func capitalise(s string) string {
	if s == "" {
		return s
	}
	s = strings.ToUpper(s[:1]) + s[1:]
	if !strings.HasSuffix(s, ".") {
		s += "."
	}
	return s
}

// distance is the fewest non-check steps from node id to an end, as worked out when the flow loaded.
func (f *Flow) distance(id string) int {
	if f.meta == nil {
		return distances(f)[id]
	}
	return f.meta.dist[id]
}

// distances finds the fewest non-check steps from each node to an end (nodegraph.go).
func distances(f *Flow) map[string]int { return newFlowGraph(f).distances() }

// Replay carries a walk over to a new version of its flow (a writer saved the file): replay.go.
func Replay(old State, f *Flow, now time.Time) State { return replay(old, f, now) }

// MaskedCard shows a card as its brand and last four digits, in the flow's language.
func MaskedCard(c checks.CardNumber, lang string) string {
	if isEnglish(lang) {
		return c.Masked()
	}
	return fmt.Sprintf(Word(lang, "%s ending %s"), c.Brand().Title(), c.Last4())
}

// localNumber writes a number as the language does (CLDR): an amount as 1,234.50 in English,
// 1 234,50 in Swedish and Polish, 1.234,50 in German and Spanish. A whole number is not grouped: it
// may be a year or an order number. The answer's value keeps the one form that reads back everywhere.
func localNumber(typ InputType, n int64, lang string) string {
	if typ != InputMoney || isEnglish(lang) {
		return formatNumber(typ, n)
	}
	return words.Amount(NormalizeLang(lang), n)
}
