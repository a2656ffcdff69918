package flows

import (
	"regexp"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/unstuck-dev/unstuck/checks/redact"
)

// Sanitize makes text from a flow file (or a shopper) safe to show in a terminal: escape sequences are
// removed whole (CSI, OSC such as clipboard writes and hyperlinks, DCS, ...), other control characters
// are dropped, tabs become spaces, and invalid UTF-8 becomes U+FFFD. Newlines are kept (a CR LF becomes
// one newline); the other line breaks (a lone CR, as terminals paste a newline, VT, FF, NEL, U+2028 and
// U+2029) become a space, so that words pasted on two lines stay two words and nothing can move the
// cursor back over a line.
func Sanitize(s string) string {
	if isPlain(s) {
		return s
	}
	var b strings.Builder
	b.Grow(len(s))
	for i := 0; i < len(s); {
		r, size := utf8.DecodeRuneInString(s[i:])
		switch {
		case r == utf8.RuneError && size == 1:
			b.WriteRune(utf8.RuneError)
			i++
		case r == 0x1b: // ESC: skip the whole sequence
			i = skipEscape(s, i+1)
		case r == 0x9b || r == 0x9d || r == 0x90 || r == 0x9e || r == 0x9f || r == 0x98: // 8-bit CSI, OSC, DCS, PM, APC, SOS
			i = skipEscapeBody(s, i+size, r == 0x9b)
		case r == '\n':
			b.WriteByte('\n')
			i += size
		case r == '\t':
			b.WriteString("    ")
			i += size
		case r == '\r' && i+1 < len(s) && s[i+1] == '\n':
			i += size
		case isLineBreak(r):
			b.WriteByte(' ')
			i += size
		case unicode.IsControl(r), isBidiControl(r):
			i += size
		default:
			b.WriteRune(r)
			i += size
		}
	}
	return b.String()
}

// isLineBreak reports the characters that start a new line somewhere: LF, CR, VT, FF, NEL, LS and PS.
func isLineBreak(r rune) bool {
	switch r {
	case '\n', '\r', '\v', '\f', '\u0085', '\u2028', '\u2029':
		return true
	}
	return false
}

// OneLine makes text that must stay on one line (a typed answer, a line of the Markdown summary) out
// of what may have been pasted on several: every line break, whichever system it came from (CR LF,
// LF, CR, VT, FF, NEL, U+2028, U+2029), becomes one space. Nothing else changes: it does not
// sanitize.
func OneLine(s string) string {
	if !strings.ContainsAny(s, "\n\r\v\f\u0085\u2028\u2029") {
		return s
	}
	var b strings.Builder
	b.Grow(len(s))
	for i := 0; i < len(s); {
		r, size := utf8.DecodeRuneInString(s[i:])
		switch {
		case r == '\r' && i+1 < len(s) && s[i+1] == '\n':
			b.WriteByte(' ')
			i += 2
			continue
		case isLineBreak(r):
			b.WriteByte(' ')
		default:
			b.WriteString(s[i : i+size])
		}
		i += size
	}
	return b.String()
}

func isPlain(s string) bool {
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c < 0x20 && c != '\n' || c == 0x7f || c >= 0x80 {
			return false
		}
	}
	return true
}

// isBidiControl reports the explicit direction overrides that can make text display in a different
// order than it is stored (used to disguise content). Ordinary right-to-left text needs none of them.
func isBidiControl(r rune) bool {
	return r >= 0x202a && r <= 0x202e || r >= 0x2066 && r <= 0x2069 || r == 0x200e || r == 0x200f || r == 0x061c
}

// skipEscape returns the index just past the escape sequence whose ESC was at i-1.
func skipEscape(s string, i int) int {
	if i >= len(s) {
		return i
	}
	switch s[i] {
	case '[':
		return skipEscapeBody(s, i+1, true)
	case ']', 'P', '_', '^', 'X':
		return skipEscapeBody(s, i+1, false)
	default:
		// Two-character sequences (ESC c, ESC 7, ...), with any intermediate bytes first.
		for i < len(s) && s[i] >= 0x20 && s[i] <= 0x2f {
			i++
		}
		if i < len(s) {
			i++
		}
		return i
	}
}

// skipEscapeBody skips a CSI (ended by a final byte 0x40-0x7e) or a string sequence (ended by BEL,
// ST, or ESC \).
func skipEscapeBody(s string, i int, csi bool) int {
	for i < len(s) {
		c := s[i]
		if csi {
			i++
			if c >= 0x40 && c <= 0x7e {
				return i
			}
			if c < 0x20 && c != 0x1b {
				continue
			}
			if c == 0x1b {
				return i - 1
			}
			continue
		}
		switch {
		case c == 0x07:
			return i + 1
		case c == 0x1b:
			if i+1 < len(s) && s[i+1] == '\\' {
				return i + 2
			}
			return i + 1
		case c == 0xc2 && i+1 < len(s) && s[i+1] == 0x9c: // ST as UTF-8
			return i + 2
		}
		i++
	}
	return i
}

// HasControl reports whether text contains control or escape characters that Sanitize would remove.
func HasControl(s string) bool {
	if isPlain(s) { // the common case, looked at byte by byte
		return false
	}
	for _, r := range s {
		if r == '\n' || r == '\t' {
			continue
		}
		if unicode.IsControl(r) || isBidiControl(r) {
			return true
		}
	}
	return false
}

var refPattern = regexp.MustCompile(`\{\{\s*([A-Za-z0-9_.\-]+)\s*\}\}`)

// References lists the {{names}} used in text, in order.
func References(text string) []string {
	if !strings.Contains(text, "{{") {
		return nil
	}
	var out []string
	for _, m := range refPattern.FindAllStringSubmatch(text, -1) {
		out = append(out, m[1])
	}
	return out
}

// expand replaces each {{name}} with lookup(name); names lookup does not know stay as written.
func expand(text string, lookup func(name string) (string, bool)) string {
	if !strings.Contains(text, "{{") {
		return text
	}
	return refPattern.ReplaceAllStringFunc(text, func(m string) string {
		name := refPattern.FindStringSubmatch(m)[1]
		if v, ok := lookup(name); ok {
			return v
		}
		return m
	})
}

// ShortLine makes flow text safe and short for a label: no control or escape sequences, whitespace
// (newlines included) folded to single spaces, at most max characters.
func ShortLine(s string, max int) string {
	return clipRunes(strings.Join(strings.Fields(Sanitize(s)), " "), max)
}

func clipRunes(s string, max int) string {
	if r := []rune(s); len(r) > max {
		return string(r[:max-1]) + "…"
	}
	return s
}

// ScrubCardNumbers removes card numbers, and the security codes and expiry dates typed with them,
// by the rules of redact.String: digits in any script, any separators between digit groups, every 12
// to 19 digits that pass Luhn (also inside a longer number) replaced by "[card ending 4242]". Every
// text the engine keeps or prints goes through it.
func ScrubCardNumbers(s string) string { return redact.String(s) }
