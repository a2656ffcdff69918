package flows

import (
	"regexp/syntax"
	"slices"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"
)

// Sample answers: what explore (flows/author) types at an input to walk past it. Each must pass the
// input's own rules (type, min and max, min_length, max_length, pattern), or the ends after the input
// look unreachable when only the made-up answer was wrong.

// SampleAnswers are answers the input accepts by its own rules, best first: the writer's example,
// the placeholder when it is itself a valid answer, and answers made up from the type and its rules
// (for text, a string the pattern matches, made from the pattern's syntax tree, of an allowed
// length; for numbers and amounts, the bounds and what lies between). For a card number it is a
// published test card: callers keep it inside the process and never print it. Empty when no answer
// could be found; an optional input can still be skipped with "".
func SampleAnswers(s *InputSpec, today time.Time, lang string) []string {
	if s == nil {
		return nil
	}
	var cands []string
	add := func(v string) {
		if v = strings.TrimSpace(v); v != "" && !slices.Contains(cands, v) {
			cands = append(cands, v)
		}
	}
	add(s.Example)
	add(s.Placeholder)
	t := inputTypeOf(s.Type)
	if t.number != nil {
		lo, loErr := t.number(s.Min)
		hi, hiErr := t.number(s.Max)
		if loErr == nil && hiErr == nil && lo <= hi {
			add(formatNumber(s.Type, lo+(hi-lo)/2))
		}
		add(s.Min)
		add(s.Max)
	}
	if t.sample != nil {
		add(t.sample(s))
	}
	if s.Type == InputText {
		for _, v := range textSamples(s) {
			add(v)
		}
	}
	out := cands[:0]
	for _, v := range cands {
		if _, err := ParseAnswer(s, v, today, lang); err == nil {
			out = append(out, v)
		}
	}
	return out
}

// sampleText is the text input's sample answer: one that keeps to its pattern and lengths when one
// can be made, else "".
func sampleText(s *InputSpec) string {
	if v := textSamples(s); len(v) > 0 {
		return v[0]
	}
	return ""
}

// textSamples makes up text answers for the input's pattern and lengths. Without a pattern it is a
// word, lengthened or shortened to fit.
func textSamples(s *InputSpec) []string {
	lo, hi := s.MinLength, s.MaxLength
	if hi <= 0 {
		hi = defaultMaxLength
	}
	if s.Pattern == "" {
		word := "example"
		if n := utf8.RuneCountInString(word); n < lo {
			word += strings.Repeat("x", lo-n)
		}
		if len(word) > hi {
			word = word[:hi]
		}
		return []string{word}
	}
	return patternSamples(s.Pattern, lo, hi)
}

// patternSamples makes up strings the whole pattern (RE2, as regexp reads it) matches, walking its
// syntax tree: the shortest the tree gives, then one lengthened through its repeats to reach lo
// runes, then ones where each alternative of the pattern's top is taken in turn. Strings longer than
// hi are dropped; the caller checks each against the input's rules again.
func patternSamples(pattern string, lo, hi int) []string {
	re, err := syntax.Parse(pattern, syntax.Perl)
	if err != nil {
		return nil
	}
	var out []string
	add := func(v string, ok bool) {
		if ok && v != "" && utf8.RuneCountInString(v) <= hi && !slices.Contains(out, v) {
			out = append(out, v)
		}
	}
	tries := []*syntax.Regexp{re}
	if top := unwrapCapture(re); top.Op == syntax.OpAlternate {
		tries = append(tries, top.Sub...)
	}
	for _, r := range tries {
		g := &patternGen{}
		short, ok := g.gen(r)
		add(short, ok)
		if n := utf8.RuneCountInString(short); ok && n < lo {
			g = &patternGen{extra: lo - n}
			add(g.gen(r))
		}
	}
	return out
}

func unwrapCapture(re *syntax.Regexp) *syntax.Regexp {
	for re.Op == syntax.OpCapture && len(re.Sub) == 1 {
		re = re.Sub[0]
	}
	return re
}

// patternGen writes one string a syntax tree matches. extra is how many more runes repeats may add
// beyond their least, to reach a minimum length.
type patternGen struct {
	extra int
	steps int // bounds the work on a hostile pattern
}

// maxRepeat bounds how often one repeat is written out.
const maxRepeat = 1000

func (g *patternGen) gen(re *syntax.Regexp) (string, bool) {
	if g.steps++; g.steps > 100_000 {
		return "", false
	}
	switch re.Op {
	case syntax.OpNoMatch:
		return "", false
	case syntax.OpEmptyMatch, syntax.OpBeginLine, syntax.OpEndLine, syntax.OpBeginText, syntax.OpEndText,
		syntax.OpWordBoundary, syntax.OpNoWordBoundary:
		return "", true
	case syntax.OpLiteral:
		return string(re.Rune), true
	case syntax.OpCharClass:
		r, ok := classRune(re.Rune)
		return string(r), ok
	case syntax.OpAnyChar, syntax.OpAnyCharNotNL:
		return "a", true
	case syntax.OpCapture:
		return g.gen(re.Sub[0])
	case syntax.OpConcat:
		var b strings.Builder
		for _, sub := range re.Sub {
			s, ok := g.gen(sub)
			if !ok {
				return "", false
			}
			b.WriteString(s)
		}
		return b.String(), true
	case syntax.OpAlternate:
		for _, sub := range re.Sub {
			if s, ok := g.gen(sub); ok {
				return s, true
			}
		}
		return "", false
	case syntax.OpStar:
		return g.repeat(re.Sub[0], 0, -1)
	case syntax.OpPlus:
		return g.repeat(re.Sub[0], 1, -1)
	case syntax.OpQuest:
		return g.repeat(re.Sub[0], 0, 1)
	case syntax.OpRepeat:
		return g.repeat(re.Sub[0], re.Min, re.Max)
	}
	return "", false
}

// repeat writes sub at least lo times, and more (up to hi; -1 is no limit) while runes are wanted.
func (g *patternGen) repeat(sub *syntax.Regexp, lo, hi int) (string, bool) {
	one, ok := g.gen(sub)
	if !ok {
		if lo == 0 {
			return "", true
		}
		return "", false
	}
	lo = min(lo, maxRepeat)
	n := lo
	if size := utf8.RuneCountInString(one); size > 0 {
		for g.extra > 0 && (hi < 0 || n < hi) && n < maxRepeat {
			n++
			g.extra -= size
		}
	}
	return strings.Repeat(one, n), true
}

// classRune picks a character of a class (pairs of lo, hi runes): a plain letter or digit when the
// class has one, else its first printable character.
func classRune(ranges []rune) (rune, bool) {
	in := func(r rune) bool {
		for i := 0; i+1 < len(ranges); i += 2 {
			if ranges[i] <= r && r <= ranges[i+1] {
				return true
			}
		}
		return false
	}
	for _, r := range "aA1xX-_ " {
		if in(r) {
			return r, true
		}
	}
	for i := 0; i+1 < len(ranges); i += 2 {
		for r := ranges[i]; r <= ranges[i+1] && r-ranges[i] < 256; r++ {
			if unicode.IsPrint(r) && !unicode.IsSpace(r) {
				return r, true
			}
		}
	}
	return 0, false
}

// exampleDay anchors "today" when the loader tries an input's example: the loader has no clock,
// and no rule of an input depends on the day.
var exampleDay = time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)

// inputExample checks an input's example (InputSpec.Example) against the input's own rules.
func (v *validator) inputExample(n *Node) {
	s := n.Input
	if s.Example == "" {
		return
	}
	if s.Type == InputCard {
		v.errorf(v.keyAt(s, "example"), CodeBadValue, "remove it: explore uses a published test card",
			"node %q gives an example card number; a card number is never written in a flow", n.ID)
		return
	}
	if _, err := ParseAnswer(s, s.Example, exampleDay, v.f.Language); err != nil {
		v.errorf(v.keyAt(s, "example"), CodeBadValue, "change the example, or the input's rules",
			"the example of node %q breaks the input's own rules: %s", n.ID, Sanitize(err.Error()))
	}
}
