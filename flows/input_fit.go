package flows

import "regexp/syntax"

// inputLengthsFit reports a text input whose rules no answer can keep: a min_length over its
// max_length, or a pattern whose answers are all shorter than min_length or longer than max_length.
// Without it such an input refuses every answer, and only --explore finds it.
func (v *validator) inputLengthsFit(n *Node) {
	s := n.Input
	if s.Type != InputText {
		return
	}
	most := s.MaxLength
	if most <= 0 {
		most = defaultMaxLength
	}
	if s.MinLength > most {
		v.errorf(v.keyAt(s, "min_length"), CodeBadValue, "lower min_length, or raise max_length",
			"node %q asks for at least %d characters but allows at most %d: no answer can keep both", n.ID, s.MinLength, most)
		return
	}
	if s.Pattern == "" {
		return
	}
	re, err := syntax.Parse(s.Pattern, syntax.Perl)
	if err != nil {
		return // reported as a bad pattern
	}
	lo, hi := runeSpan(re)
	switch {
	case hi >= 0 && hi < s.MinLength:
		v.errorf(v.keyAt(s, "min_length"), CodeBadValue, "change min_length or the pattern so that an answer can keep both",
			"the pattern of node %q matches answers of at most %d characters, but min_length asks for %d: no answer can keep both", n.ID, hi, s.MinLength)
	case lo > most:
		v.errorf(v.keyAt(s, "pattern"), CodeBadValue, "change max_length or the pattern so that an answer can keep both",
			"the pattern of node %q matches answers of at least %d characters, but at most %d are allowed: no answer can keep both", n.ID, lo, most)
	}
}

// spanCap bounds the lengths runeSpan adds up, so a pattern of nested repeats cannot overflow them.
const spanCap = 1 << 20

// runeSpan is the fewest and the most runes a string the whole of re matches can have; hi is -1 when
// there is no most.
func runeSpan(re *syntax.Regexp) (lo, hi int) {
	switch re.Op {
	case syntax.OpLiteral:
		return len(re.Rune), len(re.Rune)
	case syntax.OpCharClass, syntax.OpAnyChar, syntax.OpAnyCharNotNL:
		return 1, 1
	case syntax.OpCapture:
		return runeSpan(re.Sub[0])
	case syntax.OpConcat:
		for _, sub := range re.Sub {
			l, h := runeSpan(sub)
			lo = min(lo+l, spanCap)
			if hi >= 0 && h >= 0 {
				hi = min(hi+h, spanCap)
			} else {
				hi = -1
			}
		}
		return lo, hi
	case syntax.OpAlternate:
		lo = spanCap
		for _, sub := range re.Sub {
			l, h := runeSpan(sub)
			lo = min(lo, l)
			if hi >= 0 && h >= 0 {
				hi = max(hi, h)
			} else {
				hi = -1
			}
		}
		return lo, hi
	case syntax.OpStar, syntax.OpPlus, syntax.OpQuest, syntax.OpRepeat:
		l, h := runeSpan(re.Sub[0])
		least, most := re.Min, re.Max
		switch re.Op {
		case syntax.OpStar:
			least, most = 0, -1
		case syntax.OpPlus:
			least, most = 1, -1
		case syntax.OpQuest:
			least, most = 0, 1
		}
		lo = min(l*least, spanCap)
		switch {
		case h == 0:
			hi = 0
		case most < 0 || h < 0:
			hi = -1
		default:
			hi = min(h*most, spanCap)
		}
		return lo, hi
	}
	return 0, 0 // empty matches and anchors; a pattern that matches nothing is left to explore
}
