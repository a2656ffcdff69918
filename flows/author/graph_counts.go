package author

import "github.com/unstuck-dev/unstuck/flows"

// condSubject is what a condition tests, as the graph names it: an answer's id, a value's id, "days
// since paid-on" or "days ordered-on → paid-on"; "" when it tests no answer (an outcome, say).
func condSubject(c *flows.Cond) string {
	switch {
	case c.Answer != "":
		return c.Answer
	case c.Value != "":
		return c.Value
	case c.DaysSince != "":
		return "days since " + c.DaysSince
	case len(c.DaysBetween) == 2:
		return "days " + c.DaysBetween[0] + " → " + c.DaysBetween[1]
	}
	return ""
}
