package flows

import (
	"net/netip"
	"net/url"
	"strings"

	"github.com/unstuck-dev/unstuck/checks/redact"
)

// InputURL is a web address: the shop's, the payment page's. https:// is added when none is typed,
// so the answer can go straight to the connectivity check: with: {urls: "{{store-url}}"}.
const InputURL InputType = "url"

// maxURLLength is a web address's longest.
const maxURLLength = 2000

func init() {
	defineInput(&inputType{name: InputURL, order: 10, parse: parseURL,
		sample: func(*InputSpec) string { return "https://shop.example.com" }})
}

// parseURL reads a web address, says in plain words what is wrong, and keeps it with its scheme and
// host in lower case.
func parseURL(a typed) (Answer, error) {
	s := a.input
	if len(s) > maxURLLength {
		return Answer{}, inputErr(a.lang, "That is too long for a web address.")
	}
	if strings.ContainsAny(s, " \t") {
		return Answer{}, inputErr(a.lang, "A web address has no spaces in it.")
	}
	if i := strings.Index(s, "://"); i < 0 {
		s = "https://" + s
	} else if scheme := strings.ToLower(s[:i]); scheme != "http" && scheme != "https" {
		return Answer{}, inputErr(a.lang, "Only web addresses (http or https) can be used here, like https://shop.example.com.")
	}
	u, err := url.Parse(s)
	if err != nil || u.Opaque != "" {
		return Answer{}, inputErr(a.lang, "That doesn't look like a web address; check it, like shop.example.com.")
	}
	if u.User != nil {
		// A password in an address would be kept and shown; no flow needs one.
		return Answer{}, inputErr(a.lang, "Leave out the user name and password; type only the address, like shop.example.com.")
	}
	u.Scheme = strings.ToLower(u.Scheme)
	host := strings.ToLower(u.Hostname())
	if host == "" {
		return Answer{}, inputErr(a.lang, "Type the site's name too, like shop.example.com.")
	}
	if _, err := netip.ParseAddr(host); err != nil && host != "localhost" && !plainDomain(host) {
		return Answer{}, inputErr(a.lang, "That doesn't look like a web address; check it, like shop.example.com.")
	}
	if strings.Contains(host, ":") {
		host = "[" + host + "]" // an IPv6 address
	}
	if port := u.Port(); port != "" {
		host += ":" + port
	}
	u.Host = host
	v := u.String()
	if redact.HasCard(v) {
		return Answer{}, inputErr(a.lang, "That has a number as long as a card number in it; a card number is never asked for here.")
	}
	return Answer{Value: v, Display: v}, nil
}
