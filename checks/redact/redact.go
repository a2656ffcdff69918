// Package redact removes card numbers, security codes and expiry dates from text: the one scrubber
// that everything unstuck writes passes through. It needs nothing but the standard library.
package redact

import (
	"cmp"
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"
)

// The marks left where something was removed. A card keeps its last four digits, as a receipt does.
const (
	cardMark = "[card ending %s]"
	// cardRemoved is the mark for digits whose last four would name no card (cardLabel).
	cardRemoved = "[card removed]"
	codeMark    = "[code removed]"
	expiryMark  = "[expiry removed]"
)

// Card numbers have 12 to 19 digits.
const (
	minCard = 12
	maxCard = 19
	// maxGap is how many visible separators may stand between two digit groups of one number:
	// "4242 - 4242" has three. More, and the digits are two numbers.
	maxGap = 4
	// near is how far after the first Luhn-valid start the scrubber looks for a better-shaped card
	// (one that starts and ends with a group). It is below minCard, so nothing valid is skipped.
	near = 8
)

// cardLengths is the order in which lengths are preferred when several windows pass Luhn at once:
// the common lengths first (16: Visa, Mastercard; 15: Amex; 19, 14, 13 and 12 after).
var cardLengths = [...]int{16, 15, 19, 14, 13, 12, 17, 18}

// String returns s with every card number, and every security code and expiry date found next to
// one or next to the words for them, replaced by a short mark. Digits in any script count, and any
// separators people put between digit groups (spaces of every kind, tabs, dots, slashes,
// underscores, commas, dashes) are looked through. Everything else is kept byte for byte; text with
// no digit is returned as it is.
func String(s string) string {
	if !hasDigit(s) {
		return s
	}
	out, _ := scrub(s)
	return out
}

// Bytes is String for a byte slice; when nothing is removed it returns b itself.
func Bytes(b []byte) []byte {
	if !hasDigitBytes(b) {
		return b
	}
	out, changed := scrub(string(b))
	if !changed {
		return b
	}
	return []byte(out)
}

// HasCard reports whether s holds a card number, by the rules String removes them with.
func HasCard(s string) bool {
	if !hasDigit(s) {
		return false
	}
	found := false
	eachRun(s, func(run []digit) bool {
		t := newTable(run)
		for k := 0; k+minCard <= len(run); k++ {
			if t.anyValid(k) {
				found = true
				return false
			}
		}
		return true
	})
	return found
}

// edit replaces s[start:end] with text.
type edit struct {
	start, end int
	text       string
}

func scrub(s string) (string, bool) {
	var edits []edit
	eachRun(s, func(run []digit) bool {
		edits = cardEdits(run, edits)
		return true
	})
	edits = keywordEdits(s, edits)
	if len(edits) == 0 {
		return s, false
	}
	return apply(s, edits), true
}

// apply writes s with the edits (sorted, not overlapping) made. Escape sequences inside a removed
// span are kept after its mark, so a styled frame keeps its styles.
func apply(s string, edits []edit) string {
	sortEdits(edits)
	var b strings.Builder
	b.Grow(len(s))
	at := 0
	for _, e := range edits {
		if e.start < at {
			continue // inside a span already removed (a card in a link's address, in a card around the link)
		}
		b.WriteString(s[at:e.start])
		b.WriteString(e.text)
		for i := e.start; i < e.end; {
			if s[i] == esc {
				if n := escapeLen(s, i); n > 0 {
					b.WriteString(String(s[i : i+n])) // an OSC's own text is scrubbed too
					i += n
					continue
				}
			}
			i++
		}
		at = e.end
	}
	b.WriteString(s[at:])
	return b.String()
}

func sortEdits(edits []edit) {
	slices.SortFunc(edits, func(a, b edit) int { return cmp.Compare(a.start, b.start) })
}

// --- Digit runs ---------------------------------------------------------------------------------

// digit is one digit of the text, in any script.
type digit struct {
	start, end int  // its bytes in the text
	val        int8 // 0 to 9
	group      int  // digits of one group have no separator between them
}

// eachRun calls f with every run of digits in s: digit groups with at most maxGap separators
// between them. Escape sequences and invisible format characters between digits are looked through.
// A slash joins two groups only when both are short (at most maxSlashGroup digits), as in
// 4242/4242/4242/4242 or 09/31: a long number next to a slash is a path (/tmp/x1234567890/001) or a
// ratio, not a card typed in groups. f returns false to stop.
func eachRun(s string, f func([]digit) bool) {
	var run []digit
	gap, sep, slash, group := 0, false, false, 0
	open := false
	// afterSlash is where the group after a slash began in run, or -1; that group may still grow too
	// long for the slash to join it.
	afterSlash := -1
	emit := func(r []digit) bool {
		if len(r) >= minCard {
			return f(r)
		}
		return true
	}
	// endGroup is called when the last group of run is complete: it splits the run at a slash that
	// turned out to stand next to a long group.
	endGroup := func() bool {
		if afterSlash >= 0 && len(run)-afterSlash > maxSlashGroup {
			if !emit(run[:afterSlash]) {
				return false
			}
			run = append(run[:0], run[afterSlash:]...)
		}
		afterSlash = -1
		return true
	}
	flush := func() bool {
		ok := endGroup() && emit(run)
		run, open = run[:0], false
		return ok
	}
	for i := 0; i < len(s); {
		c := s[i]
		if c == esc {
			if n := escapeLen(s, i); n > 0 {
				if s[i+1] == ']' && !eachOSCRun(s, i, n, f) {
					return
				}
				i += n
				continue
			}
		}
		r, size := rune(c), 1
		if c >= utf8.RuneSelf {
			r, size = utf8.DecodeRuneInString(s[i:])
		}
		if v := DigitValue(r); v >= 0 {
			if open && sep {
				if !endGroup() {
					return
				}
				if slash {
					if last := lastGroupLen(run); last > maxSlashGroup {
						if !emit(run) {
							return
						}
						run = run[:0]
					} else {
						afterSlash = len(run)
					}
				}
				group++
			}
			run = append(run, digit{start: i, end: i + size, val: int8(v), group: group})
			open, gap, sep, slash = true, 0, false, false
		} else if open {
			switch kind := separatorKind(r); {
			case kind == sepVisible && gap < maxGap:
				gap++
				sep = true
				slash = slash || isSlash(r)
			case kind == sepInvisible:
				sep = true
			default:
				if !flush() {
					return
				}
			}
		}
		i += size
	}
	flush()
}

// eachOSCRun calls f with the runs inside the OSC sequence s[i:i+n], placed in s. Between digits
// outside it the sequence is looked through (a link's start between two groups), but its own text (a
// window title, a link's address) is text a card can stand in, and is scrubbed like any other.
func eachOSCRun(s string, i, n int, f func([]digit) bool) bool {
	at := i + 2
	ok := true
	eachRun(s[at:i+n], func(run []digit) bool {
		placed := make([]digit, len(run))
		for k, d := range run {
			d.start, d.end = d.start+at, d.end+at
			placed[k] = d
		}
		ok = f(placed)
		return ok
	})
	return ok
}

// maxSlashGroup is the longest digit group a slash joins to another: Amex's middle group has six.
const maxSlashGroup = 6

func lastGroupLen(run []digit) int {
	n := 0
	for i := len(run) - 1; i >= 0 && run[i].group == run[len(run)-1].group; i-- {
		n++
	}
	return n
}

func isSlash(r rune) bool {
	switch r {
	case '/', 0x2044, 0x2215, 0x29f8, 0xff0f:
		return true
	}
	return false
}

// table answers "do these digits pass Luhn" for any window of a run in constant time, from two
// running sums: which digits are doubled depends only on the parity of the window's last digit.
type table struct {
	run  []digit
	a, b []int // a: even positions plain, odd doubled; b: the other way round
}

func newTable(run []digit) table {
	t := table{run: run, a: make([]int, len(run)+1), b: make([]int, len(run)+1)}
	for j, d := range run {
		p := int(d.val)
		dbl := 2 * p
		if dbl > 9 {
			dbl -= 9
		}
		if j%2 == 0 {
			t.a[j+1], t.b[j+1] = t.a[j]+p, t.b[j]+dbl
		} else {
			t.a[j+1], t.b[j+1] = t.a[j]+dbl, t.b[j]+p
		}
	}
	return t
}

// valid reports whether the n digits from k pass Luhn.
func (t table) valid(k, n int) bool {
	e := k + n - 1
	if e%2 == 0 {
		return (t.a[e+1]-t.a[k])%10 == 0
	}
	return (t.b[e+1]-t.b[k])%10 == 0
}

func (t table) anyValid(k int) bool {
	for n := minCard; n <= maxCard && k+n <= len(t.run); n++ {
		if t.valid(k, n) {
			return true
		}
	}
	return false
}

func (t table) groupStart(i int) bool { return i == 0 || t.run[i-1].group != t.run[i].group }
func (t table) groupEnd(i int) bool {
	return i == len(t.run)-1 || t.run[i+1].group != t.run[i].group
}

// cardEdits finds the cards in one run, with a security code and an expiry date right after each.
// The first Luhn-valid start wins, unless a window starting a little later has a better shape (it
// starts and ends with a digit group): that keeps "order 1234 4242 4242 4242 4242" from losing the
// wrong digits. Whatever is left of the run holds no Luhn-valid window: before the chosen start there
// is no room for one, and after it the search goes on.
func cardEdits(run []digit, edits []edit) []edit {
	t := newTable(run)
	for pos := 0; pos < len(run); {
		k0 := -1
		for k := pos; k+minCard <= len(run); k++ {
			if t.anyValid(k) {
				k0 = k
				break
			}
		}
		if k0 < 0 {
			break
		}
		bestK, bestN, bestScore, bestRank := -1, 0, -1, 0
		for k := k0; k < k0+near && k+minCard <= len(run); k++ {
			for rank, n := range cardLengths {
				if k+n > len(run) || !t.valid(k, n) {
					continue
				}
				score := 0
				if t.groupStart(k) {
					score++
				}
				if t.groupEnd(k + n - 1) {
					score++
				}
				if score > bestScore || score == bestScore && rank < bestRank {
					bestK, bestN, bestScore, bestRank = k, n, score, rank
				}
			}
		}
		// Whole groups go: a card typed into a longer number takes the number with it.
		a, b := bestK, bestK+bestN-1
		for a > pos && !t.groupStart(a) {
			a--
		}
		for !t.groupEnd(b) {
			b++
		}
		end := bestK + bestN - 1
		if fourByFour(t, a, b) {
			// Four groups of four whose first three pass Luhn: a mistyped 16-digit card, not a 12-digit
			// card and its code. The same digits go; the mark names the fourth group, as typed.
			b += 4
		}
		edits = append(edits, edit{run[a].start, run[b].end, cardLabel(run, a, b, end)})
		pos = b + 1
		if pos+minCard <= len(run) && t.groupStart(pos) && t.anyValid(pos) {
			continue // another card right after this one: its first group is no security code
		}
		edits, pos = afterCard(t, pos, edits)
	}
	return edits
}

// fourByFour reports whether run[a..b] is three groups of four digits followed by a fourth group of
// four, the way a 16-digit card is typed.
func fourByFour(t table, a, b int) bool {
	if b-a+1 != 12 || b+4 >= len(t.run) {
		return false
	}
	for g := a; g <= b+1; g += 4 {
		if !t.groupStart(g) || groupLen(t, g) != 4 {
			return false
		}
	}
	return true
}

// cardLabel is the mark for the digits run[a..b] removed around the card that ends at run[end]. It
// names the last four digits the shopper typed, those of the whole span: a mistyped number that ends
// in 4241 but holds a shorter Luhn-valid window is "[card ending 4241]", never the window's last four,
// which the shopper would not recognise. A span longer than any card whose end is not the card's (a
// card typed at the start of a long reference) is "[card removed]": its last four are no card's.
func cardLabel(run []digit, a, b, end int) string {
	last4 := func(i int) string {
		d := make([]byte, 4)
		for j := range 4 {
			d[j] = '0' + byte(run[i-3+j].val)
		}
		return string(d)
	}
	typed := last4(b)
	if b-a+1 > maxCard && typed != last4(end) {
		return cardRemoved
	}
	return strings.Replace(cardMark, "%s", typed, 1)
}

// afterCard removes an expiry date (MM/YY, MM/YYYY, with any separator) and a security code (3 or 4
// digits) that follow a card in the same run, in either order.
func afterCard(t table, pos int, edits []edit) ([]edit, int) {
	gotExpiry, gotCode := false, false
	for range 2 {
		if pos >= len(t.run) {
			break
		}
		g1 := groupLen(t, pos)
		if !gotExpiry && g1 <= 2 && pos+g1 < len(t.run) {
			g2 := groupLen(t, pos+g1)
			month := int(t.run[pos].val)
			if g1 == 2 {
				month = month*10 + int(t.run[pos+1].val)
			}
			year := t.run[pos+g1]
			if month >= 1 && month <= 12 && (g2 == 2 || g2 == 4 && year.val == 2 && t.run[pos+g1+1].val == 0) {
				end := pos + g1 + g2 - 1
				edits = append(edits, edit{t.run[pos].start, t.run[end].end, expiryMark})
				pos, gotExpiry = end+1, true
				continue
			}
		}
		if !gotCode && (g1 == 3 || g1 == 4) {
			end := pos + g1 - 1
			edits = append(edits, edit{t.run[pos].start, t.run[end].end, codeMark})
			pos, gotCode = end+1, true
			continue
		}
		break
	}
	return edits, pos
}

func groupLen(t table, i int) int {
	n := 1
	for i+n < len(t.run) && t.run[i+n].group == t.run[i].group {
		n++
	}
	return n
}

// --- Characters ---------------------------------------------------------------------------------

const esc = 0x1b

// escapeLen is the length of the complete CSI (ESC [ ... final) or OSC (ESC ] ... BEL or ESC \)
// sequence at s[i], or 0. Escape sequences are looked through, so a styled frame is scrubbed too.
func escapeLen(s string, i int) int {
	if i+1 >= len(s) {
		return 0
	}
	switch s[i+1] {
	case '[':
		j := csiFinal(s, i+2)
		if j < len(s) && s[j] >= 0x40 && s[j] <= 0x7e {
			return j + 1 - i
		}
	case ']':
		for j := i + 2; j < len(s); j++ {
			switch s[j] {
			case 0x07:
				return j + 1 - i
			case esc:
				if j+1 < len(s) && s[j+1] == '\\' {
					return j + 2 - i
				}
				return 0
			}
		}
	}
	return 0
}

// csiFinal skips a CSI sequence's parameter and intermediate bytes from j: where its final byte
// stands (or len(s) when the sequence is not finished yet).
func csiFinal(s string, j int) int {
	for j < len(s) && s[j] >= 0x30 && s[j] <= 0x3f {
		j++
	}
	for j < len(s) && s[j] >= 0x20 && s[j] <= 0x2f {
		j++
	}
	return j
}

// escapePending reports whether s[i:] is the start of an escape sequence that the next bytes could
// complete.
func escapePending(s string, i int) bool {
	if i+1 >= len(s) {
		return true
	}
	switch s[i+1] {
	case '[':
		j := csiFinal(s, i+2)
		return j == len(s)
	case ']':
		j := strings.IndexAny(s[i+2:], "\x07\x1b")
		return j < 0 || i+2+j == len(s)-1 && s[len(s)-1] == esc
	}
	return false
}

// DigitValue is r's value as a decimal digit in any script (Unicode Nd), or -1.
func DigitValue(r rune) int {
	if r >= '0' && r <= '9' {
		return int(r - '0')
	}
	if r < 0x660 || !unicode.IsDigit(r) {
		return -1
	}
	// Decimal digits come in runs of ten, zero first; the table's ranges are made of such runs.
	for _, rg := range unicode.Nd.R16 {
		if r >= rune(rg.Lo) && r <= rune(rg.Hi) {
			return int(r-rune(rg.Lo)) % 10
		}
	}
	for _, rg := range unicode.Nd.R32 {
		if r >= rune(rg.Lo) && r <= rune(rg.Hi) {
			return int(r-rune(rg.Lo)) % 10
		}
	}
	return -1
}

func hasDigit(s string) bool {
	for _, r := range s {
		if isAnyDigit(r) {
			return true
		}
	}
	return false
}

// hasDigitBytes is hasDigit for bytes, without copying them into a string.
func hasDigitBytes(b []byte) bool {
	for i := 0; i < len(b); {
		r, size := rune(b[i]), 1
		if r >= utf8.RuneSelf {
			r, size = utf8.DecodeRune(b[i:])
		}
		if isAnyDigit(r) {
			return true
		}
		i += size
	}
	return false
}

// isAnyDigit reports a decimal digit in any script, the ASCII ones first and fast.
func isAnyDigit(r rune) bool {
	if r < utf8.RuneSelf {
		return r >= '0' && r <= '9'
	}
	return DigitValue(r) >= 0
}

type sepKind int

const (
	sepNone      sepKind = iota
	sepVisible           // a space, dot, slash, comma, underscore or dash between digit groups
	sepInvisible         // a format character (zero-width space, joiner, direction mark): free
)

// separatorKind says what r is between two digit groups. Line breaks end a number.
func separatorKind(r rune) sepKind {
	switch r {
	case '\n', '\r', '\v', '\f', 0x85, 0x2028, 0x2029:
		return sepNone
	case ' ', '\t', '.', '/', '_', ',', '-',
		0x2212,         // minus sign
		0x2024, 0x2027, // one dot leader, hyphenation point
		0x2044, 0x2215, 0x29f8, // fraction slash, division slash, big solidus
		0x060c, 0x066b, 0x066c, 0x06d4, // Arabic comma, decimal and thousands separators, full stop
		0x3001, 0x3002, // ideographic comma and full stop
		0xfe50, 0xfe51, 0xfe52, // small comma, ideographic comma, full stop
		0xff0c, 0xff0e, 0xff0f, 0xff3f, 0xff64, 0xff61: // fullwidth and halfwidth , . / _ 、 。
		return sepVisible
	}
	if r < 0x80 {
		return sepNone
	}
	if unicode.IsSpace(r) || unicode.Is(unicode.Pd, r) {
		return sepVisible
	}
	if unicode.Is(unicode.Cf, r) {
		return sepInvisible
	}
	return sepNone
}
