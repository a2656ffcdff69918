package flows

import (
	"strconv"
	"strings"
	"time"
)

// Values worked out from answers (the flow's values:) and dates that count (days_since,
// days_between). Both are structured, like conditions: a value is one operation (add, subtract, min,
// max, days_since, days_between) over answers, other values and plain numbers, with no expression
// language to learn or to go wrong. "Today" is the day the walk began, as it is when a shopper types
// today at a date input: the engine has no clock, and a resumed or replayed walk routes as it did.

// maxValueSteps bounds the operands visited to work out one value, through the values it names. The
// loader refuses cycles, and values that need more steps (values that each name another twice, a few
// dozen deep, would need billions); this also keeps a flow that was not loaded from recursing for ever.
const maxValueSteps = 1000

// budget counts the steps left to work out a value.
type budget struct{ left int }

func newBudget() *budget { return &budget{left: maxValueSteps} }

// spend takes one step; false when none was left.
func (b *budget) spend() bool {
	b.left--
	return b.left >= 0
}

// quantity is a worked-out number: an amount in minor units with its currency, a count, or days.
type quantity struct {
	n        int64
	typ      InputType // InputMoney or InputNumber
	currency string    // for amounts, when known
	mixed    bool      // not worked out: amounts in different currencies met
}

// value returns the flow's computed value with this id, or nil.
func (f *Flow) value(id string) *Value { return f.valueIndex()[id] }

// valueIndex is the flow's values by id: kept beside a loaded flow, made anew for one that is not.
func (f *Flow) valueIndex() map[string]*Value {
	if f.meta != nil && f.meta.values != nil {
		return f.meta.values
	}
	return indexValues(f.Values)
}

// indexValues maps values by id; of two with one id (which the loader refuses), the first.
func indexValues(vals []*Value) map[string]*Value {
	out := make(map[string]*Value, len(vals))
	for _, v := range vals {
		if _, dup := out[v.ID]; !dup {
			out[v.ID] = v
		}
	}
	return out
}

// countIndex is what working out a value's type looks names up in: the values and the nodes by id.
// The loader makes one from its own tables, as the flow's are made only once it has loaded.
type countIndex struct {
	values map[string]*Value
	node   func(id string) *Node
}

func (f *Flow) countIndex() countIndex { return countIndex{values: f.valueIndex(), node: f.Node} }

// operands lists what an arithmetic value works on, and the operation's name; nil for days.
func (v *Value) operands() (op string, list []string) {
	switch {
	case len(v.Add) > 0:
		return "add", v.Add
	case len(v.Subtract) > 0:
		return "subtract", v.Subtract
	case len(v.Min) > 0:
		return "min", v.Min
	case len(v.Max) > 0:
		return "max", v.Max
	}
	return "", nil
}

// valueType is what a computed value counts: money when any operand is an amount, else a number
// (days included).
func (x countIndex) valueType(id string, b *budget) InputType {
	v := x.values[id]
	if v == nil || !b.spend() {
		return InputNumber
	}
	_, list := v.operands()
	for _, op := range list {
		if x.operandType(op, b) == InputMoney {
			return InputMoney
		}
	}
	return InputNumber
}

// operandType is the type of an operand: an answer's input type, a value's type, or "" for a plain
// number (or a name that is neither, which the loader reports).
func (x countIndex) operandType(op string, b *budget) InputType {
	if x.values[op] != nil {
		return x.valueType(op, b)
	}
	if n := x.node(op); n != nil && n.Input != nil {
		return n.Input.Type
	}
	return ""
}

// today is the day the walk began, as a date.
func (s State) today() time.Time { return civilDay(s.started) }

func civilDay(t time.Time) time.Time {
	return time.Date(t.Year(), t.Month(), t.Day(), 0, 0, 0, 0, time.UTC)
}

// dateAnswer is the day a date answer names, when it was given.
func (s State) dateAnswer(id string) (time.Time, bool) {
	a, ok := s.answer(id)
	if !ok || a.Skipped {
		return time.Time{}, false
	}
	d, err := time.Parse("2006-01-02", a.Value)
	return d, err == nil
}

// daysFrom counts the whole days from one day to another; negative when to comes first.
func daysFrom(from, to time.Time) int64 {
	return int64(civilDay(to).Sub(civilDay(from)).Hours()) / 24 // both midnight UTC: whole days
}

func (s State) daysSince(id string) (int64, bool) {
	d, ok := s.dateAnswer(id)
	if !ok {
		return 0, false
	}
	return daysFrom(d, s.today()), true
}

func (s State) daysBetween(ids []string) (int64, bool) {
	if len(ids) != 2 {
		return 0, false
	}
	from, ok1 := s.dateAnswer(ids[0])
	to, ok2 := s.dateAnswer(ids[1])
	if !ok1 || !ok2 {
		return 0, false
	}
	return daysFrom(from, to), true
}

// computed works out a value; false when an answer it needs was not given, or amounts in different
// currencies meet (the loader refuses flows where that can be known before).
func (s State) computed(id string, b *budget) (quantity, bool) {
	v := s.flow.value(id)
	if v == nil || !b.spend() {
		return quantity{}, false
	}
	switch {
	case v.DaysSince != "":
		n, ok := s.daysSince(v.DaysSince)
		return quantity{n: n, typ: InputNumber}, ok
	case len(v.DaysBetween) > 0:
		n, ok := s.daysBetween(v.DaysBetween)
		return quantity{n: n, typ: InputNumber}, ok
	}
	op, list := v.operands()
	typ := s.flow.countIndex().valueType(id, newBudget())
	out := quantity{typ: typ}
	for i, x := range list {
		q, ok := s.operand(x, typ, b)
		if !ok {
			return quantity{mixed: q.mixed}, false
		}
		if q.currency != "" {
			if out.currency != "" && out.currency != q.currency {
				return quantity{mixed: true}, false
			}
			out.currency = q.currency
		}
		switch {
		case i == 0:
			out.n = q.n
		case op == "add":
			out.n += q.n
		case op == "subtract":
			out.n -= q.n
		case op == "min":
			out.n = min(out.n, q.n)
		case op == "max":
			out.n = max(out.n, q.n)
		}
	}
	return out, true
}

// operand is one operand's quantity: another value, an answer, or a plain number read as typ.
func (s State) operand(x string, typ InputType, b *budget) (quantity, bool) {
	if s.flow.value(x) != nil {
		return s.computed(x, b)
	}
	if n := s.flow.Node(x); n != nil {
		a, ok := s.answer(x)
		if !ok || a.Skipped || n.Input == nil || inputTypeOf(n.Input.Type).number == nil {
			return quantity{}, false
		}
		return quantity{n: a.Number, typ: n.Input.Type, currency: a.Currency}, true
	}
	n, err := parseNumber(typ, x)
	return quantity{n: n, typ: typ}, err == nil
}

// countSubject is what a condition tests instead of an answer: a computed value or a count of days,
// with the type its bounds are read as; has is false when the condition tests none of these.
func (s State) countSubject(c *Cond) (q quantity, given, has bool) {
	switch {
	case c.Value != "":
		q, given = s.computed(c.Value, newBudget())
		q.typ = s.flow.countIndex().valueType(c.Value, newBudget())
		return q, given, true
	case c.DaysSince != "":
		n, ok := s.daysSince(c.DaysSince)
		return quantity{n: n, typ: InputNumber}, ok, true
	case len(c.DaysBetween) > 0:
		n, ok := s.daysBetween(c.DaysBetween)
		return quantity{n: n, typ: InputNumber}, ok, true
	}
	return quantity{}, false, false
}

// countHolds tests a condition's value, days_since or days_between with its equals, in, given and
// bounds; a condition that tests none of them holds here.
func (s State) countHolds(c *Cond) bool {
	q, given, has := s.countSubject(c)
	if !has {
		return true
	}
	if c.Answer == "" && c.Given != nil && *c.Given != given {
		return false
	}
	if !given {
		return c.Equals == nil && c.NotEquals == nil && len(c.In) == 0 && c.Gt == nil && c.Gte == nil && c.Lt == nil && c.Lte == nil
	}
	is := func(bound string, ok func(a, b int64) bool) bool {
		b, err := parseNumber(q.typ, bound)
		return err == nil && ok(q.n, b)
	}
	eq := func(a, b int64) bool { return a == b }
	if c.Equals != nil && !is(*c.Equals, eq) || c.NotEquals != nil && is(*c.NotEquals, eq) {
		return false
	}
	if len(c.In) > 0 {
		in := false
		for _, x := range c.In {
			in = in || is(x, eq)
		}
		if !in {
			return false
		}
	}
	return boundsHold(c, q.typ, q.n)
}

// daysAgoSuffix is how a text asks for a date answer as days from today: {{paid-on.days_ago}}.
const daysAgoSuffix = ".days_ago"

// lookupCount finds a {{name}} that is a computed value or a date's days_ago; ok is false for
// other names. raw is the value a check is given; otherwise the words a person reads.
func (s State) lookupCount(name string, raw bool) (string, bool) {
	lang := s.flow.Language
	if id, ok := strings.CutSuffix(name, daysAgoSuffix); ok && s.flow.Node(id) != nil {
		n, given := s.daysSince(id)
		switch {
		case !given && raw:
			return "", true
		case !given:
			return Word(lang, "(not answered)"), true
		case raw:
			return strconv.FormatInt(n, 10), true
		}
		return DaysAgo(n, lang), true
	}
	if s.flow.value(name) == nil {
		return "", false
	}
	q, given := s.computed(name, newBudget())
	switch {
	case !given && raw:
		return "", true
	case !given && q.mixed:
		return Word(lang, "(amounts in different currencies)"), true
	case !given:
		return Word(lang, "(not answered)"), true
	case raw:
		return formatNumber(q.typ, q.n), true
	}
	return WithCurrency(localNumber(q.typ, q.n, lang), q.currency), true
}

// DaysAgo says how far a day is from today in words: today, yesterday, 9 days ago, tomorrow, in 3
// days; days counts from that day to today.
func DaysAgo(days int64, lang string) string {
	switch {
	case days == 0:
		return Word(lang, "today")
	case days == 1:
		return Word(lang, "yesterday")
	case days == -1:
		return Word(lang, "tomorrow")
	case days < 0:
		return Wordf(lang, "in %d days", int(-days))
	}
	return Wordf(lang, "%d days ago", int(days))
}
