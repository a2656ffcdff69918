package connectivity

import (
	"bufio"
	"context"
	"crypto/tls"
	"encoding/base64"
	"errors"
	"fmt"
	"net"
	"net/http"
	"net/url"
	"strings"
	"time"

	"github.com/unstuck-dev/unstuck/checks"
)

// proxyEnv is the proxy configuration found in the environment, read the way Go's net/http (and
// curl) read it: upper-case name first, then lower case.
type proxyEnv struct {
	httpsProxy, httpsVar string // HTTPS_PROXY's value, and which spelling set it
	httpProxy, httpVar   string
	noProxy, noProxyVar  string
}

func readProxyEnv(getenv func(string) string) proxyEnv {
	var e proxyEnv
	e.httpsProxy, e.httpsVar = getenvAny(getenv, "HTTPS_PROXY", "https_proxy")
	e.httpProxy, e.httpVar = getenvAny(getenv, "HTTP_PROXY", "http_proxy")
	e.noProxy, e.noProxyVar = getenvAny(getenv, "NO_PROXY", "no_proxy")
	return e
}

func getenvAny(getenv func(string) string, names ...string) (value, name string) {
	for _, n := range names {
		if v := getenv(n); v != "" {
			return v, n
		}
	}
	return "", ""
}

// describe is the environment in one technical line, with any proxy password hidden.
func (e proxyEnv) describe() string {
	var parts []string
	for _, kv := range [][2]string{{e.httpsVar, e.httpsProxy}, {e.httpVar, e.httpProxy}, {e.noProxyVar, e.noProxy}} {
		if kv[0] != "" {
			parts = append(parts, kv[0]+"="+redactProxy(kv[1]))
		}
	}
	if len(parts) == 0 {
		return "no HTTPS_PROXY, HTTP_PROXY or NO_PROXY set"
	}
	return strings.Join(parts, ", ")
}

func redactProxy(v string) string {
	if u, err := url.Parse(v); err == nil && u.User != nil {
		return u.Redacted()
	}
	return v
}

// proxyProbe is what the proxy layer learnt about one target: the route chosen and, when it goes
// through a proxy, whether the proxy opened a tunnel to the target.
type proxyProbe struct {
	skip    string   // why the proxy was not tried (out of time, stopped)
	via     *url.URL // the proxy in effect; nil when the target is reached directly
	envVar  string   // the variable that set it
	direct  string   // why the target is reached directly
	bad     error    // the proxy setting could not be understood
	err     error    // reaching the proxy, or tunnelling through it, failed
	refused string   // the proxy's answer when it would not open the tunnel
	socks   bool     // a SOCKS proxy: reachable, but not looked through
	dials   []dialAttempt
	dur     time.Duration
}

// route decides whether t is reached through a proxy, with net/http's ProxyFromEnvironment rules:
// https targets use HTTPS_PROXY, NO_PROXY exempts hosts, and loopback never goes through a proxy.
func (e proxyEnv) route(t connTarget) proxyProbe {
	if e.httpsProxy == "" {
		if e.httpProxy != "" {
			return proxyProbe{direct: "direct: " + e.httpVar + " only applies to plain-http pages"}
		}
		return proxyProbe{direct: "direct: no proxy set"}
	}
	if t.host == "localhost" || (t.ip != nil && t.ip.IsLoopback()) {
		return proxyProbe{direct: "direct: loopback addresses never go through a proxy"}
	}
	if pattern, ok := noProxyMatch(e.noProxy, t.host, t.port); ok {
		return proxyProbe{direct: fmt.Sprintf("direct: %s matches %q", e.noProxyVar, pattern)}
	}
	u, err := parseProxyURL(e.httpsProxy)
	if err != nil {
		return proxyProbe{envVar: e.httpsVar, bad: err}
	}
	return proxyProbe{via: u, envVar: e.httpsVar, socks: strings.HasPrefix(u.Scheme, "socks5")}
}

// parseProxyURL reads a proxy setting as net/http does: a bare "host:port" means http://host:port.
func parseProxyURL(v string) (*url.URL, error) {
	u, err := url.Parse(v)
	if err != nil || u.Scheme == "" || u.Host == "" {
		if u2, err2 := url.Parse("http://" + v); err2 == nil && u2.Host != "" {
			u, err = u2, nil
		}
	}
	if err != nil {
		return nil, fmt.Errorf("proxy setting %q: %w", redactProxy(v), err)
	}
	switch u.Scheme {
	case "http", "https", "socks5", "socks5h":
	default:
		return nil, fmt.Errorf("proxy setting %q: unknown scheme %q", redactProxy(v), u.Scheme)
	}
	if u.Hostname() == "" {
		return nil, fmt.Errorf("proxy setting %q: no host", redactProxy(v))
	}
	return u, nil
}

// noProxyMatch reports whether NO_PROXY exempts host:port, and which entry did, following the rules of
// golang.org/x/net/http/httpproxy: entries are comma-separated; "*" matches everything; an IP or CIDR
// matches addresses; "example.com" matches it and its subdomains, ".example.com" (or "*.example.com")
// only its subdomains; any entry may carry a ":port".
func noProxyMatch(noProxy, host, port string) (string, bool) {
	host = strings.ToLower(strings.TrimSuffix(host, "."))
	ip := net.ParseIP(host)
	for _, entry := range strings.Split(noProxy, ",") {
		p := strings.ToLower(strings.TrimSpace(entry))
		if p == "" {
			continue
		}
		if p == "*" {
			return p, true
		}
		if _, cidr, err := net.ParseCIDR(p); err == nil {
			if ip != nil && cidr.Contains(ip) {
				return p, true
			}
			continue
		}
		phost, pport := p, ""
		if h, pp, err := net.SplitHostPort(p); err == nil {
			phost, pport = h, pp
		}
		if pport != "" && pport != port {
			continue
		}
		if pip := net.ParseIP(phost); pip != nil {
			if ip != nil && pip.Equal(ip) {
				return p, true
			}
			continue
		}
		phost = strings.TrimPrefix(phost, "*")
		matchHost := !strings.HasPrefix(phost, ".")
		if matchHost {
			phost = "." + phost
		}
		if strings.HasSuffix(host, phost) || (matchHost && host == phost[1:]) {
			return p, true
		}
	}
	return "", false
}

// tunnel reaches the target through its proxy as a browser would: connect to the proxy (over TLS for
// an https:// proxy) and ask it to CONNECT to the target. It returns the tunnel, or nil.
func (r *connRun) tunnel(tr *targetRun) net.Conn {
	ctx, cancel := context.WithTimeout(r.ctx, r.budget(layerProxy))
	defer cancel()
	started := time.Now()
	defer func() { tr.proxy.dur = time.Since(started) }()

	p := tr.proxy.via
	host, port := p.Hostname(), p.Port()
	if port == "" {
		port = map[string]string{"http": "80", "https": "443"}[p.Scheme]
		if port == "" {
			port = "1080"
		}
	}
	addrs, err := r.addressesOf(ctx, host)
	if err != nil {
		tr.proxy.err = fmt.Errorf("looking up the proxy %s: %w", host, err)
		return nil
	}
	conn, dials := r.dialAny(ctx, addrs, port)
	tr.proxy.dials = dials
	if conn == nil {
		tr.proxy.err = firstDialError(dials)
		return nil
	}
	if tr.proxy.socks {
		// Reaching a SOCKS proxy is all this check does with it; see proxyFinding.
		conn.Close()
		return nil
	}
	release := guardConn(ctx, conn)
	if p.Scheme == "https" {
		tc := tls.Client(conn, &tls.Config{ServerName: host, RootCAs: r.deps.RootCAs, Time: r.deps.Now})
		if err := tc.HandshakeContext(ctx); err != nil {
			release()
			conn.Close()
			tr.proxy.err = fmt.Errorf("secure connection to the proxy: %w", err)
			return nil
		}
		conn = tc
	}
	req := &http.Request{
		Method: http.MethodConnect,
		URL:    &url.URL{Opaque: tr.addr},
		Host:   tr.addr,
		Header: http.Header{"User-Agent": {userAgent}},
	}
	if u := p.User; u != nil {
		pw, _ := u.Password()
		req.Header.Set("Proxy-Authorization", "Basic "+base64.StdEncoding.EncodeToString([]byte(u.Username()+":"+pw)))
	}
	br := bufio.NewReader(conn)
	var resp *http.Response
	if err = req.Write(conn); err == nil {
		resp, err = http.ReadResponse(br, req)
	}
	if ok := release(); !ok && err == nil {
		err = ctx.Err()
	}
	if err != nil {
		conn.Close()
		tr.proxy.err = fmt.Errorf("CONNECT %s: %w", tr.addr, explainCtx(ctx, err))
		return nil
	}
	if resp.StatusCode/100 != 2 {
		conn.Close()
		tr.proxy.refused = resp.Status
		tr.proxy.err = fmt.Errorf("CONNECT %s: proxy answered %s", tr.addr, resp.Status)
		return nil
	}
	if br.Buffered() > 0 {
		return &bufferedConn{Conn: conn, r: br}
	}
	return conn
}

// bufferedConn is a connection whose first bytes were already read into r.
type bufferedConn struct {
	net.Conn
	r *bufio.Reader
}

func (c *bufferedConn) Read(p []byte) (int, error) { return c.r.Read(p) }

// proxyFinding is the proxy layer's finding for one target.
func (r *connRun) proxyFinding(tr *targetRun) connFinding {
	pp := tr.proxy
	if pp.bad != nil {
		return connFinding{
			status: checks.StatusProblem, outcome: layerProxy,
			summary: "A proxy setting on this computer isn't a valid proxy address.",
			detail:  fmt.Sprintf("%s: %s: %v", tr.host, pp.envVar, pp.bad),
			next:    "Remove or correct the " + pp.envVar + " setting (or ask whoever set it up), then try again.",
		}
	}
	if pp.via == nil {
		f := connFinding{status: checks.StatusOK, outcome: connOK, detail: tr.host + ": " + pp.direct}
		if r.env.httpsProxy != "" || r.env.httpProxy != "" {
			f.summary = "A proxy is set on this computer, but the payment site is reached directly."
		} else {
			f.summary = "No proxy is set on this computer."
		}
		return f
	}
	via := fmt.Sprintf("%s through the proxy %s", tr.addr, pp.via.Redacted())
	if pp.skip != "" {
		return skippedConnFinding(pp.skip, via+": not tried")
	}
	switch {
	case pp.refused != "":
		return connFinding{
			status: checks.StatusProblem, outcome: layerProxy, dur: pp.dur,
			summary: "The proxy this computer is set to use won't connect to the payment site.",
			detail:  fmt.Sprintf("%s: %v after %s", via, pp.err, fmtDur(pp.dur)),
			next:    "Ask whoever set up the proxy (often a workplace) to allow the payment site, or pay from another network.",
		}
	case pp.err != nil:
		return connFinding{
			status: checks.StatusProblem, outcome: layerProxy, dur: pp.dur,
			summary: "A proxy setting on this computer points to a proxy that isn't answering.",
			detail:  fmt.Sprintf("%s: %v after %s", via, pp.err, fmtDur(pp.dur)),
			next:    "Remove the " + pp.envVar + " setting or ask whoever set it up to fix the proxy, then try again.",
		}
	case pp.socks:
		// Not a fault, but nothing behind it was checked, so the flow is told rather than "ok".
		return connFinding{
			status: checks.StatusWarning, outcome: layerProxy, dur: pp.dur,
			summary: "This computer sends its traffic through a SOCKS proxy, which answers, but this check can't look past it.",
			detail:  fmt.Sprintf("%s: the SOCKS proxy accepted a connection in %s; the layers behind it were not checked", via, fmtDur(pp.dur)),
			next:    "If payments fail only on this computer, ask whoever set up the proxy whether it allows payment sites.",
		}
	}
	return connFinding{
		status: checks.StatusWarning, outcome: connOK, dur: pp.dur,
		summary: "This computer reaches the payment site through a proxy, which answers.",
		detail:  fmt.Sprintf("%s: tunnel opened in %s", via, fmtDur(pp.dur)),
		next:    "If payments fail only on this computer, ask whoever set up the proxy whether it allows payment sites.",
	}
}

// proxySkip is why a target's later layers were not run after its proxy step.
func proxySkip(pp proxyProbe) string {
	switch {
	case pp.bad != nil:
		return "Skipped because the proxy setting isn't valid."
	case pp.refused != "":
		return "Skipped because the proxy won't connect to the payment site."
	case pp.err != nil:
		return "Skipped because the proxy isn't answering."
	case pp.socks:
		return "Skipped because this computer goes through a SOCKS proxy, which this check can't look through."
	}
	return ""
}

var errNoAddresses = errors.New("no addresses found")
