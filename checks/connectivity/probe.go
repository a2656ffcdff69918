package connectivity

import (
	"bufio"
	"context"
	"crypto/tls"
	"crypto/x509"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/url"
	"slices"
	"strconv"
	"time"
)

// Skip reasons: the Summary of a layer that did not run because an earlier one failed.
const (
	skipNoAddress   = "Skipped because the payment site's address couldn't be found."
	skipNoConnect   = "Skipped because this computer couldn't connect to the payment site."
	skipTLSFailed   = "Skipped because the secure connection to the payment site failed."
	skipSignIn      = "Skipped because this network wants you to sign in first."
	skipOutOfTime   = "Skipped because the check ran out of time."
	skipInterrupted = "Skipped because the check was stopped."
	skipProxyDNS    = "Skipped because the proxy looks up the payment site's address itself."
	skipProxyTCP    = "Skipped because the proxy connects to the payment site on this computer's behalf."
	skipNoTime      = "Skipped because no web server answered with the time to compare with."
)

type dnsProbe struct {
	skip    string
	literal bool
	addrs   []net.IPAddr
	err     error
	dur     time.Duration

	// After a failed lookup: what the name servers are (when that can be known) and how the control
	// name fared through the same resolver (nil when it wasn't looked up).
	servers      []string
	serversKnown bool
	control      *nameLookup
	controlHost  string
}

type tcpProbe struct {
	skip  string
	dials []dialAttempt
	dur   time.Duration // until the first connection, or until every address failed
}

type dialAttempt struct {
	order int
	addr  string // ip:port
	v6    bool
	conn  net.Conn // only while being handed over
	ok    bool
	err   error
	dur   time.Duration
}

type tlsProbe struct {
	skip    string
	err     error
	version uint16
	leaf    *x509.Certificate
	localAt time.Time // the local clock (NetDeps.Now) when the handshake ended
	dur     time.Duration
}

type httpsProbe struct {
	skip     string
	err      error
	status   int
	line     string // "200 OK"
	location string
	date     time.Time // the response's Date header, zero if none
	localAt  time.Time // the local clock when the response arrived
	latency  time.Duration
}

// runTarget takes one target through the layers in order. When a layer fails the rest are marked
// skipped with a reason rather than run; every layer's note is sent exactly once, whatever happens.
func (r *connRun) runTarget(tr *targetRun) {
	var conn net.Conn
	stopDials := func() {}
	defer func() {
		if conn != nil {
			conn.Close()
		}
		stopDials()
	}()

	reason := r.outOfTime()
	switch {
	case tr.proxy.bad != nil:
		reason = proxySkip(tr.proxy)
		r.note(layerProxy)
		tr.dns.skip, tr.tcp.skip = reason, reason
		r.note(layerDNS)
		r.note(layerTCP)
	case tr.proxy.via != nil:
		if reason == "" {
			conn = r.tunnel(tr)
			reason = proxySkip(tr.proxy)
			if conn == nil && r.interrupted() {
				reason = skipInterrupted
			}
		}
		if reason == skipOutOfTime || reason == skipInterrupted {
			tr.proxy.skip = reason
		}
		r.note(layerProxy)
		tr.dns.skip, tr.tcp.skip = skipProxyDNS, skipProxyTCP
		if reason != "" {
			tr.dns.skip, tr.tcp.skip = reason, reason
		}
		r.note(layerDNS)
		r.note(layerTCP)
	default:
		r.note(layerProxy)
		var addrs []net.IPAddr
		if reason == "" {
			addrs, reason = r.dnsStage(tr)
			if reason != "" && r.interrupted() {
				tr.dns.skip, reason = skipInterrupted, skipInterrupted
			}
		} else {
			tr.dns.skip = reason
		}
		r.note(layerDNS)
		if reason == "" {
			reason = r.outOfTime()
		}
		if reason == "" {
			conn, stopDials = r.tcpStage(tr, addrs) // its note is sent when every dial has finished
			if conn == nil {
				reason = skipNoConnect
				if r.interrupted() {
					reason = skipInterrupted
				}
			}
		} else {
			tr.tcp.skip = reason
			r.note(layerTCP)
		}
	}

	if reason == "" {
		reason = r.outOfTime()
	}
	var tc *tls.Conn
	if reason == "" {
		tc = r.tlsStage(tr, conn) // closes conn when the handshake fails
		conn = nil
		if tc == nil {
			reason = skipTLSFailed
			if r.interrupted() {
				tr.tls.skip, reason = skipInterrupted, skipInterrupted
			}
		} else {
			conn = tc
		}
	} else {
		tr.tls.skip = reason
	}
	r.note(layerTLS)

	if reason == "" {
		reason = r.outOfTime()
	}
	if reason == "" {
		r.httpsStage(tr, tc)
		if tr.https.err != nil && r.interrupted() {
			tr.https.skip = skipInterrupted
		}
	} else {
		tr.https.skip = reason
	}
	r.note(layerHTTPS)
}

// interrupted reports whether the caller gave up on the run (rather than its time running out); a
// layer cut short that way is reported as skipped, not blamed.
func (r *connRun) interrupted() bool {
	return r.ctx.Err() != nil && !errors.Is(r.ctx.Err(), context.DeadlineExceeded)
}

// outOfTime is the skip reason once the overall bound has passed (or the caller gave up), else "".
func (r *connRun) outOfTime() string {
	switch {
	case r.ctx.Err() == nil:
		return ""
	case errors.Is(r.ctx.Err(), context.DeadlineExceeded):
		return skipOutOfTime
	}
	return skipInterrupted
}

// nameLookup is one name lookup, shared by every probe that needs that host.
type nameLookup struct {
	done  chan struct{}
	addrs []net.IPAddr
	err   error
	dur   time.Duration
}

// lookup starts looking host up (once per run) under the DNS layer's deadline. The wait is bounded by
// that deadline even if the resolver ignores its context.
func (r *connRun) lookup(host string) *nameLookup {
	r.mu.Lock()
	defer r.mu.Unlock()
	if l, ok := r.lookups[host]; ok {
		return l
	}
	l := r.startLookup(r.dnsCtx, host)
	r.lookups[host] = l
	return l
}

// controlLookup looks up the control name once per run, the first time a target's lookup fails.
// The DNS layer's deadline may have passed by then (a lookup that timed out), so it has a deadline
// of its own, well inside the overall bound.
func (r *connRun) controlLookup() *nameLookup {
	r.controlOnce.Do(func() {
		ctx, cancel := context.WithTimeout(r.ctx, r.budget(layerDNS)/2)
		r.control = r.startLookup(ctx, r.controlHost)
		go func() {
			<-r.control.done
			cancel()
		}()
	})
	return r.control
}

// startLookup looks host up under ctx; the lookup's done is closed by ctx's end at the latest.
func (r *connRun) startLookup(ctx context.Context, host string) *nameLookup {
	l := &nameLookup{done: make(chan struct{})}
	go func() {
		defer close(l.done)
		started := time.Now()
		type answer struct {
			addrs []net.IPAddr
			err   error
		}
		ch := make(chan answer, 1)
		go func() {
			addrs, err := r.deps.Resolver.LookupIPAddr(ctx, host)
			ch <- answer{addrs, err}
		}()
		select {
		case a := <-ch:
			l.addrs, l.err = a.addrs, a.err
		case <-ctx.Done():
			l.err = ctx.Err()
		}
		if l.err == nil && len(l.addrs) == 0 {
			l.err = errNoAddresses
		}
		l.dur = time.Since(started)
	}()
	return l
}

// addressesOf resolves host (or takes it as an address literal) and picks the addresses to try.
func (r *connRun) addressesOf(ctx context.Context, host string) ([]net.IPAddr, error) {
	if ip := net.ParseIP(host); ip != nil {
		return []net.IPAddr{{IP: ip}}, nil
	}
	l := r.lookup(host)
	select {
	case <-l.done:
	case <-ctx.Done():
		return nil, ctx.Err()
	}
	if l.err != nil {
		return nil, l.err
	}
	return pickAddrs(l.addrs), nil
}

// pickAddrs keeps a few addresses of each family, in the resolver's order, so the dials stay bounded.
func pickAddrs(addrs []net.IPAddr) []net.IPAddr {
	var out []net.IPAddr
	v4, v6 := 0, 0
	for _, a := range addrs {
		if a.IP.To4() != nil {
			if v4 < maxAddrsPerFamily {
				out = append(out, a)
			}
			v4++
		} else {
			if v6 < maxAddrsPerFamily {
				out = append(out, a)
			}
			v6++
		}
	}
	return out
}

func (r *connRun) dnsStage(tr *targetRun) ([]net.IPAddr, string) {
	if tr.ip != nil {
		tr.dns.literal = true
		tr.dns.addrs = []net.IPAddr{{IP: tr.ip}}
		return tr.dns.addrs, ""
	}
	l := r.lookup(tr.host)
	<-l.done // bounded by the DNS layer's deadline
	tr.dns.addrs, tr.dns.err, tr.dns.dur = l.addrs, l.err, l.dur
	if l.err != nil {
		r.compareLookup(tr)
		return nil, skipNoAddress
	}
	return pickAddrs(l.addrs), ""
}

// compareLookup gathers what tells a failed lookup's causes apart: whether any name server is set
// up, and whether the control name resolves through the same resolver. With no name server set up
// there is nothing to compare; a target that is the control name itself proves nothing.
func (r *connRun) compareLookup(tr *targetRun) {
	tr.dns.servers, tr.dns.serversKnown = r.deps.Nameservers()
	if (tr.dns.serversKnown && len(tr.dns.servers) == 0 && !isNotFound(tr.dns.err)) || tr.host == r.controlHost || r.interrupted() {
		return
	}
	c := r.controlLookup()
	<-c.done // bounded by its own deadline
	tr.dns.control, tr.dns.controlHost = c, r.controlHost
}

// dial is NetDeps.Dial bounded by ctx even if the dialer ignores it; a connection that arrives too
// late is closed.
func (r *connRun) dial(ctx context.Context, addr string) (net.Conn, error) {
	type answer struct {
		conn net.Conn
		err  error
	}
	ch := make(chan answer, 1)
	go func() {
		c, err := r.deps.Dial(ctx, "tcp", addr)
		ch <- answer{c, err}
	}()
	select {
	case a := <-ch:
		return a.conn, a.err
	case <-ctx.Done():
		select {
		case a := <-ch:
			return a.conn, a.err
		default:
		}
		go func() {
			if a := <-ch; a.conn != nil {
				a.conn.Close()
			}
		}()
		return nil, ctx.Err()
	}
}

func (r *connRun) startDials(ctx context.Context, addrs []net.IPAddr, port string) <-chan dialAttempt {
	ch := make(chan dialAttempt, len(addrs))
	for i, a := range addrs {
		go func() {
			addr := net.JoinHostPort(ipString(a), port)
			started := time.Now()
			c, err := r.dial(ctx, addr)
			ch <- dialAttempt{order: i, addr: addr, v6: a.IP.To4() == nil, conn: c, ok: c != nil, err: err, dur: time.Since(started)}
		}()
	}
	return ch
}

// dialAny dials every address at once and keeps the first connection; the others are stopped.
func (r *connRun) dialAny(ctx context.Context, addrs []net.IPAddr, port string) (net.Conn, []dialAttempt) {
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	ch := r.startDials(ctx, addrs, port)
	var winner net.Conn
	var dials []dialAttempt
	for range addrs {
		d := <-ch
		if d.conn != nil {
			if winner == nil {
				winner = d.conn
				cancel()
			} else {
				d.conn.Close()
			}
			d.conn = nil
		}
		dials = append(dials, d)
	}
	slices.SortFunc(dials, func(a, b dialAttempt) int { return a.order - b.order })
	return winner, dials
}

// tcpStage dials every address of the target at once and hands the first connection on, so the
// secure handshake need not wait for slower addresses. The others keep going until they finish or
// stop is called, so the report can tell IPv4 and IPv6 apart; the tcp note is sent when all are done.
func (r *connRun) tcpStage(tr *targetRun, addrs []net.IPAddr) (conn net.Conn, stop func()) {
	ctx, cancel := context.WithTimeout(r.ctx, r.budget(layerTCP))
	started := time.Now()
	ch := r.startDials(ctx, addrs, tr.port)
	first := make(chan net.Conn, 1)
	go func() {
		defer r.note(layerTCP)
		handed := false
		var dials []dialAttempt
		for range addrs {
			d := <-ch
			if d.conn != nil {
				if !handed {
					handed = true
					tr.tcp.dur = time.Since(started)
					first <- d.conn
				} else {
					d.conn.Close()
				}
				d.conn = nil
			}
			dials = append(dials, d)
		}
		slices.SortFunc(dials, func(a, b dialAttempt) int { return a.order - b.order })
		tr.tcp.dials = dials
		if !handed && r.interrupted() {
			tr.tcp.skip = skipInterrupted
		}
		if !handed {
			tr.tcp.dur = time.Since(started)
			close(first)
		}
	}()
	return <-first, cancel
}

// guardConn applies ctx's deadline to conn and closes conn if ctx ends first. release undoes both and
// reports whether conn is still open.
func guardConn(ctx context.Context, conn net.Conn) (release func() bool) {
	if d, ok := ctx.Deadline(); ok {
		conn.SetDeadline(d)
	}
	stop := context.AfterFunc(ctx, func() { conn.Close() })
	return func() bool {
		conn.SetDeadline(time.Time{})
		return stop()
	}
}

func (r *connRun) tlsStage(tr *targetRun, conn net.Conn) *tls.Conn {
	ctx, cancel := context.WithTimeout(r.ctx, r.budget(layerTLS))
	defer cancel()
	tc := tls.Client(conn, &tls.Config{ServerName: tr.host, RootCAs: r.deps.RootCAs, Time: r.deps.Now})
	started := time.Now()
	err := tc.HandshakeContext(ctx)
	tr.tls.dur = time.Since(started)
	tr.tls.localAt = r.deps.Now()
	if err != nil {
		tr.tls.err = explainCtx(ctx, err)
		tc.Close()
		return nil
	}
	st := tc.ConnectionState()
	tr.tls.version = st.Version
	if len(st.PeerCertificates) > 0 {
		tr.tls.leaf = st.PeerCertificates[0]
	}
	return tc
}

// httpsStage asks for the target page over the verified connection. It follows no redirect.
func (r *connRun) httpsStage(tr *targetRun, tc *tls.Conn) {
	ctx, cancel := context.WithTimeout(r.ctx, r.budget(layerHTTPS))
	defer cancel()
	release := guardConn(ctx, tc)
	defer release()
	started := time.Now()
	resp, err := roundTrip(ctx, tc, tr.u, nil)
	tr.https.latency = time.Since(started)
	tr.https.localAt = r.deps.Now()
	if err != nil {
		tr.https.err = explainCtx(ctx, err)
		return
	}
	tr.https.status, tr.https.line = resp.StatusCode, resp.Status
	tr.https.location = resp.Header.Get("Location")
	if d, err := http.ParseTime(resp.Header.Get("Date")); err == nil {
		tr.https.date = d
	}
}

// roundTrip sends one GET for u over conn and reads the response head. Writing the request by hand
// (rather than through an http.Client) means no redirect is ever followed, nothing is cached and no
// connection pool outlives the check.
func roundTrip(ctx context.Context, conn net.Conn, u *url.URL, extra http.Header) (*http.Response, error) {
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, u.String(), nil)
	if err != nil {
		return nil, err
	}
	req.Host = u.Host
	req.Close = true
	req.Header.Set("User-Agent", userAgent)
	req.Header.Set("Cache-Control", "no-cache")
	for k, v := range extra {
		req.Header[k] = v
	}
	if err := req.Write(conn); err != nil {
		return nil, err
	}
	// The body is never closed through resp: closing would drain it. The caller closes conn.
	return http.ReadResponse(bufio.NewReader(conn), req)
}

// portalRun is the sign-in page (captive portal) probe: one plain-http GET.
type portalRun struct {
	u         *url.URL
	host      string
	port      string
	ip        net.IP
	isDefault bool // the URL was derived from the first target, not given

	skip     string
	err      error
	dials    []dialAttempt
	status   int
	line     string
	location string
	body     int // bytes of body seen, up to a small limit
	date     time.Time
	localAt  time.Time
	dur      time.Duration
}

const portalBodyPeek = 512

func newPortalRun(raw string, first connTarget, httpPort int) (*portalRun, error) {
	isDefault := raw == ""
	if isDefault {
		raw = "http://" + net.JoinHostPort(first.host, strconv.Itoa(httpPort)) + "/"
	}
	u, err := url.Parse(raw)
	if err != nil {
		return nil, fmt.Errorf("connectivity: portal URL %q: %w", raw, err)
	}
	if u.Scheme != "http" {
		return nil, fmt.Errorf("connectivity: portal URL %q: must be plain http://, where a sign-in page can show itself", raw)
	}
	t, err := newTarget(u, httpPort)
	if err != nil {
		return nil, fmt.Errorf("connectivity: portal URL %q: %w", raw, err)
	}
	return &portalRun{u: t.u, host: t.host, port: t.port, ip: t.ip, isDefault: isDefault}, nil
}

func (r *connRun) runPortal() {
	p := r.portal
	defer r.note(layerPortal)
	if p.skip = r.outOfTime(); p.skip != "" {
		return
	}
	var addrs []net.IPAddr
	if p.ip != nil {
		addrs = []net.IPAddr{{IP: p.ip}}
	} else {
		l := r.lookup(p.host)
		<-l.done
		if l.err != nil {
			p.err = l.err
			if p.isDefault {
				p.skip = skipNoAddress
			} else {
				p.skip = "Skipped because the address of the sign-in test page couldn't be found."
			}
			return
		}
		addrs = pickAddrs(l.addrs)
	}
	ctx, cancel := context.WithTimeout(r.ctx, r.budget(layerPortal))
	defer cancel()
	started := time.Now()
	defer func() { p.dur = time.Since(started) }()
	conn, dials := r.dialAny(ctx, addrs, p.port)
	p.dials = dials
	if conn == nil {
		p.err = firstDialError(dials)
		if r.interrupted() {
			p.skip = skipInterrupted
		}
		return
	}
	defer conn.Close()
	release := guardConn(ctx, conn)
	defer release()
	resp, err := roundTrip(ctx, conn, p.u, http.Header{"Pragma": {"no-cache"}})
	if err != nil {
		p.err = explainCtx(ctx, err)
		if r.interrupted() {
			p.skip = skipInterrupted
		}
		return
	}
	p.localAt = r.deps.Now()
	p.status, p.line, p.location = resp.StatusCode, resp.Status, resp.Header.Get("Location")
	if d, err := http.ParseTime(resp.Header.Get("Date")); err == nil {
		p.date = d
	}
	switch {
	case resp.ContentLength > 0:
		p.body = int(min(resp.ContentLength, portalBodyPeek))
	case resp.ContentLength < 0:
		n, _ := io.Copy(io.Discard, io.LimitReader(resp.Body, portalBodyPeek))
		p.body = int(n)
	}
}

// explainCtx turns an error caused by ctx ending into one that says so.
func explainCtx(ctx context.Context, err error) error {
	if ctx.Err() != nil && !errors.Is(err, ctx.Err()) {
		return fmt.Errorf("%w (%w)", ctx.Err(), err)
	}
	return err
}

func firstDialError(dials []dialAttempt) error {
	for _, d := range dials {
		if d.err != nil {
			return fmt.Errorf("%s: %w", d.addr, d.err)
		}
	}
	return errNoAddresses
}

func ipString(a net.IPAddr) string {
	if a.Zone != "" {
		return a.IP.String() + "%" + a.Zone
	}
	return a.IP.String()
}
