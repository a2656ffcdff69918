package author

import (
	"time"

	"github.com/unstuck-dev/unstuck/flows"
)

// What explore tries for conditions that count (flows/values.go): dates so many days before today
// for days_since and days_between, and for a computed value the bound and one step either side for
// each answer it is worked out from, so that every side of such a branch is reached.

// countCandidates collects, for each input node, answers that put a counting condition on either
// side of its bounds. today is the day explore's walks begin.
func countCandidates(f *flows.Flow, today time.Time) map[string][]string {
	out := map[string][]string{}
	daysBefore := func(id string, days int64) {
		out[id] = append(out[id], today.AddDate(0, 0, -int(days)).Format("2006-01-02"))
	}
	eachCond(f, func(c *flows.Cond) {
		since, between := c.DaysSince, c.DaysBetween
		var operands []string
		if v := flowValue(f, c.Value); v != nil {
			since, between = v.DaysSince, v.DaysBetween
			operands = append(append(append(append([]string(nil), v.Add...), v.Subtract...), v.Min...), v.Max...)
		}
		for _, b := range []*string{c.Equals, c.NotEquals, c.Gt, c.Gte, c.Lt, c.Lte} {
			if b == nil {
				continue
			}
			for _, x := range operands {
				if src := f.Node(x); src != nil && src.Input != nil {
					typ := src.Input.Type
					if n, err := typ.ParseNumber(*b); err == nil {
						step := int64(1)
						if typ == flows.InputMoney {
							step = 100
						}
						for _, m := range []int64{0, n - step, n, n + step} {
							if m >= 0 {
								out[x] = append(out[x], typ.FormatNumber(m))
							}
						}
					}
				}
			}
			n, err := flows.InputNumber.ParseNumber(*b)
			if err != nil {
				continue
			}
			for _, d := range []int64{n - 1, n, n + 1} {
				if since != "" {
					daysBefore(since, d)
				}
				if len(between) == 2 {
					daysBefore(between[0], d)
				}
			}
		}
	})
	return out
}

// countedNodes lists the answers that conditions on values and days depend on, for explore to tell
// walks apart by.
func countedNodes(f *flows.Flow) []string {
	var ids []string
	eachCond(f, func(c *flows.Cond) {
		ids = append(append(ids, c.DaysSince), c.DaysBetween...)
		if v := flowValue(f, c.Value); v != nil {
			ids = append(ids, valueInputs(f, v, map[string]bool{})...)
		}
	})
	var out []string
	for _, id := range ids {
		if id != "" {
			out = append(out, id)
		}
	}
	return out
}

// valueInputs lists the answers a value is worked out from, through the values it names.
func valueInputs(f *flows.Flow, v *flows.Value, seen map[string]bool) []string {
	if seen[v.ID] {
		return nil
	}
	seen[v.ID] = true
	out := append([]string{v.DaysSince}, v.DaysBetween...)
	for _, list := range [][]string{v.Add, v.Subtract, v.Min, v.Max} {
		for _, x := range list {
			if sub := flowValue(f, x); sub != nil {
				out = append(out, valueInputs(f, sub, seen)...)
			} else if f.Node(x) != nil {
				out = append(out, x)
			}
		}
	}
	return out
}

func flowValue(f *flows.Flow, id string) *flows.Value {
	for _, v := range f.Values {
		if id != "" && v.ID == id {
			return v
		}
	}
	return nil
}
