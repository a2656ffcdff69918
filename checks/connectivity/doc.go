// Package connectivity is the connection check: it works out, layer by layer (proxy, address lookup,
// connection, sign-in page, secure connection, the site's answer, the clock), why the payment site
// can't be reached. It is the only check that reaches the network, so it lives apart from package
// checks: the card, expiry and money parsers can be used without pulling in net, net/http or
// crypto/tls.
//
// Importing the package registers the check under the name "connectivity" in the checks registry
// (from init, like an image decoder or an SQL driver). A program that runs flows naming it imports
// it, blank if it needs nothing else:
//
//	import _ "github.com/unstuck-dev/unstuck/checks/connectivity"
//
// Everything it reaches the outside with comes from a *NetDeps in checks.Input.Deps, so tests point
// it at servers on loopback.
package connectivity
