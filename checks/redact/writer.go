package redact

import (
	"io"
	"sync"
	"unicode"
	"unicode/utf8"
)

// maxHold bounds what a Writer keeps back: a number still being written longer than this is no card
// anyone typed, and is removed whole.
const maxHold = 4096

const longMark = "[long number removed]"

// Writer scrubs everything written through it, as String does. Digits can straddle two writes, so
// a Writer holds back a trailing number that the next write could still make a card of (and a word
// like "cvv:" waiting for its value) until the next Write or Flush; everything else goes out at once.
// It is safe for use by several goroutines.
type Writer struct {
	mu      sync.Mutex
	w       io.Writer
	held    []byte
	swallow bool // inside a number longer than maxHold: drop the rest of it
}

// NewWriter returns a Writer that writes to w.
func NewWriter(w io.Writer) *Writer { return &Writer{w: w} }

// Write scrubs p and writes what is certain; it always takes all of p.
func (w *Writer) Write(p []byte) (int, error) {
	w.mu.Lock()
	defer w.mu.Unlock()
	w.held = append(w.held, p...)
	if w.swallow {
		w.held, w.swallow = dropNumber(w.held)
		if w.swallow {
			return len(p), nil
		}
	}
	s := string(w.held)
	cut := holdFrom(s)
	var out string
	if len(s)-cut > maxHold {
		out = String(s[:cut]) + longMark
		w.held, w.swallow = w.held[:0], true
	} else {
		out = String(s[:cut])
		w.held = append(w.held[:0], s[cut:]...)
	}
	if out == "" {
		return len(p), nil
	}
	if _, err := io.WriteString(w.w, out); err != nil {
		return len(p), err
	}
	return len(p), nil
}

// Flush scrubs and writes what is held back.
func (w *Writer) Flush() error {
	w.mu.Lock()
	defer w.mu.Unlock()
	if w.swallow {
		w.held, _ = dropNumber(w.held)
		w.swallow = false
	}
	if len(w.held) == 0 {
		return nil
	}
	out := String(string(w.held))
	w.held = w.held[:0]
	_, err := io.WriteString(w.w, out)
	return err
}

// dropNumber drops the digits, separators and escape sequences at the start of b; it reports
// whether the number may still go on.
func dropNumber(b []byte) ([]byte, bool) {
	s := string(b)
	i, kept := 0, 0 // kept: after the last digit; separators after it stay when the number ends
	for i < len(s) {
		if s[i] == esc {
			if n := escapeLen(s, i); n > 0 {
				i += n
				continue
			}
			if escapePending(s, i) {
				return []byte(s[i:]), true
			}
			break
		}
		if !utf8.FullRuneInString(s[i:]) {
			return []byte(s[i:]), true
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		if DigitValue(r) >= 0 {
			kept = i + size
		} else if separatorKind(r) == sepNone {
			return []byte(s[kept:]), false
		}
		i += size
	}
	return []byte(s[kept:]), true
}

// holdFrom is where the part of s that the next write could still change begins: an open run of
// digits (with the word for a code before it), a word for a code waiting for its value, an escape
// sequence or a character cut in two.
func holdFrom(s string) int {
	runStart, open, gap := -1, false, 0
	for i := 0; i < len(s); {
		c := s[i]
		if c == esc {
			if n := escapeLen(s, i); n > 0 {
				i += n
				continue
			}
			if len(s)-i <= 256 && escapePending(s, i) {
				if open {
					return withWord(s, runStart)
				}
				return min(i, wordFrom(s[:i], i))
			}
		}
		if c >= utf8.RuneSelf && !utf8.FullRuneInString(s[i:]) {
			if open {
				return withWord(s, runStart)
			}
			return min(i, wordFrom(s[:i], i))
		}
		r, size := rune(c), 1
		if c >= utf8.RuneSelf {
			r, size = utf8.DecodeRuneInString(s[i:])
		}
		if DigitValue(r) >= 0 {
			if !open {
				runStart = i
			}
			open, gap = true, 0
		} else if open {
			switch separatorKind(r) {
			case sepVisible:
				if gap++; gap > maxGap {
					open = false
				}
			case sepInvisible:
			default:
				open = false
			}
		}
		i += size
	}
	if open {
		return withWord(s, runStart)
	}
	return wordFrom(s, len(s))
}

// withWord moves the start of a held run back to a word for a code or expiry right before it.
func withWord(s string, runStart int) int {
	return wordFrom(s[:runStart], runStart)
}

// wordFrom is the start of a word for a code or an expiry date (or the beginning of one) that runs,
// with what may follow it, to the end of s; else def.
func wordFrom(s string, def int) int {
	from := max(0, len(s)-64)
	for from < len(s) && !utf8.RuneStart(s[from]) {
		from++
	}
	for i := from; i < len(s); {
		r, size := utf8.DecodeRuneInString(s[i:])
		if unicode.IsLetter(r) && r < 0x250 {
			prev, _ := utf8.DecodeLastRuneInString(s[:i])
			if i == 0 || !unicode.IsLetter(prev) && !unicode.Is(unicode.Mn, prev) {
				for _, kw := range keywords[byte(fold(r))] {
					end, st := matchWord(s, i, kw.word)
					if st == matched {
						_, st = skipFiller(s, end)
					}
					if st == partial {
						return min(i, def)
					}
				}
			}
		}
		i += size
	}
	return def
}
