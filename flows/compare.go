package flows

import "strings"

// answerIs reports whether an answer equals a value a condition names (equals, not_equals, in). Text
// compares without regard to case. A number or an amount compares as a number, so `equals: "50"`
// holds for an answer of 50.00, and `equals: "1234.50"` for one shown as 1,234.50; a value that does
// not read as a number then never holds (lint refuses it).
func answerIs(src *Node, a Answer, want string) bool {
	if src != nil && src.Input != nil && inputTypeOf(src.Input.Type).number != nil {
		n, err := parseNumber(src.Input.Type, want)
		return err == nil && n == a.Number
	}
	return strings.EqualFold(a.Value, want)
}
