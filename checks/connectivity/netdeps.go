package connectivity

import (
	"context"
	"crypto/x509"
	"net"
	"os"
	"time"
)

// Resolver looks up a host's addresses. *net.Resolver satisfies it; tests inject a fake that maps the
// provider's host names to loopback, so no test ever asks a real name server.
type Resolver interface {
	LookupIPAddr(ctx context.Context, host string) ([]net.IPAddr, error)
}

// NetDeps carries what network checks use to reach the outside, so tests can point them at loopback.
// Every field is optional: a nil *NetDeps, or a zero field, means the real network and the real clock.
type NetDeps struct {
	Resolver Resolver                                                          // nil: net.DefaultResolver
	Dial     func(ctx context.Context, network, addr string) (net.Conn, error) // nil: a net.Dialer
	RootCAs  *x509.CertPool                                                    // nil: the system's trusted roots
	Getenv   func(string) string                                               // nil: os.Getenv (HTTPS_PROXY, NO_PROXY, ...)
	Now      func() time.Time                                                  // nil: time.Now; the clock the shopper's computer shows

	// Ports to use instead of 443 (secure) and 80 (plain) when a URL names none, so tests can point
	// a host name at a loopback server on a random port.
	HTTPSPort, HTTPPort int
}

// withDefaults returns a copy of d with every empty field filled in with the real thing.
func (d *NetDeps) withDefaults() NetDeps {
	var out NetDeps
	if d != nil {
		out = *d
	}
	if out.Resolver == nil {
		out.Resolver = net.DefaultResolver
	}
	if out.Dial == nil {
		var dialer net.Dialer
		out.Dial = dialer.DialContext
	}
	if out.Getenv == nil {
		out.Getenv = os.Getenv
	}
	if out.Now == nil {
		out.Now = time.Now
	}
	if out.HTTPSPort == 0 {
		out.HTTPSPort = 443
	}
	if out.HTTPPort == 0 {
		out.HTTPPort = 80
	}
	return out
}
