package redact

import (
	"unicode"
	"unicode/utf8"
)

// The words people put before a security code or an expiry date, in the languages unstuck speaks,
// folded: lower case, accents removed, a space standing for any run of spaces. Longer words first,
// so "cvv2" wins over "cvv".
var (
	codeWords = []string{
		// en
		"card verification code", "card verification value", "verification code", "security code",
		"security number", "card code", "cvv2", "cvc2", "cvv", "cvc", "cid", "csc",
		// sv
		"sakerhetskoden", "sakerhetskod", "sakerhetsnummer", "kontrollsiffror", "cvv-kod", "cvc-kod",
		// de
		"kartenprufnummer", "prufnummer", "prufziffer", "sicherheitscode", "sicherheitsnummer",
		// es
		"codigo de seguridad", "cod seguridad", "codigo cvv",
	}
	expiryWords = []string{
		// en
		"expiration date", "expiry date", "exp date", "expiration", "expiry", "expires", "expire",
		"valid through", "valid thru", "valid until", "good thru", "exp",
		// sv
		"utgangsdatum", "giltig till", "giltigt till", "giltighetstid", "utgar",
		// de
		"ablaufdatum", "gultig bis", "lauft ab", "verfallsdatum",
		// es
		"fecha de caducidad", "fecha de vencimiento", "caducidad", "caduca", "vencimiento", "vence",
		"valida hasta", "valido hasta",
	}
	// fillWords may stand between such a word and its value: "expiry date is 09/31".
	fillWords = []string{"date", "is", "datum", "ar", "ist", "es", "el", "den", "no", "nr"}
)

// keywords, by the first letter of the folded word.
var keywords = func() map[byte][]keyword {
	m := map[byte][]keyword{}
	for _, w := range codeWords {
		m[w[0]] = append(m[w[0]], keyword{w, false})
	}
	for _, w := range expiryWords {
		m[w[0]] = append(m[w[0]], keyword{w, true})
	}
	return m
}()

type keyword struct {
	word   string
	expiry bool
}

// lookahead is how far after a word its value may start: the word is only tried near a digit.
const lookahead = 48

// keywordEdits removes a security code or an expiry date that follows the words for them. edits
// are the cards found, in order: a value inside one of them is gone already.
func keywordEdits(s string, edits []edit) []edit {
	cards := len(edits)
	k := 0          // the first card that does not end before i
	nextDigit := -1 // the byte offset of the next digit at or after i, or len(s)
	prevLetter := false
	for i := 0; i < len(s); {
		r, size := rune(s[i]), 1
		if r >= utf8.RuneSelf {
			r, size = utf8.DecodeRuneInString(s[i:])
		}
		letter := 'a' <= r && r <= 'z' || 'A' <= r && r <= 'Z' || r >= utf8.RuneSelf && unicode.IsLetter(r)
		if letter && !prevLetter && r < 0x250 {
			if nextDigit < i {
				nextDigit = findDigit(s, i)
			}
			if nextDigit < len(s) && nextDigit-i <= lookahead {
				if e, ok := keywordValue(s, i); ok {
					for k < cards && edits[k].end <= e.start {
						k++
					}
					if k == cards || edits[k].start >= e.end {
						edits = append(edits, e)
					}
				}
			}
		}
		if r < utf8.RuneSelf || !unicode.Is(unicode.Mn, r) {
			prevLetter = letter
		}
		i += size
	}
	return edits
}

func findDigit(s string, i int) int {
	for i < len(s) {
		if c := s[i]; c < utf8.RuneSelf {
			if c >= '0' && c <= '9' {
				return i
			}
			i++
			continue
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		if DigitValue(r) >= 0 {
			return i
		}
		i += size
	}
	return len(s)
}

// keywordValue matches a word at s[i:] and the value after it.
func keywordValue(s string, i int) (edit, bool) {
	kws := keywords[byte(fold(firstRune(s[i:])))]
	for _, kw := range kws {
		end, st := matchWord(s, i, kw.word)
		if st != matched {
			continue
		}
		j, st := skipFiller(s, end)
		if st != matched {
			continue
		}
		var n int
		var mark string
		if kw.expiry {
			n, mark = expiryAt(s, j), expiryMark
		} else {
			n, mark = codeAt(s, j), codeMark
		}
		if n > 0 {
			return edit{j, j + n, mark}, true
		}
	}
	return edit{}, false
}

type matchState int

const (
	failed  matchState = iota
	matched            // the whole word, and a boundary after it
	partial            // the text ended inside the word: more bytes could complete it
)

// matchWord matches the folded word w at s[i:], case and accents ignored, followed by a non-letter.
func matchWord(s string, i int, w string) (int, matchState) {
	j := i
	for p := 0; p < len(w); p++ {
		if j >= len(s) {
			return j, partial
		}
		if w[p] == ' ' {
			n := 0
			for j < len(s) {
				r, size := utf8.DecodeRuneInString(s[j:])
				if !unicode.IsSpace(r) || r == '\n' {
					break
				}
				j += size
				n++
			}
			if n == 0 {
				return j, failed
			}
			continue
		}
		r, size := utf8.DecodeRuneInString(s[j:])
		if fold(r) != rune(w[p]) {
			return j, failed
		}
		j += size
		j = skipMarks(s, j)
	}
	if j < len(s) {
		if r, _ := utf8.DecodeRuneInString(s[j:]); unicode.IsLetter(r) {
			return j, failed
		}
	}
	return j, matched
}

func skipMarks(s string, j int) int {
	for j < len(s) && s[j] >= utf8.RuneSelf {
		r, size := utf8.DecodeRuneInString(s[j:])
		if !unicode.Is(unicode.Mn, r) {
			break
		}
		j += size
	}
	return j
}

// skipFiller passes what may stand between a word and its value: spaces, ':' '=' '.' '#' '-',
// escape sequences and one filler word ("date", "is"), a few of them at most. It is partial when the
// text ends inside it.
func skipFiller(s string, j int) (int, matchState) {
	fills, words := 0, 0
	for fills <= 8 {
		if j >= len(s) {
			return j, partial
		}
		c := s[j]
		if c == esc {
			if n := escapeLen(s, j); n > 0 {
				j += n
				continue
			}
			if escapePending(s, j) {
				return j, partial
			}
			return j, matched
		}
		r, size := utf8.DecodeRuneInString(s[j:])
		if r == ':' || r == '=' || r == '.' || r == '#' || r == '-' || r == 0xff1a || unicode.IsSpace(r) && r != '\n' && r != '\r' {
			j += size
			fills++
			continue
		}
		if words == 0 && unicode.IsLetter(r) {
			for _, w := range fillWords {
				if end, st := matchWord(s, j, w); st == matched {
					j, words = end, 1
					break
				} else if st == partial {
					return end, partial
				}
			}
			if words == 1 {
				continue
			}
		}
		return j, matched
	}
	return j, matched
}

// codeAt is the length of a security code at s[j:]: 3 or 4 digits and no more.
func codeAt(s string, j int) int {
	n, end := digitsAt(s, j)
	if n < 3 || n > 4 {
		return 0
	}
	return end - j
}

// expiryAt is the length of an expiry date at s[j:]: MM/YY, MM/YYYY (any of / - . or spaces
// between) or MMYY.
func expiryAt(s string, j int) int {
	n, end := digitsAt(s, j)
	switch {
	case n == 4 && month(s, j, 2) > 0:
		return end - j
	case n != 1 && n != 2 || month(s, j, n) == 0:
		return 0
	}
	k, seps := end, 0
	for k < len(s) && seps < 3 {
		r, size := utf8.DecodeRuneInString(s[k:])
		if r == '\n' || separatorKind(r) != sepVisible || r == ',' || r == '_' {
			break
		}
		k += size
		seps++
	}
	if seps == 0 {
		return 0
	}
	m, yend := digitsAt(s, k)
	if m == 2 || m == 4 && startsWith20(s, k) {
		return yend - j
	}
	return 0
}

// digitsAt counts the digits at s[j:] and returns where they end; 0 when a digit follows them
// after no separator is impossible, since digitsAt takes them all.
func digitsAt(s string, j int) (int, int) {
	n := 0
	for j < len(s) {
		r, size := utf8.DecodeRuneInString(s[j:])
		if DigitValue(r) < 0 {
			break
		}
		j += size
		n++
	}
	return n, j
}

// month is the value of the n-digit month at s[j:], or 0 when it is not one.
func month(s string, j, n int) int {
	m := 0
	for range n {
		r, size := utf8.DecodeRuneInString(s[j:])
		m = m*10 + DigitValue(r)
		j += size
	}
	if m < 1 || m > 12 {
		return 0
	}
	return m
}

func startsWith20(s string, j int) bool {
	r1, size := utf8.DecodeRuneInString(s[j:])
	r2, _ := utf8.DecodeRuneInString(s[j+size:])
	return DigitValue(r1) == 2 && DigitValue(r2) == 0
}

func firstRune(s string) rune {
	r, _ := utf8.DecodeRuneInString(s)
	return r
}

// fold lowers r and takes the accent off the Latin letters of Swedish, German and Spanish.
func fold(r rune) rune {
	if r < utf8.RuneSelf {
		if r >= 'A' && r <= 'Z' {
			return r + 'a' - 'A'
		}
		return r
	}
	r = unicode.ToLower(r)
	switch r {
	case 'à', 'á', 'â', 'ã', 'ä', 'å':
		return 'a'
	case 'ç':
		return 'c'
	case 'è', 'é', 'ê', 'ë':
		return 'e'
	case 'ì', 'í', 'î', 'ï':
		return 'i'
	case 'ñ':
		return 'n'
	case 'ò', 'ó', 'ô', 'õ', 'ö', 'ø':
		return 'o'
	case 'ù', 'ú', 'û', 'ü':
		return 'u'
	case 'ý', 'ÿ':
		return 'y'
	}
	return r
}
