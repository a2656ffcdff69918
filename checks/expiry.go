package checks

import (
	"context"
	"fmt"
	"regexp"
	"strconv"
	"strings"
	"sync"
	"time"
)

// Expiry is a card's expiry month. Year has four digits.
type Expiry struct{ Month, Year int }

// expiryWithSep is month, a separator (slash, dash or dot, with optional spaces, or just spaces),
// then a two- or four-digit year. \d is ASCII-only in Go's regexp. It is compiled when an expiry is
// first read, not at every start-up.
var expiryWithSep = sync.OnceValue(func() *regexp.Regexp {
	return regexp.MustCompile(`^(\d{1,2})(?:\s*[/.-]\s*|\s+)(\d{2}|\d{4})$`)
})

// ParseExpiry reads an expiry date as printed on cards or typed into payment forms: MM/YY,
// MM/YYYY, "MM / YY", MM-YY, a one-digit month (3/27), or MMYY and MMYYYY with no separator.
// A two-digit year is 2000+YY: "12/69" is 2069, where time.Parse's "06" would say 1969. Years
// run from 2000 to 2099, so String's MM/YY always reads back as the same date.
func ParseExpiry(s string) (Expiry, error) {
	t := strings.TrimSpace(s)
	if t == "" {
		return Expiry{}, &entryError{"expiry", "nothing was entered"}
	}
	var mm, yy string
	if m := expiryWithSep().FindStringSubmatch(t); m != nil {
		mm, yy = m[1], m[2]
	} else if (len(t) == 4 || len(t) == 6) && keepDigits(t) == t {
		mm, yy = t[:2], t[2:]
	} else {
		return Expiry{}, &entryError{"expiry", "write it as month and year, like 08/27"}
	}
	month, _ := strconv.Atoi(mm) // both are one to four ASCII digits: no error, no overflow
	year, _ := strconv.Atoi(yy)
	if month < 1 || month > 12 {
		return Expiry{}, &entryError{"expiry", "the month must be from 01 to 12"}
	}
	if len(yy) == 2 {
		year += 2000
	}
	if year < 2000 || year > 2099 {
		return Expiry{}, &entryError{"expiry", "the year must be from 2000 to 2099"}
	}
	return Expiry{Month: month, Year: year}, nil
}

// String is the date as printed on cards, MM/YY.
func (e Expiry) String() string {
	return fmt.Sprintf("%02d/%02d", e.Month, ((e.Year%100)+100)%100)
}

// LastValidDay is the last instant of the expiry month in loc (UTC when nil): a card is good
// through the whole of the month printed on it.
func (e Expiry) LastValidDay(loc *time.Location) time.Time {
	if loc == nil {
		loc = time.UTC
	}
	return time.Date(e.Year, time.Month(e.Month)+1, 1, 0, 0, 0, 0, loc).Add(-time.Nanosecond)
}

// Expired reports whether the card has expired at now. A card is good through the last day of
// its month; on top of that we allow one more calendar day in now's time zone, because the
// issuer's clock may be up to a day behind the shopper's. So 03/25 is expired from the start of
// 2 April 2025, local time. (A calendar day rather than 24 hours, so a daylight-saving change on
// the 1st cannot shift the boundary.)
func (e Expiry) Expired(now time.Time) bool {
	graceEnd := time.Date(e.Year, time.Month(e.Month)+1, 2, 0, 0, 0, 0, now.Location())
	return !now.Before(graceEnd)
}

// monthsAhead is how many months the expiry month lies after now's month.
func (e Expiry) monthsAhead(now time.Time) int {
	return (e.Year*12 + e.Month) - (now.Year()*12 + int(now.Month()))
}

// expiryTooFarMonths is the furthest ahead an expiry can plausibly be; cards are issued for a few
// years, so 20 years out is almost certainly a typo.
const expiryTooFarMonths = 20 * 12

// ExpiryReport is what CheckExpiry found.
type ExpiryReport struct {
	Expiry  Expiry
	Expired bool
	TooFar  bool // more than 20 years ahead: probably a typo
}

// Expiry check outcomes, for flows to branch on.
const (
	expiryOK      = "ok"
	expiryExpired = "expired"
	expiryBad     = "bad_expiry"
	expiryTooFar  = "too_far"
)

// CheckExpiry checks an expiry date as of now. The error is non-nil only when s cannot be read;
// the Result then has Outcome "bad_expiry". A date more than 20 years ahead is "too_far", a
// warning, since it is probably a typo rather than a real card.
func CheckExpiry(s string, now time.Time) (ExpiryReport, Result, error) {
	e, err := ParseExpiry(s)
	if err != nil {
		reason := entryReason(err, "it is not a month and year")
		return ExpiryReport{}, Result{
			Name:    "expiry",
			Status:  StatusProblem,
			Outcome: expiryBad,
			Summary: "The expiry date doesn't look right: " + reason + ".",
			Detail:  "expiry not parsed: " + reason,
			Next:    "Type the expiry date as it's printed on your card, month then year, like 08/27.",
		}, err
	}
	rep := ExpiryReport{Expiry: e, Expired: e.Expired(now), TooFar: e.monthsAhead(now) > expiryTooFarMonths}
	// The expiry date is sensitive: it goes into summaries and transcripts, so no result line names it.
	res := Result{
		Name:   "expiry",
		Detail: fmt.Sprintf("expired=%t too_far=%t grace=1d", rep.Expired, rep.TooFar),
	}
	switch {
	case rep.Expired:
		res.Status, res.Outcome = StatusProblem, expiryExpired
		res.Summary = "The card has expired: the month printed on it has passed."
		res.Next = "Use a different card, or ask your bank for a replacement."
	case rep.TooFar:
		res.Status, res.Outcome = StatusWarning, expiryTooFar
		res.Summary = "The expiry date is more than 20 years away, which is probably a typo."
		res.Next = "Check the expiry date on your card: month then year, like 08/27."
	default:
		res.Status, res.Outcome = StatusOK, expiryOK
		res.Summary = "The expiry date is fine: the card has not expired."
	}
	return rep, res, nil
}

func init() {
	Register(Spec{
		Name:        "expiry",
		Description: "Checks a card's expiry date: readable, not past, and not implausibly far ahead.",
		Params: []Param{
			{Name: "expiry", Required: true, Description: "the expiry date, MM/YY"},
		},
		Outcomes: []string{expiryOK, expiryExpired, expiryBad, expiryTooFar},
		Label:    "Expiry date",
		Texts: map[string]OutcomeText{
			expiryOK:      {Summary: "The expiry date is fine: the card has not expired.", Agent: "The card has not expired."},
			expiryExpired: {Summary: "The card has expired: the month printed on it has passed.", Agent: "The shopper's card has expired."},
			expiryBad:     {Summary: "The expiry date doesn't look right.", Agent: "The expiry date the shopper gave is not a valid date."},
			expiryTooFar:  {Summary: "The expiry date is more than 20 years away, which is probably a typo.", Agent: "The expiry date is more than 20 years away: probably a typo."},
		},
		Run: func(_ context.Context, in Input) Result {
			_, res, _ := CheckExpiry(in.Params["expiry"], checkNow(in))
			return res
		},
	})
}
