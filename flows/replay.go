package flows

import (
	"fmt"
	"maps"
	"slices"
	"time"

	"github.com/unstuck-dev/unstuck/checks"
)

// A shopper's summary is a way in for support: the answers and check results it holds are given
// again to the flow, in staff mode, so the agent picks up where the shopper stopped instead of
// starting over. The engine does the replay; reading a summary back is the summary package's.

// Record is what a summary tells of a walk: the flow, and each answer and check result by node id.
// It never holds a sensitive answer's value, only how it was shown (a card as its brand and last four).
type Record struct {
	FlowID    string
	Revision  string // the revision of the flow the shopper walked (Flow.Revision); "" when unknown
	Reference string // the summary's reference, to name it
	CaseID    string
	Started   time.Time
	Finished  bool   // the shopper reached an end
	Outcome   string // that end's outcome, when finished
	Answers   map[string]RecordedAnswer
	Results   map[string]checks.Result
}

// RecordedAnswer is one answer as a summary holds it.
type RecordedAnswer struct {
	Value    string // the option's value, or the typed answer in a form the input reads back
	Shown    string // how the answer was shown; for a withheld answer, all there is
	Withheld bool   // a sensitive answer: its value was never in the summary
}

// ReplayReport says what a replay gave again and where, and why, it stopped.
type ReplayReport struct {
	Replayed     int      // answers and check results given again
	OtherVersion bool     // the summary comes from another revision of the flow
	StoppedAt    string   // the node the walk stands at
	Stop         string   // why the replay stopped there, a sentence for the agent; "" at the shopper's own stop
	NotReplayed  []string // sentences for what was not given again, each naming its node
	Unused       []string // node ids of recorded answers and results the replayed path never reached
}

// ReplayRecord starts f for audience and gives it the recorded answers and check results, for as
// long as each fits the flow: a choice's option is found by its value, a typed answer is read again
// by its input (so a flow whose questions changed refuses it, and the replay stops there), a check's
// recorded result is taken as it is, never run again. Messages are read on while the record goes on.
//
// A sensitive answer (a card number) was never in the record: it is given again as it was shown,
// without its value, so the walk can go on. A later check that needs it and whose result is not
// recorded could not run on a shown form; rather than run it on nothing, the replay stops at that
// answer's step, to be given again, and says so. At a node the record says nothing about (a
// staff-only step, or where the shopper stopped), the replay stops: the agent goes on from there.
func ReplayRecord(f *Flow, rec Record, audience string, now time.Time) (State, ReplayReport) {
	st, rep, needs := replayRecord(f, rec, audience, now, "")
	if needs != "" {
		// Again, stopping at the withheld answer the unrecorded check needs.
		check := rep.StoppedAt
		st, rep, _ = replayRecord(f, rec, audience, now, needs)
		rep.Stop = fmt.Sprintf("%s: not replayed: the check at %s needs this answer, which a summary never holds; it is asked for here again", needs, check)
		rep.NotReplayed = append(rep.NotReplayed, rep.Stop)
	}
	rep.OtherVersion = rec.Revision != "" && rec.Revision != f.Revision()
	used := map[string]bool{}
	for _, s := range st.steps[:len(st.steps)-1] {
		used[s.Node] = true
	}
	for _, ids := range [][]string{slices.Sorted(maps.Keys(rec.Answers)), slices.Sorted(maps.Keys(rec.Results))} {
		for _, id := range ids {
			if !used[id] && id != rep.StoppedAt {
				rep.Unused = append(rep.Unused, id)
			}
		}
	}
	last := -1 // the shopper's last step the history shows (a check's is not)
	for i := len(st.steps) - 2; i >= 0 && last < 0; i-- {
		if st.CanGoBackTo(i) {
			last = i
		}
	}
	if rep.Replayed > 0 && last >= 0 {
		// The shopper's path shows in the history: its last step carries a note naming the summary.
		steps := append([]Step(nil), st.steps...)
		last := &steps[last]
		last.Notes = append(append([]Note(nil), last.Notes...), Note{At: now,
			Text: Wordf(f.Language, "The steps up to here are the shopper's, from their summary %s.", ScrubCardNumbers(Sanitize(OneLine(rec.Reference))))})
		st.steps = steps
	}
	return st, rep
}

// replayRecord is one pass of ReplayRecord. It stops at stopAt, when given; needs is the withheld
// answer an unrecorded check at the stop needs, if any.
func replayRecord(f *Flow, rec Record, audience string, now time.Time, stopAt string) (State, ReplayReport, string) {
	start := rec.Started
	if start.IsZero() {
		start = now
	}
	r := replayer{rec: rec, now: now, withheld: map[string]bool{}, left: len(rec.Answers) + len(rec.Results)}
	st := StartAs(f, start, audience)
	st.caseID = ScrubCardNumbers(Sanitize(OneLine(rec.CaseID)))
	for guard := 0; guard < MaxSteps; guard++ {
		n := st.Node()
		r.rep.StoppedAt = n.ID
		if n.Def().Traits().Final || n.ID == stopAt {
			break
		}
		next, goOn := r.step(st, n)
		if !goOn {
			break
		}
		_, answered := rec.Answers[n.ID]
		_, checked := rec.Results[n.ID]
		if answered || checked {
			r.left--
			r.rep.Replayed++
		}
		st = next
	}
	return st, r.rep, r.needs
}

// replayer holds one pass of a replay.
type replayer struct {
	rec      Record
	now      time.Time
	withheld map[string]bool // answers given again without their value
	left     int             // recorded answers and results not given yet
	rep      ReplayReport
	needs    string // the withheld answer an unrecorded check needs
}

// stop ends the replay at node id, saying why.
func (r *replayer) stop(id, format string, args ...any) (State, bool) {
	r.rep.Stop = id + ": " + fmt.Sprintf(format, args...)
	return State{}, false
}

// more reports whether the record goes on past this point.
func (r *replayer) more() bool { return r.left > 0 || r.rec.Finished }

// step gives node n its recorded answer or result; false stops the replay at n.
func (r *replayer) step(st State, n *Node) (State, bool) {
	var next State
	var err error
	switch {
	case n.Def().Traits().Automatic:
		return r.check(st, n)
	case n.Def().Traits().Reads:
		if !r.more() {
			return st, false // where the shopper stopped
		}
		next, err = st.Continue(r.now)
	default:
		return r.answer(st, n)
	}
	if err != nil {
		return r.stop(n.ID, "%s", ScrubCardNumbers(err.Error()))
	}
	return next, true
}

// check takes a check's recorded result, never running it again.
func (r *replayer) check(st State, n *Node) (State, bool) {
	res, ok := r.rec.Results[n.ID]
	if !ok {
		for _, v := range n.With {
			for _, ref := range References(v) {
				if r.withheld[ref] {
					r.needs = ref
					return st, false
				}
			}
		}
		return r.stop(n.ID, "the summary holds no result for this check; it runs when you go on")
	}
	res = sanitizeResult(res)
	if res.Name != n.Check {
		return r.stop(n.ID, "the summary's result is of the %s check, not of %s: the flow changed here", res.Name, n.Check)
	}
	next, err := st.WithResult(res, r.now)
	if err != nil {
		return r.stop(n.ID, "%s", ScrubCardNumbers(err.Error()))
	}
	return next, true
}

// answer gives a choice or an input its recorded answer.
func (r *replayer) answer(st State, n *Node) (State, bool) {
	a, ok := r.rec.Answers[n.ID]
	var next State
	var err error
	switch {
	case !ok && n.Input != nil && n.Input.Optional && r.more():
		next, err = st.Answer("", r.now) // an optional answer left empty is not in a summary
	case !ok && n.Kind == KindTick && r.more():
		next, err = st.Tick(nil, r.now) // nor is a tick step where nothing was ticked
	case !ok && n.Input.IsSensitive() && r.more():
		// A sensitive answer with no label is not in the text summary at all: given, not shown.
		return r.withhold(st, n, "")
	case !ok:
		if r.more() {
			return r.stop(n.ID, "the summary holds no answer for this step; go on from here")
		}
		return st, false
	case a.Withheld:
		if !n.Input.IsSensitive() {
			return r.stop(n.ID, "the summary holds no value for this answer; it is asked for here")
		}
		return r.withhold(st, n, a.Shown)
	case n.Def().Traits().Picks:
		i := n.optionByValue(a.Value)
		if i < 0 {
			return r.stop(n.ID, "the answer %q is none of this step's options now: the flow changed here", ShortLine(ScrubCardNumbers(Sanitize(a.Value)), 40))
		}
		next, err = st.Choose(i, r.now)
	default:
		next, err = st.Answer(a.Value, r.now)
	}
	if err != nil {
		return r.stop(n.ID, "the answer no longer fits this step (%s): the flow changed here", ScrubCardNumbers(err.Error()))
	}
	return next, true
}

// withhold gives a sensitive answer again as it was shown, with no value: the walk goes on, and a
// check that needs it and has no recorded result is not replayed.
func (r *replayer) withhold(st State, n *Node, shown string) (State, bool) {
	r.withheld[n.ID] = true
	shown = Sanitize(OneLine(shown))
	if shown == "" || ScrubCardNumbers(shown) != shown {
		shown = Word(st.flow.Language, "(given, not shown)")
	}
	next, err := st.leave(n, Step{Node: n.ID, Option: -1, At: st.current().At, Answer: &Answer{Display: shown, Sensitive: true}}, r.now)
	if err != nil {
		return r.stop(n.ID, "%s", ScrubCardNumbers(err.Error()))
	}
	return next, true
}

// optionByValue is the index of the option whose value is v, or -1.
func (n *Node) optionByValue(v string) int {
	for i, o := range n.Options {
		if optionValue(o) == v {
			return i
		}
	}
	return -1
}

// sanitizeResult strips control and escape sequences from a result read from a file.
func sanitizeResult(r checks.Result) checks.Result {
	clean := func(s string) string { return ScrubCardNumbers(Sanitize(s)) }
	r.Name, r.Outcome, r.Summary, r.Detail, r.Next = clean(OneLine(r.Name)), clean(OneLine(r.Outcome)), clean(r.Summary), clean(r.Detail), clean(r.Next)
	return r
}
