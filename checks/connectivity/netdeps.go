package connectivity

import (
	"bufio"
	"bytes"
	"context"
	"crypto/x509"
	"errors"
	"io/fs"
	"net"
	"os"
	"runtime"
	"strings"
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

	// Nameservers lists the name servers this computer is set up to ask, and whether that can be
	// known at all; it is read only when a lookup fails, to tell "no name server set up" from "the
	// name server doesn't answer". nil: read /etc/resolv.conf when Resolver is the system's, and
	// unknown when a Resolver is injected (its servers are its own business).
	Nameservers func() (servers []string, known bool)

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
		if out.Nameservers == nil {
			out.Nameservers = systemNameservers
		}
	}
	if out.Nameservers == nil {
		out.Nameservers = func() ([]string, bool) { return nil, false }
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

// resolvConf is where Unix systems list their name servers. Go's own resolver reads it, and on
// macOS the system keeps it in step with its settings (and removes it when no network is up).
const resolvConf = "/etc/resolv.conf"

// systemNameservers reads the name servers from resolv.conf. A missing file, or one with no
// nameserver line, means none is set up (Go's resolver then tries 127.0.0.1:53 and [::1]:53, which
// is what fails). On Windows and Plan 9 the settings live elsewhere, so it is unknown.
func systemNameservers() ([]string, bool) {
	if runtime.GOOS == "windows" || runtime.GOOS == "plan9" {
		return nil, false
	}
	data, err := os.ReadFile(resolvConf)
	if errors.Is(err, fs.ErrNotExist) {
		return nil, true
	}
	if err != nil {
		return nil, false
	}
	return parseNameservers(data), true
}

// parseNameservers picks the addresses of resolv.conf's nameserver lines.
func parseNameservers(data []byte) []string {
	var out []string
	sc := bufio.NewScanner(bytes.NewReader(data))
	for sc.Scan() {
		f := strings.Fields(sc.Text())
		if len(f) >= 2 && f[0] == "nameserver" {
			out = append(out, f[1])
		}
	}
	return out
}
