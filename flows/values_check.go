package flows

import (
	"fmt"
	"slices"
	"strings"
)

// What the loader (and so unstuck lint) checks of the flow's values, and of the conditions and
// {{references}} that count (values.go): names that exist, answers of the right type, one operation
// per value, no value that names itself, no amounts in two currencies worked out together, and no
// more values, or steps to work one out, than a flow could need.

// valueOps are the keys of a value that each make it one operation.
var valueOps = []string{"add", "subtract", "min", "max", "days_since", "days_between"}

// maxValues is the most values a flow may have: a real one needs a handful.
const maxValues = 500

func (v *validator) values() {
	f := v.f
	v.counts = countIndex{values: indexValues(f.Values), node: func(id string) *Node { return v.byID[id] }}
	if len(f.Values) > maxValues {
		v.errorf(v.keyAt(f, "values"), CodeTooLarge, "work out fewer values; a flow needs a handful", "the flow has %d values; at most %d are allowed", len(f.Values), maxValues)
		return
	}
	seen := map[string]*Value{}
	for _, val := range f.Values {
		if prev := seen[val.ID]; prev != nil {
			v.errorf(v.pos.name(val), CodeDuplicateID, "rename one of them", "value %q is defined twice (first at line %d)", clip(val.ID), v.pos.name(prev).Line)
			continue
		}
		seen[val.ID] = val
		switch {
		case !idPattern.MatchString(val.ID):
			v.errorf(v.pos.name(val), CodeBadValue, "use lower-case letters, digits, dashes and underscores", "value id %q is not a simple name", clip(val.ID))
		case v.byID[val.ID] != nil:
			v.errorf(v.pos.name(val), CodeDuplicateID, "rename the value: {{"+val.ID+"}} must name one thing", "value %q has the id of a node", val.ID)
		}
		v.value(val)
	}
	if !v.valueCycles() {
		for _, val := range v.f.Values {
			b := newBudget()
			v.currencies(val.ID, b) // walks every operand, through the values it names
			if b.left < 0 {
				v.errorf(v.pos.name(val), CodeTooLarge, "work it out from fewer values, each named once", "value %q is worked out through more than %d other values and answers", val.ID, maxValueSteps)
				break
			}
		}
	}
	v.unusedValues()
}

// unusedValues warns of a value that no condition, text, check parameter or other value uses: most
// likely a misspelt name where it was meant to be used.
func (v *validator) unusedValues() {
	if len(v.f.Values) == 0 {
		return
	}
	used := map[string]bool{}
	var cond func(c *Cond)
	cond = func(c *Cond) {
		if c == nil {
			return
		}
		used[c.Value] = true
		for _, sub := range append(append([]*Cond{c.Not}, c.All...), c.Any...) {
			cond(sub)
		}
	}
	for _, val := range v.f.Values {
		_, list := val.operands()
		for _, x := range list {
			used[x] = true
		}
	}
	texts := []string{v.f.SummaryTemplate}
	for _, t := range v.f.texts() {
		texts = append(texts, *t.ptr)
	}
	for _, n := range v.f.Nodes {
		for _, b := range n.Branch {
			cond(b.When)
		}
		for _, w := range n.With {
			texts = append(texts, w)
		}
	}
	for _, t := range texts {
		for _, ref := range References(t) {
			used[ref] = true
		}
	}
	for _, val := range v.f.Values {
		if !used[val.ID] {
			v.add(SeverityWarning, v.pos.name(val), CodeUnreachable, "test it with `value: "+val.ID+"` in a condition or show it with {{"+val.ID+"}}, or remove it", "value %q is never used", val.ID)
		}
	}
}

func (v *validator) value(val *Value) {
	var set []string
	for _, k := range valueOps {
		if v.given(val, k) {
			set = append(set, k)
		}
	}
	switch {
	case len(set) == 0:
		v.errorf(v.pos.name(val), CodeMissingField, "give it one of "+strings.Join(valueOps, ", "), "value %q works nothing out", val.ID)
		return
	case len(set) > 1:
		v.errorf(v.keyAt(val, set[1]), CodeBadValue, "make each its own value, and name one in the other", "value %q has both %s and %s; a value is one operation", val.ID, set[0], set[1])
		return
	}
	switch {
	case val.DaysSince != "":
		v.dateAnswer(v.keyAt(val, "days_since"), "days_since", val.DaysSince)
	case v.given(val, "days_between"):
		v.dateAnswers(v.keyAt(val, "days_between"), val.DaysBetween)
	default:
		v.arithmetic(val)
	}
}

// arithmetic checks add, subtract, min and max: two operands or more, each a number or amount
// answer, another value or a plain number, and amounts in one currency.
func (v *validator) arithmetic(val *Value) {
	op, list := val.operands()
	pos := v.keyAt(val, op)
	if len(list) < 2 {
		v.errorf(pos, CodeBadValue, "list two or more, like ["+strings.Join(append(list, "other-answer"), ", ")+"]", "%s in value %q needs two operands or more", op, val.ID)
		return
	}
	kinds := map[InputType]bool{}
	for _, x := range list {
		typ := v.operand(pos, val.ID, op, x)
		if typ != "" {
			kinds[typ] = true
		}
	}
	if kinds[InputMoney] && kinds[InputNumber] {
		v.errorf(pos, CodeBadValue, "work with amounts only, or numbers only; a plain number like 10 goes with either", "value %q mixes amounts with numbers that are not amounts", val.ID)
	}
	if cs := v.currencies(val.ID, newBudget()); len(cs) > 1 {
		v.errorf(pos, CodeBadValue, "give every money input the same `currency:`", "value %q mixes amounts in %s; amounts in different currencies cannot be worked out together", val.ID, strings.Join(cs, " and "))
	}
}

// operand checks one operand and returns its type: money or number, "" for a plain number or a
// mistake (reported).
func (v *validator) operand(pos Pos, id, op, x string) InputType {
	if v.counts.values[x] != nil {
		return v.counts.valueType(x, newBudget())
	}
	if n := v.byID[x]; n != nil {
		if n.Input == nil || inputTypeOf(n.Input.Type).number == nil {
			what := string(n.Kind) + " node"
			if n.Input != nil {
				what = "input of type " + string(n.Input.Type)
			}
			v.errorf(pos, CodeBadValue, "use number or money answers, other values, or plain numbers", "%s in value %q works on %q, which is %s", op, id, x, article(what))
			return ""
		}
		return n.Input.Type
	}
	typ := v.counts.valueType(id, newBudget())
	if _, err := parseNumber(typ, x); err == nil {
		return ""
	}
	if _, err := parseNumber(InputMoney, x); err == nil && typ == InputNumber {
		v.errorf(pos, CodeBadValue, "write a whole number, or work with amounts", "%s in value %q has %q, but the value counts whole numbers", op, id, clip(x))
		return ""
	}
	v.errorf(pos, CodeUnknownAnswer, suggest(x, v.countNames()), "%s in value %q names %q, which is no answer, value or number", op, id, clip(x))
	return ""
}

// currencies lists, sorted, the currencies money inputs declare among a value's operands.
func (v *validator) currencies(id string, b *budget) []string {
	val := v.counts.values[id]
	if val == nil || !b.spend() {
		return nil
	}
	var out []string
	_, list := val.operands()
	for _, x := range list {
		var cs []string
		if v.counts.values[x] != nil {
			cs = v.currencies(x, b)
		} else if n := v.byID[x]; n != nil && n.Input != nil && n.Input.Type == InputMoney && n.Input.Currency != "" {
			cs = []string{n.Input.Currency}
		}
		for _, c := range cs {
			if !slices.Contains(out, c) {
				out = append(out, c)
			}
		}
	}
	slices.Sort(out)
	return out
}

// valueCycles refuses a value that names itself, through others or not; true when one does.
func (v *validator) valueCycles() (found bool) {
	state := map[string]int{} // 1: being visited, 2: done
	var visit func(val *Value, path []string) bool
	visit = func(val *Value, path []string) bool {
		switch state[val.ID] {
		case 1:
			i := slices.Index(path, val.ID)
			v.errorf(v.pos.name(val), CodeBadValue, "work one of them out from answers only", "values name each other in a circle: %s", strings.Join(append(path[i:], val.ID), " → "))
			return true
		case 2:
			return false
		}
		state[val.ID] = 1
		_, list := val.operands()
		for _, x := range list {
			if next := v.counts.values[x]; next != nil && visit(next, append(path, val.ID)) {
				state[val.ID] = 2
				return true
			}
		}
		state[val.ID] = 2
		return false
	}
	for _, val := range v.f.Values {
		found = visit(val, nil) || found
	}
	return found
}

// dateAnswer checks that id names a date input, for days_since.
func (v *validator) dateAnswer(pos Pos, key, id string) {
	n := v.byID[id]
	switch {
	case n == nil:
		v.errorf(pos, CodeUnknownAnswer, v.suggestNode(id), "%s names %q, which is not a node", key, clip(id))
	case n.Input == nil || n.Input.Type != InputDate:
		what := string(n.Kind) + " node"
		if n.Input != nil {
			what = "input of type " + string(n.Input.Type)
		}
		v.errorf(pos, CodeBadValue, "name an input with `type: date`", "%s counts days from a date answer, but %q is %s", key, id, article(what))
	}
}

// dateAnswers checks days_between: two date inputs, from and to.
func (v *validator) dateAnswers(pos Pos, ids []string) {
	if len(ids) != 2 {
		v.errorf(pos, CodeBadValue, "write it as [from, to], like [ordered-on, delivered-on]", "days_between needs two date answers, not %d", len(ids))
		return
	}
	for _, id := range ids {
		v.dateAnswer(pos, "days_between", id)
	}
}

// countNames are the names an operand may use: answers and values.
func (v *validator) countNames() []string {
	var out []string
	for _, n := range v.f.Nodes {
		if n.Input != nil {
			out = append(out, n.ID)
		}
	}
	for _, val := range v.f.Values {
		out = append(out, val.ID)
	}
	return out
}

// countTest checks a condition on a value, days_since or days_between; it counts 1 when set. A
// condition tests one thing, so that its gt or equals is plainly about it.
func (v *validator) countTest(c *Cond) int {
	var subjects []string
	for _, s := range []struct {
		key string
		set bool
	}{{"answer", c.Answer != ""}, {"value", c.Value != ""}, {"days_since", c.DaysSince != ""}, {"days_between", v.given(c, "days_between")}} {
		if s.set {
			subjects = append(subjects, s.key)
		}
	}
	if len(subjects) > 1 {
		v.errorf(v.keyAt(c, subjects[1]), CodeBadValue, "put each in its own condition under `all:`", "the condition tests both %s and %s; a condition tests one thing", subjects[0], subjects[1])
		return 1
	}
	typ := InputNumber
	switch {
	case c.Value != "":
		if v.counts.values[c.Value] == nil {
			var ids []string
			for _, val := range v.f.Values {
				ids = append(ids, val.ID)
			}
			if len(ids) > maxValues {
				ids = nil // refused as too many; no hint worth the time
			}
			v.errorf(v.keyAt(c, "value"), CodeUnknownAnswer, suggest(c.Value, ids), "the condition tests the value %q, which is not among the flow's values", clip(c.Value))
			return 1
		}
		typ = v.counts.valueType(c.Value, newBudget())
	case c.DaysSince != "":
		v.dateAnswer(v.keyAt(c, "days_since"), "days_since", c.DaysSince)
	case v.given(c, "days_between"):
		v.dateAnswers(v.keyAt(c, "days_between"), c.DaysBetween)
	default:
		return 0
	}
	bounds := map[string]*string{"equals": c.Equals, "not_equals": c.NotEquals, "gt": c.Gt, "gte": c.Gte, "lt": c.Lt, "lte": c.Lte}
	for i := range c.In {
		bounds[fmt.Sprintf("in[%d]", i+1)] = &c.In[i]
	}
	for key, p := range bounds {
		if p == nil {
			continue
		}
		if _, err := parseNumber(typ, *p); err != nil {
			what := "a whole number of days"
			if typ == InputMoney {
				what = "an amount, like 50 or 49.90"
			} else if c.Value != "" {
				what = "a whole number"
			}
			v.errorf(v.keyAt(c, strings.SplitN(key, "[", 2)[0]), CodeBadValue, "", "%q needs %s, not %q", key, what, clip(*p))
		}
	}
	return 1
}

// countsSomething reports whether a condition tests a value or days rather than an answer.
func countsSomething(c *Cond) bool {
	return c.Value != "" || c.DaysSince != "" || len(c.DaysBetween) > 0
}

// countReference checks {{value-id}} and {{date-id.days_ago}}; false when ref is neither, for the
// caller to check as an answer.
func (v *validator) countReference(pos Pos, owner *Node, ref string) bool {
	if id, ok := strings.CutSuffix(ref, daysAgoSuffix); ok {
		v.dateAnswer(pos, "{{"+ref+"}} in node "+fmt.Sprintf("%q", owner.ID), id)
		return true
	}
	if v.byID[ref] != nil {
		return false
	}
	if v.counts.values[ref] != nil {
		return true
	}
	var ids []string
	for _, val := range v.f.Values {
		ids = append(ids, val.ID)
	}
	if len(ids) > maxValues {
		return false // refused as too many; no hint worth the time
	}
	if hint := suggest(ref, ids); hint != "" && v.suggestNode(ref) == "" {
		v.errorf(pos, CodeUnknownAnswer, hint, "{{%s}} in node %q names no node or value", clip(ref), owner.ID)
		return true
	}
	return false
}
