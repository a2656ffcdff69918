package checks

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"strconv"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"
)

// Brand is the card network a number belongs to, as far as its leading digits tell.
type Brand string

const (
	BrandVisa       Brand = "visa"
	BrandMastercard Brand = "mastercard"
	BrandAmex       Brand = "amex"
	BrandDiscover   Brand = "discover"
	BrandJCB        Brand = "jcb"
	BrandDiners     Brand = "diners"
	BrandUnionPay   Brand = "unionpay"
	BrandMaestro    Brand = "maestro"
	BrandMir        Brand = "mir"
	BrandUnknown    Brand = "unknown"
)

// Title is the brand's name as printed on cards; an unknown brand is just "Card".
func (b Brand) Title() string {
	switch b {
	case BrandVisa:
		return "Visa"
	case BrandMastercard:
		return "Mastercard"
	case BrandAmex:
		return "American Express"
	case BrandDiscover:
		return "Discover"
	case BrandJCB:
		return "JCB"
	case BrandDiners:
		return "Diners Club"
	case BrandUnionPay:
		return "UnionPay"
	case BrandMaestro:
		return "Maestro"
	case BrandMir:
		return "Mir"
	}
	return "Card"
}

// iinRange is a run of issuer identification numbers: a number belongs to it when its first
// len(lo) digits fall between lo and hi. minLen and maxLen, when set, also bound the whole number.
type iinRange struct {
	lo, hi         string
	brand          Brand
	minLen, maxLen int
}

// iinRanges follows the networks' published ranges as commonly listed. The longest matching
// prefix wins, so the broad Maestro "6" only catches what no other 6-range claims.
//
// Discover lists 622126-622925 as its own, but those are UnionPay cards issued in China that
// Discover's network also accepts: they carry the UnionPay logo and follow UnionPay's looser
// numbering (some fail Luhn), so they are listed here as UnionPay and beat the Discover ranges.
//
// Maestro's 50, 56-58 and 6 are the catch-alls that Maestro-accepting gateways use; they also
// sweep up some domestic schemes (Dankort's 5019, Australian BankCard's 56), which accept the same way.
var iinRanges = []iinRange{
	{lo: "4", hi: "4", brand: BrandVisa},
	{lo: "51", hi: "55", brand: BrandMastercard},
	{lo: "2221", hi: "2720", brand: BrandMastercard},
	{lo: "34", hi: "34", brand: BrandAmex},
	{lo: "37", hi: "37", brand: BrandAmex},
	{lo: "6011", hi: "6011", brand: BrandDiscover},
	{lo: "644", hi: "649", brand: BrandDiscover},
	{lo: "65", hi: "65", brand: BrandDiscover},
	{lo: "3528", hi: "3589", brand: BrandJCB},
	{lo: "36", hi: "36", brand: BrandDiners},
	{lo: "300", hi: "305", brand: BrandDiners},
	{lo: "3095", hi: "3095", brand: BrandDiners},
	{lo: "38", hi: "39", brand: BrandDiners},
	{lo: "62", hi: "62", brand: BrandUnionPay},
	{lo: "622126", hi: "622925", brand: BrandUnionPay}, // co-branded with Discover; see above
	{lo: "81", hi: "81", brand: BrandUnionPay, minLen: 16, maxLen: 19},
	{lo: "5018", hi: "5018", brand: BrandMaestro},
	{lo: "5020", hi: "5020", brand: BrandMaestro},
	{lo: "5038", hi: "5038", brand: BrandMaestro},
	{lo: "5893", hi: "5893", brand: BrandMaestro},
	{lo: "6304", hi: "6304", brand: BrandMaestro},
	{lo: "6759", hi: "6759", brand: BrandMaestro},
	{lo: "6761", hi: "6763", brand: BrandMaestro},
	{lo: "50", hi: "50", brand: BrandMaestro},
	{lo: "56", hi: "58", brand: BrandMaestro},
	{lo: "6", hi: "6", brand: BrandMaestro},
	{lo: "2200", hi: "2204", brand: BrandMir},
}

// DetectBrand names the network from the leading digits; anything but a digit is ignored, so a
// partly typed or grouped number works too. A prefix too short to decide (say "2" or "3") gives
// BrandUnknown. UnionPay's 81 range counts only once the number has 16 to 19 digits.
func DetectBrand(digits string) Brand {
	d := keepDigits(digits)
	best, bestLen := BrandUnknown, 0
	for _, r := range iinRanges {
		n := len(r.lo)
		if n <= bestLen || len(d) < n {
			continue
		}
		if r.minLen > 0 && (len(d) < r.minLen || len(d) > r.maxLen) {
			continue
		}
		if p := d[:n]; p >= r.lo && p <= r.hi {
			best, bestLen = r.brand, n
		}
	}
	return best
}

// cardLengths is how many digits a brand's numbers have: exactly one of the listed counts, or
// anything from min to max.
type cardLengths struct {
	only     []int
	min, max int
}

var brandLengths = map[Brand]cardLengths{
	BrandVisa:       {only: []int{13, 16, 19}},
	BrandMastercard: {only: []int{16}},
	BrandAmex:       {only: []int{15}},
	BrandDiscover:   {min: 16, max: 19},
	BrandJCB:        {min: 16, max: 19},
	BrandDiners:     {min: 14, max: 19},
	BrandUnionPay:   {min: 16, max: 19},
	BrandMaestro:    {min: 12, max: 19},
	BrandMir:        {min: 16, max: 19},
	BrandUnknown:    {min: 12, max: 19},
}

func (l cardLengths) allows(n int) bool {
	if len(l.only) > 0 {
		for _, m := range l.only {
			if n == m {
				return true
			}
		}
		return false
	}
	return n >= l.min && n <= l.max
}

// words describes the allowed counts for a sentence: "15", "13, 16 or 19", "16 to 19".
func (l cardLengths) words() string {
	if len(l.only) == 0 {
		return fmt.Sprintf("%d to %d", l.min, l.max)
	}
	parts := make([]string, len(l.only))
	for i, m := range l.only {
		parts[i] = strconv.Itoa(m)
	}
	if len(parts) == 1 {
		return parts[0]
	}
	return strings.Join(parts[:len(parts)-1], ", ") + " or " + parts[len(parts)-1]
}

func lengthsFor(b Brand) cardLengths {
	if l, ok := brandLengths[b]; ok {
		return l
	}
	return brandLengths[BrandUnknown]
}

// Luhn reports whether digits pass the Luhn (mod 10) check that catches most single-digit typos
// and swapped neighbours. It is false for an empty string or one with anything but digits.
func Luhn(digits string) bool {
	if digits == "" {
		return false
	}
	sum, double := 0, false
	for i := len(digits) - 1; i >= 0; i-- {
		c := digits[i]
		if c < '0' || c > '9' {
			return false
		}
		d := int(c - '0')
		if double {
			d *= 2
			if d > 9 {
				d -= 9
			}
		}
		sum += d
		double = !double
	}
	return sum%10 == 0
}

// CardNumber is a parsed card number. Every way of printing it (String, GoString, Format with any
// verb, JSON, text, slog) shows only the brand and last four digits, e.g. "Visa ending 4242".
//
// The digits sit behind a *string so that fmt's reflection over a struct that holds a CardNumber in
// an unexported field (where methods can't be called) prints an address, never digits: fmt
// dereferences pointers to structs, slices and maps when it reports a bad verb, but never pointers
// to strings. Two CardNumbers are therefore == only when they are copies of one parse; compare
// Digits() to compare numbers.
type CardNumber struct {
	p *string
}

// entryError is a problem with something a shopper typed. Its reason is plain words with no trace
// of the input (for card numbers, no digits at all), so it can go straight into a Summary.
type entryError struct{ field, reason string }

func (e *entryError) Error() string { return e.field + ": " + e.reason }

// entryReason is the plain reason inside err, or fallback when err is some other error.
func entryReason(err error, fallback string) string {
	var e *entryError
	if errors.As(err, &e) {
		return e.reason
	}
	return fallback
}

// checkNow is in.Now, or the real time when a caller left it unset.
func checkNow(in Input) time.Time {
	if in.Now.IsZero() {
		return time.Now()
	}
	return in.Now
}

var (
	errCardEmpty    = &entryError{"card number", "nothing was entered"}
	errCardChars    = &entryError{"card number", "it can only have digits, spaces and dashes"}
	errCardNoDigits = &entryError{"card number", "there are no digits in it"}
	errCardShort    = &entryError{"card number", "it is too short; card numbers have at least twelve digits"}
	errCardLong     = &entryError{"card number", "it is too long; card numbers have at most nineteen digits"}
)

// WrongLength reports whether ParseCardNumber refused a number for having fewer than 12 or more
// than 19 digits, and how many it had: a number typed wrong, not something that is no number.
func WrongLength(s string, err error) (digits string, ok bool) {
	if err != errCardShort && err != errCardLong {
		return "", false
	}
	return keepDigits(s), true
}

// ParseCardNumber reads a card number as a shopper types or pastes it: digits, with spaces or
// dashes of any kind between them and whitespace around. It does not judge the number (see
// LuhnValid and LengthValid); it refuses only what cannot be a card number at all: other
// characters, no digits, or fewer than 12 or more than 19 digits. Errors never repeat the input.
func ParseCardNumber(s string) (CardNumber, error) {
	s = strings.TrimSpace(s)
	if s == "" {
		return CardNumber{}, errCardEmpty
	}
	var b strings.Builder
	b.Grow(len(s))
	for _, r := range s {
		switch {
		case r >= '0' && r <= '9':
			b.WriteRune(r)
		case unicode.IsSpace(r), unicode.Is(unicode.Pd, r):
		default:
			return CardNumber{}, errCardChars
		}
	}
	switch n := b.Len(); {
	case n == 0:
		return CardNumber{}, errCardNoDigits
	case n < 12:
		return CardNumber{}, errCardShort
	case n > 19:
		return CardNumber{}, errCardLong
	}
	d := b.String()
	return CardNumber{p: &d}, nil
}

func (c CardNumber) digits() string {
	if c.p == nil {
		return ""
	}
	return *c.p
}

// IsZero reports whether c was never set.
func (c CardNumber) IsZero() bool { return c.p == nil }

// Brand is the network the number belongs to.
func (c CardNumber) Brand() Brand {
	if c.p == nil {
		return BrandUnknown
	}
	return DetectBrand(*c.p)
}

// Last4 is the last four digits, the part a shopper sees on receipts.
func (c CardNumber) Last4() string {
	d := c.digits()
	if len(d) < 4 {
		return d
	}
	return d[len(d)-4:]
}

// Len is how many digits the number has.
func (c CardNumber) Len() int { return len(c.digits()) }

// LuhnValid reports whether the number passes the Luhn check.
func (c CardNumber) LuhnValid() bool { return Luhn(c.digits()) }

// LengthValid reports whether the brand issues numbers of this length (an unknown brand: 12 to 19).
func (c CardNumber) LengthValid() bool {
	return c.p != nil && lengthsFor(c.Brand()).allows(c.Len())
}

// Masked is the only form of the number fit to show or store: brand and last four digits.
func (c CardNumber) Masked() string {
	if c.p == nil {
		return "no card number"
	}
	return c.Brand().Title() + " ending " + c.Last4()
}

// Grouped is the full number, NOT masked, in the groups printed on the card. It is for echoing
// the number back in the input field while the shopper types it, and for nothing else: never
// log, store or print it anywhere else.
func (c CardNumber) Grouped() string { return groupCardDigits(c.digits()) }

// Digits is the raw number. It is only for passing to a check or a payment call, never for display.
func (c CardNumber) Digits() string { return c.digits() }

// String returns the masked form.
func (c CardNumber) String() string { return c.Masked() }

// GoString returns the masked form, so %#v cannot leak digits either.
func (c CardNumber) GoString() string { return c.Masked() }

// Format prints the masked form whatever the verb (%v, %+v, %#v, %s, %d, %x, ...); %q quotes it.
// Width and the '-' flag are honoured so the masked form lines up in tables.
func (c CardNumber) Format(f fmt.State, verb rune) {
	m := c.Masked()
	if verb == 'q' {
		m = strconv.Quote(m)
	}
	pad := ""
	if w, ok := f.Width(); ok {
		if n := w - utf8.RuneCountInString(m); n > 0 {
			pad = strings.Repeat(" ", n)
		}
	}
	if f.Flag('-') {
		m += pad
	} else {
		m = pad + m
	}
	_, _ = io.WriteString(f, m)
}

// MarshalJSON writes the masked form as a JSON string. There is deliberately no way back.
func (c CardNumber) MarshalJSON() ([]byte, error) { return json.Marshal(c.Masked()) }

// MarshalText writes the masked form.
func (c CardNumber) MarshalText() ([]byte, error) { return []byte(c.Masked()), nil }

// LogValue makes log/slog record the masked form.
func (c CardNumber) LogValue() slog.Value { return slog.StringValue(c.Masked()) }

// GroupDigits groups a partly typed number the way the card prints it, for the input field while
// the shopper types: 4-4-4-4 (and on in fours), American Express 4-6-5, Diners Club of up to 14
// digits 4-6-4. Everything but digits is dropped. Like Grouped, the result is NOT masked.
//
// A Diners Club number is grouped 4-6-4 until it grows past 14 digits, then in fours, because
// the 16-digit Diners cards print that way.
func GroupDigits(partial string) string { return groupCardDigits(keepDigits(partial)) }

func groupCardDigits(d string) string {
	var pattern []int
	switch DetectBrand(d) {
	case BrandAmex:
		pattern = []int{4, 6, 5}
	case BrandDiners:
		if len(d) <= 14 {
			pattern = []int{4, 6, 4}
		}
	}
	var b strings.Builder
	for g, i := 0, 0; i < len(d); g++ {
		size := 4
		if g < len(pattern) {
			size = pattern[g]
		}
		end := min(i+size, len(d))
		if i > 0 {
			b.WriteByte(' ')
		}
		b.WriteString(d[i:end])
		i = end
	}
	return b.String()
}

func keepDigits(s string) string {
	var b strings.Builder
	for i := 0; i < len(s); i++ {
		if c := s[i]; c >= '0' && c <= '9' {
			b.WriteByte(c)
		}
	}
	return b.String()
}

// CardReport is what CheckCard found. Printing it is safe: Card prints masked.
type CardReport struct {
	Card        CardNumber    // masked when printed
	LuhnValid   bool          // the number passes the Luhn check
	LengthValid bool          // the brand issues numbers this long
	Warnings    []string      // plain-language notes: anything odd that is not fatal, and findings outranked by the Outcome
	Expiry      *ExpiryReport // nil when no expiry was given, or it could not be read
}

// Card check outcomes, for flows to branch on.
const (
	cardOK              = "ok"
	cardLuhnFailed      = "luhn_failed"
	cardWrongLength     = "wrong_length"
	cardExpired         = "expired"
	cardBadExpiry       = "bad_expiry"
	cardUnionPayWarning = "unionpay_warning"
	cardUnreadable      = "unreadable"
)

// cardFinding is one thing CheckCard noticed; the most serious one becomes the Result.
type cardFinding struct {
	outcome       string
	status        Status
	summary, next string
}

// CheckCard checks a card number and, when expiry is not blank, its expiry date, as of now.
//
// The Outcome is the most serious finding: a wrong length, then a failed Luhn check, then an
// expired or unreadable expiry date, then a UnionPay number failing Luhn (a warning: many valid
// UnionPay cards do), then an expiry date more than 20 years ahead (bad_expiry as a warning:
// probably a typo). Findings the Outcome outranks are listed in the report's Warnings.
//
// The error is non-nil only when the number cannot be read at all; the Result then has Outcome
// "unreadable" and Status problem, and the report is empty.
func CheckCard(number string, expiry string, now time.Time) (CardReport, Result, error) {
	card, err := ParseCardNumber(number)
	if err != nil {
		reason := entryReason(err, "it is not a card number")
		return CardReport{}, Result{
			Name:    "card",
			Status:  StatusProblem,
			Outcome: cardUnreadable,
			Summary: "The card number couldn't be read: " + reason + ".",
			Detail:  "card number not parsed: " + reason,
			Next:    "Type the long number on the front of your card, using only digits (spaces are fine).",
		}, err
	}

	rep := CardReport{Card: card, LuhnValid: card.LuhnValid(), LengthValid: card.LengthValid()}
	brand := card.Brand()
	var findings []cardFinding
	switch {
	case !rep.LengthValid:
		findings = append(findings, cardFinding{cardWrongLength, StatusProblem,
			fmt.Sprintf("The card number has %d digits, but %s card numbers have %s. A digit is probably missing or typed twice.",
				card.Len(), brand.Title(), lengthsFor(brand).words()),
			"Count the digits on your card and type the number again at checkout."})
	case !rep.LuhnValid && brand != BrandUnionPay:
		findings = append(findings, cardFinding{cardLuhnFailed, StatusProblem,
			"The card number has a typo: the digits don't add up the way a real card's do. Check each digit against your card.",
			"Compare the number with your card, four digits at a time, and type it again at checkout."})
	}

	expiryDetail := "none"
	if strings.TrimSpace(expiry) != "" {
		er, eres, eerr := CheckExpiry(expiry, now)
		if eerr == nil {
			rep.Expiry = &er
		}
		expiryDetail = expiryDetailWord(er, eres, eerr)
		switch eres.Outcome {
		case expiryExpired:
			findings = append(findings, cardFinding{cardExpired, StatusProblem, eres.Summary, eres.Next})
		case expiryBad:
			findings = append(findings, cardFinding{cardBadExpiry, StatusProblem, eres.Summary, eres.Next})
		}
	}
	if !rep.LuhnValid && rep.LengthValid && brand == BrandUnionPay {
		findings = append(findings, cardFinding{cardUnionPayWarning, StatusWarning,
			card.Masked() + " doesn't pass the usual check for typos, but many real UnionPay cards don't either.",
			"Compare the number with your card; if every digit matches, the number is probably fine."})
	}
	if rep.Expiry != nil && rep.Expiry.TooFar {
		findings = append(findings, cardFinding{cardBadExpiry, StatusWarning,
			"The expiry date is more than 20 years away, which is probably a typo.",
			"Check the expiry date on your card: month then year, like 08/27."})
	}

	res := Result{
		Name:    "card",
		Status:  StatusOK,
		Outcome: cardOK,
		Summary: "The card number looks right: " + card.Masked() + ".",
		Detail: fmt.Sprintf("card=%s brand=%s digits=%d length=%s luhn=%s expiry=%s",
			card.Masked(), brand, card.Len(), lengthDetail(rep.LengthValid, brand), luhnWord(rep.LuhnValid), expiryDetail),
	}
	for i, f := range findings {
		if i == 0 {
			res.Status, res.Outcome, res.Summary, res.Next = f.status, f.outcome, f.summary, f.next
		}
		if i > 0 || f.status == StatusWarning {
			rep.Warnings = append(rep.Warnings, f.summary)
		}
	}
	return rep, res, nil
}

func lengthDetail(ok bool, b Brand) string {
	if ok {
		return "ok"
	}
	return fmt.Sprintf("wrong(%s takes %s)", b, lengthsFor(b).words())
}

func luhnWord(ok bool) string {
	if ok {
		return "pass"
	}
	return "fail"
}

func expiryDetailWord(er ExpiryReport, res Result, err error) string {
	switch {
	case err != nil:
		return "unreadable"
	case er.Expired:
		return "expired"
	case er.TooFar:
		return "too-far"
	}
	return res.Outcome // never the date itself: it is sensitive
}

func init() {
	Register(Spec{
		Name:        "card",
		Description: "Checks a card number for typos (Luhn check digit, length for its brand) and, if given, its expiry date.",
		Params: []Param{
			{Name: "number", Required: true, Description: "the card number as typed; spaces and dashes are fine"},
			{Name: "expiry", Description: "the expiry date, MM/YY"},
		},
		Outcomes: []string{cardOK, cardLuhnFailed, cardWrongLength, cardExpired, cardBadExpiry, cardUnionPayWarning, cardUnreadable},
		Label:    "Card number",
		Texts: map[string]OutcomeText{
			cardOK: {Summary: "The card number looks right.", Agent: "The card number passes the check for typos."},
			cardLuhnFailed: {Summary: "The card number has a typo: the digits don't add up the way a real card's do.",
				Next:  "Compare the number with your card, four digits at a time, and type it again at checkout.",
				Agent: "The card number the shopper typed fails the check digit: probably a typo."},
			cardWrongLength: {Summary: "The card number has too many or too few digits for this kind of card.",
				Next:  "Count the digits on your card and type the number again at checkout.",
				Agent: "The card number has the wrong number of digits for its brand."},
			cardExpired: {Summary: "The card has expired: the month printed on it has passed.",
				Next: "Use a different card, or ask your bank for a replacement.", Agent: "The shopper's card has expired."},
			cardBadExpiry: {Summary: "The expiry date doesn't look right.",
				Next:  "Type the expiry date as it's printed on your card, month then year, like 08/27.",
				Agent: "The expiry date the shopper gave is not a valid date."},
			cardUnionPayWarning: {Summary: "This card doesn't pass the usual check for typos, but many real UnionPay cards don't either.",
				Next:  "Compare the number with your card; if every digit matches, the number is probably fine.",
				Agent: "The card number fails the check digit, as many real UnionPay cards do."},
			cardUnreadable: {Summary: "That doesn't look like a card number.", Agent: "What the shopper typed is not a card number."},
		},
		Run: func(_ context.Context, in Input) Result {
			_, res, _ := CheckCard(in.Params["number"], in.Params["expiry"], checkNow(in))
			return res
		},
	})
}
