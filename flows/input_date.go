package flows

import (
	"strings"
	"time"
)

// InputDate is a day: year-month-day, a written date, or today or yesterday.
const InputDate InputType = "date"

func init() {
	defineInput(&inputType{name: InputDate, order: 6,
		parse: func(a typed) (Answer, error) {
			d, err := parseDate(a.input, a.today, a.lang)
			if err != nil {
				return Answer{}, err
			}
			v := d.Format("2006-01-02")
			return Answer{Value: v, Display: v}, nil
		},
		sample: func(*InputSpec) string { return "today" },
	})
}

func parseDate(s string, today time.Time, lang string) (time.Time, error) {
	switch l := strings.ToLower(strings.TrimSpace(s)); l {
	case "today", strings.ToLower(Word(lang, "today")):
		return today, nil
	case "yesterday", strings.ToLower(Word(lang, "yesterday")):
		return today.AddDate(0, 0, -1), nil
	}
	for _, layout := range []string{"2006-01-02", "2006/01/02", "2 Jan 2006", "2 January 2006", "Jan 2 2006", "January 2 2006"} {
		if t, err := time.Parse(layout, strings.ReplaceAll(s, ",", "")); err == nil {
			return t, nil
		}
	}
	return time.Time{}, inputErr(lang, "Type the date as year-month-day, like %s, or type today or yesterday.", today.Format("2006-01-02"))
}
