package flows

import "regexp"

// answerMatches reports whether a typed answer contains a match of pattern (RE2, any case). A
// pattern that does not compile never matches; the loader reports it (validator.matches).
func answerMatches(pattern, answer string) bool {
	re, err := regexp.Compile(`(?i)` + pattern)
	return err == nil && re.MatchString(answer)
}

// matches checks a condition's matches: a regular expression that compiles, tested on a text answer
// that is not sensitive (a pattern could tell part of it).
func (v *validator) matches(c *Cond, src *Node) {
	switch {
	case src.Input == nil || src.Input.Type != InputText:
		v.errorf(v.keyAt(c, "matches"), CodeBadValue, "test a choice with equals or in", "%q tests typed text, but %q is not a text input", "matches", src.ID)
	case src.Input.IsSensitive():
		v.errorf(v.keyAt(c, "matches"), CodeSensitive, "branch on a check of it instead", "conditions may not test the sensitive answer %q", src.ID)
	}
	if _, err := regexp.Compile(`(?i)` + *c.Matches); err != nil {
		v.errorf(v.keyAt(c, "matches"), CodeBadValue, "write an RE2 regular expression, like (https?://|\\w\\.\\w)", "matches: %v", err)
	}
}
