package redact

import (
	"bytes"
	"regexp"
	"strings"
	"testing"
	"unicode"
	"unicode/utf8"
)

func TestString(t *testing.T) {
	for _, tc := range []struct{ name, in, want string }{
		// Card numbers in every shape a shopper types them.
		{"a plain card number is removed, its last four kept", "card 4242424242424242 here", "card [card ending 4242] here"},
		{"groups split by single spaces", "4242 4242 4242 4242.", "[card ending 4242]."},
		{"groups split by dashes", "x 4242-4242-4242-4242", "x [card ending 4242]"},
		{"groups split by dots", "4242.4242.4242.4242", "[card ending 4242]"},
		{"groups split by slashes", "4242/4242/4242/4242", "[card ending 4242]"},
		{"an Amex number split by slashes", "3782/822463/10005", "[card ending 0005]"},
		{"groups split by underscores", "4242_4242_4242_4242", "[card ending 4242]"},
		{"groups split by commas", "4242,4242,4242,4242", "[card ending 4242]"},
		{"groups split by two spaces", "4242  4242  4242  4242", "[card ending 4242]"},
		{"groups split by a tab", "5555\t5555\t5555\t4444", "[card ending 4444]"},
		{"groups split by an ideographic space", "4242\u30004242\u30004242\u30004242", "[card ending 4242]"},
		{"groups split by no-break spaces", "4242\u00a04242\u00a04242\u00a04242", "[card ending 4242]"},
		{"groups split by thin and narrow no-break spaces", "4242\u20094242\u202f4242\u20094242", "[card ending 4242]"},
		{"groups split by en dashes", "4242\u20134242\u20134242\u20134242", "[card ending 4242]"},
		{"groups split by minus signs and fullwidth hyphens", "4242\u22124242\uff0d4242\u20104242", "[card ending 4242]"},
		{"groups split by a spaced dash", "4242 - 4242 - 4242 - 4242", "[card ending 4242]"},
		{"groups split by a zero-width space", "4242\u200b4242\u200b4242\u200b4242", "[card ending 4242]"},
		{"fullwidth digits", "カード ４２４２４２４２４２４２４２４２", "カード [card ending 4242]"},
		{"fullwidth digits in groups", "４２４２ ４２４２ ４２４２ ４２４２", "[card ending 4242]"},
		{"Arabic-Indic digits", "٤٢٤٢٤٢٤٢٤٢٤٢٤٢٤٢", "[card ending 4242]"},
		{"Persian digits in groups", "۵۵۵۵ ۵۵۵۵ ۵۵۵۵ ۴۴۴۴", "[card ending 4444]"},
		{"Devanagari digits", "४२४२४२४२४२४२४२४२", "[card ending 4242]"},
		{"an Amex number", "378282246310005", "[card ending 0005]"},
		{"an Amex number in its own groups", "3782 822463 10005", "[card ending 0005]"},
		{"a card hidden in a run longer than 19 digits", "ref 99994242424242424242", "ref [card ending 4242]"},
		{"a card stuck to letters", "x4242424242424242y", "x[card ending 4242]y"},
		{"two cards", "4242424242424242 or 5555555555554444", "[card ending 4242] or [card ending 4444]"},
		// A mistyped number is labelled by what the shopper typed, never by a Luhn-valid window inside it.
		{"a mistyped number is labelled by its own last four", "4242424242424241", "[card ending 4241]"},
		{"a mistyped Mastercard number is labelled by its own last four", "card 5555555555554449 here", "card [card ending 4449] here"},
		{"a mistyped Amex number is labelled by its own last four", "3782822463100051", "[card ending 0051]"},
		{"a number with a digit too many is labelled by its last four", "42424242424242421", "[card ending 2421]"},
		{"a mistyped number in four groups of four is one card, not a card and a code", "4242 4242 4242 4241", "[card ending 4241]"},
		{"a mistyped number in groups keeps the marks of the code after it", "4242 4242 4242 4241 737 and exp 09/31", "[card ending 4241] [code removed] and exp [expiry removed]"},
		{"a card at the start of a longer number names no digits", "ref 42424242424242429999", "ref [card removed]"},
		{"a longer number ending in the card names the card", "ref 99994242424242424242", "ref [card ending 4242]"},
		{"a card drawn with styles between its digits", "\x1b[1m4242\x1b[0m 4242 \x1b]8;;x\x074242 4242", "\x1b[1m[card ending 4242]\x1b[0m\x1b]8;;x\x07"},

		// Security codes and expiry dates.
		{"the issue's first example", "card 4242424242424242 exp 09/31 cvv 737", "card [card ending 4242] exp [expiry removed] cvv [code removed]"},
		{"the issue's second example", "5555 5555 5555 4444 09/31 737", "[card ending 4444] [expiry removed] [code removed]"},
		{"a code right after the card", "4242 4242 4242 4242 737", "[card ending 4242] [code removed]"},
		{"a code, then an expiry with a long year", "4242424242424242 737 09/2031", "[card ending 4242] [code removed] [expiry removed]"},
		{"an expiry with dashes and spaces", "4242424242424242, 09 - 31", "[card ending 4242], [expiry removed]"},
		{"an expiry with a dot", "4242424242424242 9.31", "[card ending 4242] [expiry removed]"},
		{"English words", "CVV: 737, Expires = 09/31", "CVV: [code removed], Expires = [expiry removed]"},
		{"English words with a filler", "security code is 1234 and the expiry date is 1231", "security code is [code removed] and the expiry date is [expiry removed]"},
		{"cvv2 and valid thru", "cvv2 737 valid thru 09/31", "cvv2 [code removed] valid thru [expiry removed]"},
		{"Swedish words", "Säkerhetskod: 737, giltig till 09/31, utgångsdatum 10/32", "Säkerhetskod: [code removed], giltig till [expiry removed], utgångsdatum [expiry removed]"},
		{"German words", "Kartenprüfnummer 737, Prüfnummer 123, Sicherheitscode 456, gültig bis 09/2031, Ablaufdatum: 10.32", "Kartenprüfnummer [code removed], Prüfnummer [code removed], Sicherheitscode [code removed], gültig bis [expiry removed], Ablaufdatum: [expiry removed]"},
		{"German words without accents", "PRUFNUMMER 737", "PRUFNUMMER [code removed]"},
		{"Spanish words", "código de seguridad 737, caducidad 09/31, vence 10/32, válida hasta 11/33", "código de seguridad [code removed], caducidad [expiry removed], vence [expiry removed], válida hasta [expiry removed]"},
		{"Spanish words with decomposed accents", "co\u0301digo de seguridad: 737", "co\u0301digo de seguridad: [code removed]"},
		{"a code in fullwidth digits", "cvv ７３７", "cvv [code removed]"},

		// What must be kept.
		{"text with no digits", "nothing to see here", "nothing to see here"},
		{"a date", "on 2026-12-03 at 15:04", "on 2026-12-03 at 15:04"},
		{"an amount with a space and a comma", "I paid 1 234,50 kr", "I paid 1 234,50 kr"},
		{"a phone number", "call +46 70 123 45 67", "call +46 70 123 45 67"},
		{"an order number that fails Luhn", "order 1234567890123", "order 1234567890123"},
		{"a long order number that fails Luhn", "order 4711000012345678", "order 4711000012345678"},
		{"a card's last four alone", "the card ending 4242", "the card ending 4242"},
		{"a code word with too many digits", "cvv 73712", "cvv 73712"},
		{"an expiry word with no date", "exp 13/31 and expires 2031", "exp 13/31 and expires 2031"},
		{"a word that only starts like one", "expected 09/31", "expected 09/31"},
		{"numbers on two lines", "4242 4242\n4242 4242", "4242 4242\n4242 4242"},
		{"invalid UTF-8 around a card", "\xff4242424242424242\xfe ok \xc3", "\xff[card ending 4242]\xfe ok \xc3"},
		{"an unfinished escape sequence", "\x1b[12", "\x1b[12"},
		{"a path with long numbers between slashes", "/tmp/TestX1458173125/001/flow.yaml", "/tmp/TestX1458173125/001/flow.yaml"},
		{"a ratio of long numbers", "4242424242/424242", "4242424242/424242"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if got := String(tc.in); got != tc.want {
				t.Errorf("String(%q)\n got %q\nwant %q", tc.in, got, tc.want)
			}
			if got := string(Bytes([]byte(tc.in))); got != tc.want {
				t.Errorf("Bytes(%q) = %q, want %q", tc.in, got, tc.want)
			}
			if HasCard(tc.in) != (strings.Contains(tc.want, "[card ending") || strings.Contains(tc.want, cardRemoved)) {
				t.Errorf("HasCard(%q) = %v", tc.in, HasCard(tc.in))
			}
		})
	}
}

func TestStringDoesNotAllocateWithoutDigits(t *testing.T) {
	s := strings.Repeat("no digits at all, just words. ", 20)
	if n := testing.AllocsPerRun(100, func() { _ = String(s) }); n != 0 {
		t.Errorf("String allocated %v times for text without digits", n)
	}
	b := []byte(s)
	if n := testing.AllocsPerRun(100, func() { _ = Bytes(b) }); n != 0 {
		t.Errorf("Bytes allocated %v times for text without digits", n)
	}
}

func TestDigitRangesComeInTens(t *testing.T) {
	// digitValue counts from the start of each range of the Nd table: each must be whole tens.
	for _, rg := range unicode.Nd.R16 {
		if rg.Stride != 1 || (int(rg.Hi)-int(rg.Lo)+1)%10 != 0 {
			t.Errorf("the Nd range %U-%U is not made of runs of ten", rg.Lo, rg.Hi)
		}
	}
	for _, rg := range unicode.Nd.R32 {
		if rg.Stride != 1 || (int(rg.Hi)-int(rg.Lo)+1)%10 != 0 {
			t.Errorf("the Nd range %U-%U is not made of runs of ten", rg.Lo, rg.Hi)
		}
	}
	for _, r := range []rune{'7', '７', '٧', '۷', '७', '𝟕'} {
		if DigitValue(r) != 7 {
			t.Errorf("DigitValue(%q) = %d, want 7", r, DigitValue(r))
		}
	}
}

func TestLongRunsTakeLinearTime(t *testing.T) {
	// A megabyte of digits is scrubbed in one pass; with a quadratic scan this test would time out.
	s := strings.Repeat("4242424242424242 ", 60000)
	out := String(s)
	if HasCard(out) || strings.Count(out, "[card ending 4242]") == 0 {
		t.Fatalf("the long run was not scrubbed: %.80q", out)
	}
	// Many cards, each with its words and values: every value is checked against the cards once.
	s = strings.Repeat("4242424242424242 x cvv 737 exp 09/31 ", 40000)
	out = String(s)
	if HasCard(out) || strings.Contains(out, "737") || strings.Count(out, "[code removed]") != 40000 {
		t.Fatalf("the long text was not scrubbed: %.80q", out)
	}
}

// --- The Writer ---------------------------------------------------------------------------------

func TestWriterScrubsAcrossWrites(t *testing.T) {
	for _, tc := range []struct {
		name   string
		writes []string
		want   string
	}{
		{"a card split in two writes", []string{"card 4242 4242 ", "4242 4242 ok\n"}, "card [card ending 4242] ok\n"},
		{"a card split digit by digit", strings.Split("4242424242424242\n", ""), "[card ending 4242]\n"},
		{"a fullwidth digit split between its bytes", []string{"４２４２４２４２４２４２４２\xef\xbc", "\x94２\n"}, "[card ending 4242]\n"},
		{"a code word before its value", []string{"cvv: ", "737\n"}, "cvv: [code removed]\n"},
		{"a code word cut in two", []string{"cv", "v 737\n"}, "cvv [code removed]\n"},
		{"an expiry after a card", []string{"4242424242424242 09/", "31 737"}, "[card ending 4242] [expiry removed] [code removed]"},
		{"an escape sequence cut in two", []string{"4242 4242 \x1b[", "1m4242 4242."}, "[card ending 4242]\x1b[1m."},
	} {
		t.Run(tc.name, func(t *testing.T) {
			var out bytes.Buffer
			w := NewWriter(&out)
			for _, p := range tc.writes {
				if n, err := w.Write([]byte(p)); n != len(p) || err != nil {
					t.Fatalf("Write(%q) = %d, %v", p, n, err)
				}
			}
			if err := w.Flush(); err != nil {
				t.Fatal(err)
			}
			if out.String() != tc.want {
				t.Errorf("wrote %q, want %q", out.String(), tc.want)
			}
		})
	}
}

func TestWriterLetsPromptsOutAtOnce(t *testing.T) {
	for _, p := range []string{"> ", "Step 3. Where?\n", "Type a number from 1 to 3.\n", "card 4242424242424242 ok", "CVV:\n"} {
		t.Run("the prompt "+strings.TrimSpace(p)+" is written before the next write", func(t *testing.T) {
			var out bytes.Buffer
			w := NewWriter(&out)
			w.Write([]byte(p))
			if want := String(p); out.String() != want {
				t.Errorf("after Write(%q) the output is %q, want %q at once", p, out.String(), want)
			}
		})
	}
}

func TestWriterHoldsABoundedAmount(t *testing.T) {
	var out bytes.Buffer
	w := NewWriter(&out)
	chunk := []byte(strings.Repeat("4", 1000))
	for range 100 {
		w.Write(chunk)
		if len(w.held) > maxHold+len(chunk) {
			t.Fatalf("the writer holds %d bytes", len(w.held))
		}
	}
	w.Write([]byte(" done\n"))
	w.Flush()
	if got := out.String(); got != longMark+" done\n" {
		t.Errorf("wrote %q", got)
	}
}

// --- The fuzz target ----------------------------------------------------------------------------

// An independent reading of the rule, for the fuzz target: escape sequences go, digits in any script
// become ASCII digits, separators become spaces, anything else ends a number.
var (
	escapes  = regexp.MustCompile(`\x1b\[[\x30-\x3f]*[\x20-\x2f]*[\x40-\x7e]|\x1b\][^\x07\x1b]*(?:\x07|\x1b\\)`)
	numberRe = regexp.MustCompile(`[0-9](?:[ /]{0,4}[0-9])*`)
	groupRe  = regexp.MustCompile(`[0-9]+`)
)

func normalise(s string) string {
	var b strings.Builder
	s = escapes.ReplaceAllString(s, "")
	for _, r := range s {
		switch {
		case r == utf8.RuneError:
			b.WriteByte('x')
		case unicode.IsDigit(r):
			b.WriteByte(byte('0' + DigitValue(r)))
		case isSlash(r):
			b.WriteByte('/')
		case separatorKind(r) == sepVisible:
			b.WriteByte(' ')
		case separatorKind(r) == sepInvisible:
		default:
			b.WriteByte('x')
		}
	}
	return b.String()
}

func luhn(d string) bool {
	sum := 0
	for i := 0; i < len(d); i++ {
		n := int(d[len(d)-1-i] - '0')
		if i%2 == 1 {
			if n *= 2; n > 9 {
				n -= 9
			}
		}
		sum += n
	}
	return sum%10 == 0
}

// cardsIn lists the Luhn-valid windows of 12 to 19 digits in s, after normalising.
func cardsIn(s string) []string {
	var out []string
	for _, run := range slashRuns(numberRe.FindAllString(normalise(s), -1)) {
		d := strings.NewReplacer(" ", "", "/", "").Replace(run)
		for n := 12; n <= 19; n++ {
			for k := 0; k+n <= len(d); k++ {
				if luhn(d[k : k+n]) {
					out = append(out, d[k:k+n])
				}
			}
		}
	}
	return out
}

// slashRuns splits runs where a slash stands next to a group of more than six digits.
func slashRuns(runs []string) []string {
	var out []string
	for _, run := range runs {
		groups := groupRe.FindAllStringIndex(run, -1)
		from := 0
		for g := 1; g < len(groups); g++ {
			gap := run[groups[g-1][1]:groups[g][0]]
			long := groups[g-1][1]-groups[g-1][0] > 6 || groups[g][1]-groups[g][0] > 6
			if strings.Contains(gap, "/") && long {
				out = append(out, run[from:groups[g-1][1]])
				from = groups[g][0]
			}
		}
		out = append(out, run[from:])
	}
	return out
}

func FuzzString(f *testing.F) {
	for _, seed := range []string{
		"", "no digits here", "4242 4242 4242 4242", "4242.4242.4242.4242", "4242_4242/4242,4242",
		"4242  4242\t4242\u30004242", "４２４２４２４２４２４２４２４２", "٤٢٤٢٤٢٤٢٤٢٤٢٤٢٤٢", "۴۲۴۲ ۴۲۴۲ ۴۲۴۲ ۴۲۴۲",
		"card 4242424242424242 exp 09/31 cvv 737", "5555 5555 5555 4444 09/31 737", "378282246310005",
		"6205500000000000004", "42424242424242424242424242", "order 1234567890123", "2026-12-03 1 234,50",
		"\x1b[1m4242\x1b[0m 4242 4242 4242", "Kartenprüfnummer 737", "[card ending 4242]4242424242424242",
		"4242 4242 4242 4242 - 4242 4242 4242 4242", "\xff4242\xfe4242424242424242",
		"/tmp/TestX1458173125/001", "1234/1234567/424242424242", "12/4242424242424242",
		"4242 4242 4242 4241 737 and exp 09/31", "42424242424242429999",
	} {
		f.Add(seed)
	}
	f.Fuzz(func(t *testing.T, s string) {
		out := String(s)
		if cards := cardsIn(out); len(cards) > 0 {
			t.Fatalf("Luhn-valid digits %q survived in %q (from %q)", cards, out, s)
		}
		if HasCard(out) {
			t.Fatalf("HasCard finds a card in the scrubbed %q", out)
		}
		if HasCard(s) != (len(cardsIn(s)) > 0) {
			t.Fatalf("HasCard(%q) = %v, but the rule finds %q", s, HasCard(s), cardsIn(s))
		}
		if again := String(out); again != out {
			t.Fatalf("scrubbing twice differs from once: %q, then %q", out, again)
		}
		if !hasDigit(s) && out != s {
			t.Fatalf("text without digits changed: %q became %q", s, out)
		}
		// A Writer fed the text in two pieces writes what String does.
		if len(s) > 1 {
			var b bytes.Buffer
			w := NewWriter(&b)
			w.Write([]byte(s[:len(s)/2]))
			w.Write([]byte(s[len(s)/2:]))
			w.Flush()
			if cards := cardsIn(b.String()); len(cards) > 0 {
				t.Fatalf("the Writer let %q through in %q", cards, b.String())
			}
		}
	})
}

func BenchmarkString(b *testing.B) {
	text := strings.Repeat("Step 3. The payment of 1 234,50 kr on 2026-12-03 failed; card 4242 4242 4242 4242 exp 09/31. ", 40)
	plain := strings.Repeat("A sentence with no digits in it, as most of a screen is. ", 40)
	b.Run("text with cards", func(b *testing.B) {
		b.SetBytes(int64(len(text)))
		for b.Loop() {
			_ = String(text)
		}
	})
	b.Run("text with no digits", func(b *testing.B) {
		b.SetBytes(int64(len(plain)))
		for b.Loop() {
			_ = String(plain)
		}
	})
}

// A card in an escape sequence's own text (a window title, a link's address) is removed like any
// other; the sequence stays, and a card around a link's start is still found through it.
func TestACardInsideAnOSCSequenceIsRemoved(t *testing.T) {
	for _, tc := range []struct{ name, in, want string }{
		{"a window title", "\x1b]0;card 4242 4242 4242 4242\a", "\x1b]0;card [card ending 4242]\a"},
		{"a link's address", "\x1b]8;;https://x.example/4242424242424242\x1b\\pay\x1b]8;;\x1b\\", "\x1b]8;;https://x.example/[card ending 4242]\x1b\\pay\x1b]8;;\x1b\\"},
		{"twelve zeros, which pass the check", "\x1b]000000000000\a", "\x1b][card ending 0000]\a"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if got := String(tc.in); got != tc.want {
				t.Errorf("String(%q) = %q, want %q", tc.in, got, tc.want)
			}
			if !HasCard(tc.in) {
				t.Errorf("HasCard(%q) = false", tc.in)
			}
		})
	}
}
