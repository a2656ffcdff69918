package tui

import (
	"context"
	"errors"
	"net"

	"github.com/unstuck-dev/unstuck/checks/connectivity"
)

// errOffline is what a network check meets in the harness: tests never reach the internet, even when
// a walk types a web address (site-down's store test) and the check runs before the walk's own
// result replaces it.
var errOffline = errors.New("tests never reach the internet")

type offlineResolver struct{}

func (offlineResolver) LookupIPAddr(context.Context, string) ([]net.IPAddr, error) {
	return nil, &net.DNSError{Err: errOffline.Error(), IsNotFound: false}
}

// loopbackOnly dials addresses on this computer (tests' own servers) and refuses all others.
func loopbackOnly(ctx context.Context, network, addr string) (net.Conn, error) {
	host, _, err := net.SplitHostPort(addr)
	if ip := net.ParseIP(host); err != nil || ip == nil || !ip.IsLoopback() {
		return nil, errOffline
	}
	var d net.Dialer
	return d.DialContext(ctx, network, addr)
}

// offlineNet are the harness's network dependencies: no name lookup, connections to loopback only,
// no proxy settings.
var offlineNet = &connectivity.NetDeps{
	Resolver:    offlineResolver{},
	Dial:        loopbackOnly,
	Getenv:      func(string) string { return "" },
	Nameservers: func() ([]string, bool) { return nil, false },
}
