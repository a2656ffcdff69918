package checks

import (
	"math"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"
)

// Money is an amount in minor units (cents, pence, öre), never a float. The currency is whatever
// the shopper pays in; checks compare amounts in one currency and never convert.
type Money int64

func moneyError(reason string) error { return &entryError{"amount", reason} }

var (
	errMoneyEmpty    = moneyError("nothing was entered")
	errMoneyNegative = moneyError("it can't be negative")
	errMoneyNotANum  = moneyError("it isn't a number; type it like 120 or 120.50")
	errMoneyDecimals = moneyError("it has more than two digits after the decimal point")
	errMoneyAmbig    = moneyError("the dots, commas or spaces in it don't group the digits in threes")
	errMoneyTooLarge = moneyError("it is too large")
)

// ParseMoney reads an amount as a shopper types it, in any common style: "120", "120.50",
// "1,234.50", "1 234,50", "1.234,50", "1'234.50", "1,23,456.00", with a currency symbol or
// three-letter code before or after ("€12", "12 EUR", "$12.5", "SEK 300", "US$ 5", "300 kr").
//
// Dots and commas are told apart by what follows them: the last one followed by one or two
// digits is the decimal point; the rest separate thousands and must group the digits in threes
// (or the Indian 2-2-3). A lone separator followed by exactly three digits is read as a
// thousands separator ("1,234" and "1.234" are both 1234.00), since nobody pays in thousandths,
// except after a leading 0, where it is refused as three decimals ("0.125"). Spaces and
// apostrophes only ever separate thousands.
//
// It refuses negatives, nothing at all, more than two decimals, anything else that isn't a
// number, and amounts beyond what an int64 of minor units holds. Errors are plain words.
func ParseMoney(s string) (Money, error) {
	t, err := moneyDigits(s)
	if err != nil {
		return 0, err
	}
	whole, frac, err := splitDecimals(t)
	if err != nil {
		return 0, err
	}
	if whole != "" && !groupsOfThousands(whole) {
		return 0, errMoneyAmbig
	}
	return toMinorUnits(whole, frac)
}

// moneyDigits strips the currency from an amount and refuses what cannot be one: nothing, a
// negative, or characters other than digits, dots, commas and thousands marks.
func moneyDigits(s string) (string, error) {
	t := strings.TrimSpace(s)
	if t == "" {
		return "", errMoneyEmpty
	}
	if startsNegative(t) {
		return "", errMoneyNegative
	}
	t, ok := trimCurrency(t)
	if !ok {
		return "", errMoneyNotANum
	}
	if startsNegative(t) {
		return "", errMoneyNegative
	}
	if t == "" || keepDigits(t) == "" {
		return "", errMoneyNotANum
	}
	for _, r := range t {
		if !(r >= '0' && r <= '9') && r != '.' && r != ',' && !isGroupMark(r) {
			return "", errMoneyNotANum
		}
	}
	return t, nil
}

// splitDecimals tells the decimal point from thousands separators (see ParseMoney) and returns
// the whole part and the decimals.
func splitDecimals(t string) (whole, frac string, err error) {
	i := strings.LastIndexAny(t, ".,")
	if i < 0 {
		return t, "", nil
	}
	tail := t[i+1:]
	if keepDigits(tail) != tail {
		return "", "", errMoneyAmbig // a space or apostrophe after the last dot or comma
	}
	sep, head := t[i], t[:i]
	switch n := len(tail); {
	case n == 0:
		return "", "", errMoneyNotANum
	case n <= 2:
		if strings.IndexByte(head, sep) >= 0 {
			return "", "", errMoneyAmbig // "1,234,50": the decimal point used as a thousands separator too
		}
		return head, tail, nil
	case n == 3:
		// A thousands separator, unless the digits don't group that way or lead with a zero
		// ("0.125"); then it reads as three decimals, or as nonsense if even the head won't group.
		if t[0] == '0' || !groupsOfThousands(t) {
			if head == "" || groupsOfThousands(head) {
				return "", "", errMoneyDecimals
			}
			return "", "", errMoneyAmbig
		}
		return t, "", nil
	default:
		return "", "", errMoneyDecimals
	}
}

// toMinorUnits turns the whole part (digits and thousands separators) and one or two decimals into
// minor units, refusing what an int64 cannot hold.
func toMinorUnits(whole, frac string) (Money, error) {
	units := int64(0)
	if d := keepDigits(whole); d != "" {
		n, err := strconv.ParseInt(d, 10, 64)
		if err != nil {
			return 0, errMoneyTooLarge
		}
		units = n
	}
	cents := int64(0)
	if frac != "" {
		c, _ := strconv.Atoi(frac) // one or two ASCII digits
		if len(frac) == 1 {
			c *= 10
		}
		cents = int64(c)
	}
	if units > (math.MaxInt64-cents)/100 {
		return 0, errMoneyTooLarge
	}
	return Money(units*100 + cents), nil
}

func startsNegative(s string) bool {
	return strings.HasPrefix(s, "-") || strings.HasPrefix(s, "\u2212") // hyphen-minus, minus sign
}

// isGroupMark reports the characters that only ever separate thousands: spaces (including the
// no-break and narrow no-break spaces French and Swiss formats use) and apostrophes.
func isGroupMark(r rune) bool {
	return r == ' ' || r == '\u00a0' || r == '\u202f' || r == '\'' || r == '\u2019'
}

// groupsOfThousands reports whether s is plain digits, or digits grouped by one kind of
// separator (every space and apostrophe counting as one kind) in threes (1,234,567) or the Indian
// way (12,34,567). Separators must stand singly between digits.
func groupsOfThousands(s string) bool {
	var groups []string
	var sep rune
	start, prevDigit := 0, false
	for i, r := range s {
		if r >= '0' && r <= '9' {
			prevDigit = true
			continue
		}
		if !prevDigit {
			return false // leading, or two in a row
		}
		kind := r
		if isGroupMark(r) {
			kind = ' '
		}
		if sep == 0 {
			sep = kind
		} else if kind != sep {
			return false
		}
		groups = append(groups, s[start:i])
		start, prevDigit = i+utf8.RuneLen(r), false
	}
	if !prevDigit {
		return false // empty, or a trailing separator
	}
	if sep == 0 {
		return true
	}
	groups = append(groups, s[start:])
	first, last, middle := groups[0], groups[len(groups)-1], groups[1:len(groups)-1]
	if len(last) != 3 || len(first) > 3 {
		return false
	}
	threes, twos := true, len(first) <= 2
	for _, g := range middle {
		threes = threes && len(g) == 3
		twos = twos && len(g) == 2
	}
	return threes || twos
}

// currencyWords are the lower-case currency markers that are neither a symbol nor a
// three-letter code.
var currencyWords = map[string]bool{"kr": true, "zł": true, "ft": true, "rs": true, "kč": true, "lei": true, "円": true, "元": true}

// trimCurrency removes one currency marker from each end of s, with the spaces beside it. A
// marker is a run of letters and currency symbols: a three-letter code (EUR, sek), one or more
// symbols with up to three letters (€, US$, R$, HK$), or a word like kr. It reports false when
// letters are there but are not a currency marker.
func trimCurrency(s string) (string, bool) {
	isMark := func(r rune) bool { return unicode.IsLetter(r) || unicode.Is(unicode.Sc, r) }
	lead := strings.IndexFunc(s, func(r rune) bool { return !isMark(r) })
	if lead < 0 {
		lead = len(s)
	}
	if lead > 0 {
		if !isCurrencyMarker(s[:lead]) {
			return s, false
		}
		s = strings.TrimSpace(s[lead:])
	}
	if trail := strings.LastIndexFunc(s, func(r rune) bool { return !isMark(r) }); trail >= 0 {
		_, size := utf8.DecodeRuneInString(s[trail:])
		if rest := s[trail+size:]; rest != "" {
			if !isCurrencyMarker(rest) {
				return s, false
			}
			s = strings.TrimSpace(s[:trail+size])
		}
	}
	return s, true
}

func isCurrencyMarker(m string) bool {
	letters, symbols, ascii := 0, 0, true
	for _, r := range m {
		if unicode.Is(unicode.Sc, r) {
			symbols++
			continue
		}
		letters++
		if r > unicode.MaxASCII {
			ascii = false
		}
	}
	switch {
	case symbols > 0:
		return letters <= 3 && symbols <= 2
	case letters == 3 && ascii:
		return true
	}
	return currencyWords[strings.ToLower(m)]
}

// String writes the amount with a dot for the decimal point, commas between thousands and always
// two decimals: 1234.5 is "1,234.50", 12 is "12.00". ParseMoney reads it back unchanged.
func (m Money) String() string {
	u := uint64(m)
	sign := ""
	if m < 0 {
		sign, u = "-", -u // two's complement: right even for math.MinInt64
	}
	whole := strconv.FormatUint(u/100, 10)
	var b strings.Builder
	b.WriteString(sign)
	for i, c := range whole {
		if i > 0 && (len(whole)-i)%3 == 0 {
			b.WriteByte(',')
		}
		b.WriteRune(c)
	}
	cents := u % 100
	b.WriteByte('.')
	b.WriteByte(byte('0' + cents/10))
	b.WriteByte(byte('0' + cents%10))
	return b.String()
}
