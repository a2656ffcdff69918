package flows

import (
	"strings"

	"github.com/unstuck-dev/unstuck/checks/redact"
)

// InputEmail is an email address: the one the shop's receipts went to, say.
const InputEmail InputType = "email"

// maxEmailLength is an address's longest (RFC 5321's path limit).
const maxEmailLength = 254

func init() {
	defineInput(&inputType{name: InputEmail, order: 8, parse: parseEmail,
		sample: func(*InputSpec) string { return "shopper@example.com" }})
}

// parseEmail reads one bare address (no name, no <>), says in plain words what is wrong, and keeps
// it with its domain in lower case: the part before the @ is the mail server's to read, so it is
// kept as typed.
func parseEmail(a typed) (Answer, error) {
	s := a.input
	at := strings.LastIndexByte(s, '@')
	switch {
	case len(s) > maxEmailLength:
		return Answer{}, inputErr(a.lang, "That is too long for an email address.")
	case strings.ContainsAny(s, " \t"):
		return Answer{}, inputErr(a.lang, "An email address has no spaces in it.")
	case at < 0:
		return Answer{}, inputErr(a.lang, "An email address has an @ in it, like name@example.com.")
	case at == 0:
		return Answer{}, inputErr(a.lang, "Type the part before the @ too, like name@example.com.")
	}
	domain := strings.ToLower(s[at+1:])
	if !plainDomain(domain) {
		return Answer{}, inputErr(a.lang, "After the @ comes the domain, like example.com.")
	}
	if !plainLocalPart(s[:at]) {
		return Answer{}, inputErr(a.lang, "That doesn't look like an email address; check it, like name@example.com.")
	}
	v := s[:at+1] + domain
	if redact.HasCard(v) {
		return Answer{}, inputErr(a.lang, "That has a number as long as a card number in it; a card number is never asked for here.")
	}
	return Answer{Value: v, Display: v}, nil
}

// plainDomain reports whether s is a host name with a dot: labels of letters (any script), digits
// and dashes, none empty and none starting or ending with a dash.
func plainDomain(s string) bool {
	labels := strings.Split(strings.TrimSuffix(s, "."), ".")
	if len(labels) < 2 {
		return false
	}
	for _, l := range labels {
		if l == "" || len(l) > 63 || strings.HasPrefix(l, "-") || strings.HasSuffix(l, "-") {
			return false
		}
		for _, r := range l {
			if r != '-' && !isLetterOrDigit(r) {
				return false
			}
		}
	}
	return true
}

// plainLocalPart reports whether s can stand before an address's @: letters (any script), digits and
// the marks RFC 5322 allows unquoted, with dots only between them. Quoted local parts ("a b"@...),
// which no shop asks for, are refused.
func plainLocalPart(s string) bool {
	if s == "" || len(s) > 64 || strings.HasPrefix(s, ".") || strings.HasSuffix(s, ".") || strings.Contains(s, "..") {
		return false
	}
	for _, r := range s {
		if !isLetterOrDigit(r) && !strings.ContainsRune(".!#$%&'*+-/=?^_`{|}~", r) {
			return false
		}
	}
	return true
}
