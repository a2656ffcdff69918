package checks

import (
	"strings"
	"testing"
	"time"
)

func TestParseExpiry(t *testing.T) {
	cases := []struct {
		name  string
		input string
		want  Expiry
		bad   bool
	}{
		{name: "MM/YY is read", input: "12/27", want: Expiry{12, 2027}},
		{name: "MM/YYYY is read", input: "12/2027", want: Expiry{12, 2027}},
		{name: "spaces around the slash are fine", input: "12 / 27", want: Expiry{12, 2027}},
		{name: "a dash works as the separator", input: "12-27", want: Expiry{12, 2027}},
		{name: "a dot works as the separator", input: "12.27", want: Expiry{12, 2027}},
		{name: "a space alone works as the separator", input: "12 27", want: Expiry{12, 2027}},
		{name: "MMYY with no separator is read", input: "1227", want: Expiry{12, 2027}},
		{name: "MMYYYY with no separator is read", input: "122027", want: Expiry{12, 2027}},
		{name: "a one-digit month is read", input: "3/27", want: Expiry{3, 2027}},
		{name: "whitespace around is trimmed", input: "  08/26\n", want: Expiry{8, 2026}},
		{name: "99 is 2099, not 1999", input: "12/99", want: Expiry{12, 2099}},
		{name: "69 is 2069, where time.Parse would say 1969", input: "12/69", want: Expiry{12, 2069}},
		{name: "00 is 2000", input: "01/00", want: Expiry{1, 2000}},
		{name: "month 13 is refused", input: "13/25", bad: true},
		{name: "month 00 is refused", input: "00/25", bad: true},
		{name: "month 0 is refused", input: "0/25", bad: true},
		{name: "a one-digit year is refused", input: "12/5", bad: true},
		{name: "a three-digit year is refused", input: "12/025", bad: true},
		{name: "a four-digit year before 2000 is refused", input: "12/1999", bad: true},
		{name: "a four-digit year after 2099 is refused", input: "12/2100", bad: true},
		{name: "a doubled slash is refused", input: "12//25", bad: true},
		{name: "words are refused", input: "next year", bad: true},
		{name: "nothing is refused", input: "", bad: true},
		{name: "five digits with no separator are refused", input: "12025", bad: true},
		{name: "a full date is refused", input: "2027-12-31", bad: true},
		{name: "full-width digits are refused", input: "１２/２７", bad: true},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			got, err := ParseExpiry(tc.input)
			if tc.bad {
				if err == nil {
					t.Fatalf("parsed as %+v; want an error", got)
				}
				if !strings.HasPrefix(err.Error(), "expiry: ") {
					t.Errorf("error %q does not name the field", err)
				}
				return
			}
			if err != nil {
				t.Fatalf("error: %v", err)
			}
			if got != tc.want {
				t.Errorf("got %+v, want %+v", got, tc.want)
			}
		})
	}
}

func TestExpiryStringReadsBack(t *testing.T) {
	for _, tc := range []struct {
		e    Expiry
		want string
	}{
		{Expiry{3, 2027}, "03/27"},
		{Expiry{12, 2099}, "12/99"},
		{Expiry{1, 2000}, "01/00"},
	} {
		t.Run(tc.want+" prints and parses back", func(t *testing.T) {
			if got := tc.e.String(); got != tc.want {
				t.Fatalf("String = %q, want %q", got, tc.want)
			}
			if back, err := ParseExpiry(tc.e.String()); err != nil || back != tc.e {
				t.Errorf("parses back as %+v, %v", back, err)
			}
		})
	}
}

func TestLastValidDay(t *testing.T) {
	plus3 := time.FixedZone("UTC+3", 3*3600)
	for _, tc := range []struct {
		name string
		e    Expiry
		loc  *time.Location
		want time.Time
	}{
		{"a leap February ends on the 29th", Expiry{2, 2024}, time.UTC, time.Date(2024, 2, 29, 23, 59, 59, 999999999, time.UTC)},
		{"a common February ends on the 28th", Expiry{2, 2025}, time.UTC, time.Date(2025, 2, 28, 23, 59, 59, 999999999, time.UTC)},
		{"December ends on the 31st of the same year", Expiry{12, 2025}, time.UTC, time.Date(2025, 12, 31, 23, 59, 59, 999999999, time.UTC)},
		{"April ends on the 30th", Expiry{4, 2026}, time.UTC, time.Date(2026, 4, 30, 23, 59, 59, 999999999, time.UTC)},
		{"the end is in the zone asked for", Expiry{3, 2025}, plus3, time.Date(2025, 3, 31, 23, 59, 59, 999999999, plus3)},
		{"a nil zone means UTC", Expiry{3, 2025}, nil, time.Date(2025, 3, 31, 23, 59, 59, 999999999, time.UTC)},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if got := tc.e.LastValidDay(tc.loc); !got.Equal(tc.want) || got.Location().String() != tc.want.Location().String() {
				t.Errorf("LastValidDay = %s, want %s", got, tc.want)
			}
		})
	}
}

func TestExpiredAtTheBoundary(t *testing.T) {
	kiritimati := time.FixedZone("UTC+14", 14*3600) // the earliest clocks on Earth
	baker := time.FixedZone("UTC-12", -12*3600)     // the latest
	march25 := Expiry{3, 2025}
	cases := []struct {
		name    string
		e       Expiry
		now     time.Time
		expired bool
	}{
		{"mid-month the card is good", march25, time.Date(2025, 3, 15, 12, 0, 0, 0, time.UTC), false},
		{"the last second of the last day the card is good", march25, time.Date(2025, 3, 31, 23, 59, 59, 0, time.UTC), false},
		{"the first moment of the next month is inside the one-day grace", march25, time.Date(2025, 4, 1, 0, 0, 0, 0, time.UTC), false},
		{"the last nanosecond of the grace day the card is good", march25, time.Date(2025, 4, 1, 23, 59, 59, 999999999, time.UTC), false},
		{"the first moment after the grace day the card has expired", march25, time.Date(2025, 4, 2, 0, 0, 0, 0, time.UTC), true},
		{"a month later the card has expired", march25, time.Date(2025, 5, 1, 0, 0, 0, 0, time.UTC), true},
		{"before the expiry month the card is good", march25, time.Date(2024, 12, 31, 0, 0, 0, 0, time.UTC), false},
		{"a December card is good on 1 January through the grace day", Expiry{12, 2025}, time.Date(2026, 1, 1, 18, 0, 0, 0, time.UTC), false},
		{"a December card has expired on 2 January of the next year", Expiry{12, 2025}, time.Date(2026, 1, 2, 0, 0, 0, 0, time.UTC), true},
		{"a leap-February card is good on 1 March", Expiry{2, 2024}, time.Date(2024, 3, 1, 12, 0, 0, 0, time.UTC), false},
		{"a leap-February card has expired on 2 March", Expiry{2, 2024}, time.Date(2024, 3, 2, 0, 0, 0, 0, time.UTC), true},
		{"late on the grace day at UTC+14 the card is still good", march25, time.Date(2025, 4, 1, 23, 30, 0, 0, kiritimati), false},
		{"just after the grace day at UTC+14 the card has expired", march25, time.Date(2025, 4, 2, 0, 0, 1, 0, kiritimati), true},
		{"the same instant at UTC-12 is still 31 March, so the card is good", march25, time.Date(2025, 4, 2, 0, 0, 1, 0, kiritimati).In(baker), false},
		{"at UTC-12 the card has expired once its own 2 April begins", march25, time.Date(2025, 4, 2, 0, 0, 0, 0, baker), true},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			if got := tc.e.Expired(tc.now); got != tc.expired {
				t.Errorf("Expired(%s) = %t, want %t", tc.now.Format(time.RFC3339Nano), got, tc.expired)
			}
		})
	}
}

func TestCheckExpiry(t *testing.T) {
	cases := []struct {
		name    string
		input   string
		outcome string
		status  Status
		summary string
		tooFar  bool
		err     bool
	}{
		{name: "a future date is ok", input: "12/27", outcome: "ok", status: StatusOK,
			summary: "The expiry date is fine: the card has not expired."},
		{name: "this month is ok", input: "06/25", outcome: "ok", status: StatusOK},
		{name: "last month, past its grace day, is expired", input: "05/25", outcome: "expired", status: StatusProblem,
			summary: "The card has expired: the month printed on it has passed."},
		{name: "a month 13 is bad_expiry", input: "13/25", outcome: "bad_expiry", status: StatusProblem, err: true,
			summary: "The expiry date doesn't look right: the month must be from 01 to 12."},
		{name: "nothing is bad_expiry", input: "", outcome: "bad_expiry", status: StatusProblem, err: true},
		{name: "exactly 20 years ahead is ok", input: "06/45", outcome: "ok", status: StatusOK},
		{name: "20 years and a month ahead is too_far", input: "07/45", outcome: "too_far", status: StatusWarning, tooFar: true},
		{name: "12/99 is too_far, not long expired", input: "12/99", outcome: "too_far", status: StatusWarning, tooFar: true},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			rep, res, err := CheckExpiry(tc.input, fixedNow)
			if (err != nil) != tc.err {
				t.Fatalf("error = %v, want error: %t", err, tc.err)
			}
			if res.Name != "expiry" || res.Outcome != tc.outcome || res.Status != tc.status {
				t.Errorf("got %s/%s/%s, want expiry/%s/%s", res.Name, res.Outcome, res.Status, tc.outcome, tc.status)
			}
			if tc.summary != "" && res.Summary != tc.summary {
				t.Errorf("Summary = %q\nwant      %q", res.Summary, tc.summary)
			}
			if rep.TooFar != tc.tooFar || rep.Expired != (tc.outcome == "expired") {
				t.Errorf("report = %+v", rep)
			}
			if res.Summary == "" || res.Detail == "" || (res.Status == StatusOK) != (res.Next == "") {
				t.Errorf("incomplete result: %+v", res)
			}
		})
	}
}

func TestExpirySpec(t *testing.T) {
	runSpec(t, "expiry", map[string]map[string]string{
		"a future date":       {"expiry": "12/27"},
		"a past date":         {"expiry": "01/20"},
		"a four-digit year":   {"expiry": "01/2031"},
		"a date decades away": {"expiry": "01/99"},
		"an impossible month": {"expiry": "13/27"},
		"letters":             {"expiry": "soon"},
		"nothing":             {},
	})
}

func FuzzParseExpiry(f *testing.F) {
	for _, seed := range []string{"12/27", "1227", "122027", "12 / 27", "3-27", "13/25", "00/25", "12/99", "", "12//25", "９/２７"} {
		f.Add(seed)
	}
	f.Fuzz(func(t *testing.T, s string) {
		e, err := ParseExpiry(s)
		if err != nil {
			return
		}
		if e.Month < 1 || e.Month > 12 || e.Year < 2000 || e.Year > 2099 {
			t.Fatalf("parsed to an impossible date %+v", e)
		}
		if back, err := ParseExpiry(e.String()); err != nil || back != e {
			t.Fatalf("%+v does not read back from %q: %+v, %v", e, e.String(), back, err)
		}
		if e.Expired(e.LastValidDay(time.UTC)) {
			t.Fatalf("%+v counts as expired on its own last day", e)
		}
		_, res, err := CheckExpiry(s, fixedNow)
		if err != nil || res.Outcome == "bad_expiry" {
			t.Fatalf("CheckExpiry disagrees with ParseExpiry: %s, %v", res.Outcome, err)
		}
	})
}

func TestExpiryResultsNeverNameTheDate(t *testing.T) {
	now := time.Date(2026, 6, 15, 12, 0, 0, 0, time.UTC)
	for _, in := range []string{"12/27", "01/20", "06/26", "12/99", "13/25"} {
		t.Run("an expiry check of "+in+" keeps the date out of its lines", func(t *testing.T) {
			_, r, _ := CheckExpiry(in, now)
			_, c, _ := CheckCard("4242424242424242", in, now)
			for _, line := range []string{r.Summary, r.Detail, r.Next, c.Summary, c.Detail, c.Next} {
				if strings.Contains(line, in) || strings.Contains(line, "20"+in[3:]) && in[3:] != "" && strings.Contains(line, "/") {
					t.Errorf("a result line names the date: %q", line)
				}
				for _, m := range []string{"January", "March", "June", "December"} {
					if strings.Contains(line, m) {
						t.Errorf("a result line names the month: %q", line)
					}
				}
			}
		})
	}
}
