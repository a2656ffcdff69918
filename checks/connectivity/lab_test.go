package connectivity

import (
	"bufio"
	"context"
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/rand"
	"crypto/tls"
	"crypto/x509"
	"crypto/x509/pkix"
	"fmt"
	"io"
	"log"
	"math/big"
	"net"
	"net/http"
	"net/http/httptest"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"go.uber.org/goleak"
)

// The connectivity tests' lab: every server listens on loopback, names resolve through a fake
// resolver that only knows the names a test gives it, the dialer refuses anything but loopback, and
// the environment (proxy settings) is a map. Nothing here can reach the internet.

const payHost = "pay.example.test"

type netLab struct {
	t     testing.TB
	ca    *testCA
	hosts map[string][]net.IPAddr
	env   map[string]string
	res   *fakeResolver
	deps  NetDeps
}

// newLab starts a lab for t. Its goroutine-leak check is registered first so that it runs last,
// after every server the test started has been closed.
func newLab(t testing.TB) *netLab {
	if tt, ok := t.(*testing.T); ok {
		tt.Cleanup(func() { goleak.VerifyNone(tt) })
	}
	l := &netLab{t: t, ca: newTestCA(t, "unstuck test CA"), hosts: map[string][]net.IPAddr{}, env: map[string]string{}}
	l.res = &fakeResolver{hosts: l.hosts}
	l.deps = NetDeps{
		Resolver: l.res,
		Dial:     loopbackDial(t),
		RootCAs:  l.ca.pool,
		Getenv:   func(k string) string { return l.env[k] },
		Now:      time.Now,
		HTTPPort: l.openNetwork(), // the sign-in probe finds an open network unless a test says otherwise
	}
	return l
}

// resolve makes host resolve to the given loopback addresses.
func (l *netLab) resolve(host string, ips ...string) {
	for _, s := range ips {
		ip := net.ParseIP(s)
		if ip == nil || !ip.IsLoopback() {
			l.t.Fatalf("lab: %s is not a loopback address", s)
		}
		l.hosts[host] = append(l.hosts[host], net.IPAddr{IP: ip})
	}
}

func (l *netLab) opts(timeout time.Duration, targets ...string) ConnOptions {
	return ConnOptions{Targets: targets, Timeout: timeout, Deps: &l.deps}
}

// fakeResolver answers from a map and never asks a real name server.
type fakeResolver struct {
	mu    sync.Mutex
	hosts map[string][]net.IPAddr
	err   error         // when set, every lookup fails with it
	hang  bool          // when set, every lookup waits for its context
	delay time.Duration // how long each answer takes, as a round trip to a name server would
	asked []string
}

func (f *fakeResolver) LookupIPAddr(ctx context.Context, host string) ([]net.IPAddr, error) {
	f.mu.Lock()
	f.asked = append(f.asked, host)
	f.mu.Unlock()
	if f.delay > 0 {
		select {
		case <-time.After(f.delay):
		case <-ctx.Done():
			return nil, ctx.Err()
		}
	}
	switch {
	case f.hang:
		<-ctx.Done()
		return nil, &net.DNSError{Err: "i/o timeout", Name: host, IsTimeout: true}
	case f.err != nil:
		return nil, f.err
	}
	addrs, ok := f.hosts[host]
	if !ok {
		return nil, &net.DNSError{Err: "no such host", Name: host, IsNotFound: true}
	}
	return addrs, nil
}

// loopbackDial dials only loopback addresses; anything else fails the test.
func loopbackDial(t testing.TB) func(context.Context, string, string) (net.Conn, error) {
	var d net.Dialer
	return func(ctx context.Context, network, addr string) (net.Conn, error) {
		host, _, err := net.SplitHostPort(addr)
		if ip := net.ParseIP(host); err != nil || ip == nil || !ip.IsLoopback() {
			t.Errorf("a probe dialled %s, which is not a loopback address", addr)
			return nil, fmt.Errorf("test dialer: %s is not loopback", addr)
		}
		return d.DialContext(ctx, network, addr)
	}
}

func listenLoopback(t testing.TB, network string) net.Listener {
	addr := "127.0.0.1:0"
	if network == "tcp6" {
		addr = "[::1]:0"
	}
	ln, err := net.Listen(network, addr)
	if err != nil {
		t.Fatalf("lab: listen on %s: %v", addr, err)
	}
	return ln
}

func portOf(ln net.Listener) int { return ln.Addr().(*net.TCPAddr).Port }

func hasIPv6Loopback() bool {
	ln, err := net.Listen("tcp6", "[::1]:0")
	if err != nil {
		return false
	}
	ln.Close()
	return true
}

// server starts an HTTP server on loopback (network "tcp4" or "tcp6"), over TLS when cert is given.
func (l *netLab) server(network string, cert *tls.Certificate, h http.Handler) int {
	s := httptest.NewUnstartedServer(h)
	s.Listener.Close()
	s.Listener = listenLoopback(l.t, network)
	s.Config.ErrorLog = log.New(io.Discard, "", 0) // failed handshakes are the point of some tests
	if cert != nil {
		s.TLS = &tls.Config{Certificates: []tls.Certificate{*cert}}
		s.StartTLS()
	} else {
		s.Start()
	}
	l.t.Cleanup(s.Close)
	return portOf(s.Listener)
}

// site starts the payment site on 127.0.0.1 with a certificate from the lab's CA.
func (l *netLab) site(h http.Handler) int {
	cert := l.ca.leaf(l.t, []string{payHost}, time.Now().Add(-time.Hour), time.Now().Add(365*24*time.Hour))
	return l.server("tcp4", &cert, h)
}

// openNetwork is a plain-http server answering 204, as a network with no sign-in page does.
func (l *netLab) openNetwork() int {
	return l.server("tcp4", nil, http.HandlerFunc(func(w http.ResponseWriter, _ *http.Request) {
		w.WriteHeader(http.StatusNoContent)
	}))
}

func payPage(w http.ResponseWriter, _ *http.Request) { io.WriteString(w, "<html>pay here</html>") }

// refusedPort is a loopback port nothing listens on.
func refusedPort(t testing.TB) int {
	ln := listenLoopback(t, "tcp4")
	port := portOf(ln)
	ln.Close()
	return port
}

// holdingPort accepts connections and never says a word.
func holdingPort(t testing.TB) int {
	ln := listenLoopback(t, "tcp4")
	var mu sync.Mutex
	var conns []net.Conn
	done := make(chan struct{})
	go func() {
		defer close(done)
		for {
			c, err := ln.Accept()
			if err != nil {
				return
			}
			mu.Lock()
			conns = append(conns, c)
			mu.Unlock()
		}
	}()
	t.Cleanup(func() {
		ln.Close()
		<-done
		mu.Lock()
		defer mu.Unlock()
		for _, c := range conns {
			c.Close()
		}
	})
	return portOf(ln)
}

// connectProxy is an HTTP proxy on loopback (over TLS when cert is given) that answers CONNECT with
// status and, on 200, tunnels to the requested host as the lab resolves it. seen lists the CONNECT
// requests it got.
type connectProxy struct {
	port int
	mu   sync.Mutex
	seen []string
}

func (l *netLab) connectProxy(status int, cert *tls.Certificate) *connectProxy {
	ln := listenLoopback(l.t, "tcp4")
	p := &connectProxy{port: portOf(ln)}
	if cert != nil {
		ln = tls.NewListener(ln, &tls.Config{Certificates: []tls.Certificate{*cert}})
	}
	var wg sync.WaitGroup
	var mu sync.Mutex
	var conns []net.Conn
	track := func(c net.Conn) {
		mu.Lock()
		conns = append(conns, c)
		mu.Unlock()
	}
	handle := func(c net.Conn) {
		defer c.Close()
		br := bufio.NewReader(c)
		req, err := http.ReadRequest(br)
		if err != nil {
			return
		}
		p.mu.Lock()
		p.seen = append(p.seen, req.Method+" "+req.Host)
		p.mu.Unlock()
		host, port, _ := net.SplitHostPort(req.Host)
		addrs := l.hosts[host]
		if req.Method != http.MethodConnect || status != http.StatusOK || len(addrs) == 0 {
			fmt.Fprintf(c, "HTTP/1.1 %d %s\r\nContent-Length: 0\r\n\r\n", status, http.StatusText(status))
			return
		}
		up, err := net.Dial("tcp", net.JoinHostPort(addrs[0].IP.String(), port))
		if err != nil {
			fmt.Fprint(c, "HTTP/1.1 502 Bad Gateway\r\nContent-Length: 0\r\n\r\n")
			return
		}
		track(up)
		defer up.Close()
		fmt.Fprint(c, "HTTP/1.1 200 Connection established\r\n\r\n")
		wg.Add(1)
		go func() {
			defer wg.Done()
			io.Copy(up, br)
			up.(*net.TCPConn).CloseWrite()
		}()
		io.Copy(c, up)
	}
	wg.Add(1)
	go func() {
		defer wg.Done()
		for {
			c, err := ln.Accept()
			if err != nil {
				return
			}
			track(c)
			wg.Add(1)
			go func() {
				defer wg.Done()
				handle(c)
			}()
		}
	}()
	l.t.Cleanup(func() {
		ln.Close()
		mu.Lock()
		for _, c := range conns {
			c.Close()
		}
		mu.Unlock()
		wg.Wait()
	})
	return p
}

func (p *connectProxy) requests() []string {
	p.mu.Lock()
	defer p.mu.Unlock()
	return append([]string(nil), p.seen...)
}

// testCA issues certificates for the lab's servers.
type testCA struct {
	cert *x509.Certificate
	key  *ecdsa.PrivateKey
	pool *x509.CertPool
}

func newTestCA(t testing.TB, name string) *testCA {
	key, err := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	if err != nil {
		t.Fatal(err)
	}
	tmpl := &x509.Certificate{
		SerialNumber:          big.NewInt(1),
		Subject:               pkix.Name{CommonName: name},
		NotBefore:             time.Now().Add(-20 * 365 * 24 * time.Hour),
		NotAfter:              time.Now().Add(20 * 365 * 24 * time.Hour),
		IsCA:                  true,
		BasicConstraintsValid: true,
		KeyUsage:              x509.KeyUsageCertSign | x509.KeyUsageDigitalSignature,
	}
	der, err := x509.CreateCertificate(rand.Reader, tmpl, tmpl, &key.PublicKey, key)
	if err != nil {
		t.Fatal(err)
	}
	cert, err := x509.ParseCertificate(der)
	if err != nil {
		t.Fatal(err)
	}
	pool := x509.NewCertPool()
	pool.AddCert(cert)
	return &testCA{cert: cert, key: key, pool: pool}
}

var certSerial struct {
	sync.Mutex
	n int64
}

func (ca *testCA) leaf(t testing.TB, names []string, notBefore, notAfter time.Time) tls.Certificate {
	key, err := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	if err != nil {
		t.Fatal(err)
	}
	certSerial.Lock()
	certSerial.n++
	sn := certSerial.n + 100
	certSerial.Unlock()
	tmpl := &x509.Certificate{
		SerialNumber: big.NewInt(sn),
		Subject:      pkix.Name{CommonName: names[0]},
		DNSNames:     names,
		NotBefore:    notBefore,
		NotAfter:     notAfter,
		KeyUsage:     x509.KeyUsageDigitalSignature,
		ExtKeyUsage:  []x509.ExtKeyUsage{x509.ExtKeyUsageServerAuth},
	}
	der, err := x509.CreateCertificate(rand.Reader, tmpl, ca.cert, &key.PublicKey, ca.key)
	if err != nil {
		t.Fatal(err)
	}
	return tls.Certificate{Certificate: [][]byte{der}, PrivateKey: key}
}

// layerStatuses renders a report's statuses in layer order, e.g. "ok ok problem ok skipped skipped ok".
func layerStatuses(rep ConnReport) string {
	s := make([]string, len(rep.Checks))
	for i, c := range rep.Checks {
		s[i] = string(c.Status)
	}
	return strings.Join(s, " ")
}

func dumpReport(rep ConnReport) string {
	var b strings.Builder
	fmt.Fprintf(&b, "status=%s outcome=%s verdict=%q in %s\n", rep.Status, rep.Outcome, rep.Verdict, rep.Duration)
	for _, c := range rep.Checks {
		fmt.Fprintf(&b, "  %-6s %-7s %-7s %q\n         detail: %s\n         next: %s\n", c.Name, c.Status, c.Outcome, c.Summary, c.Detail, c.Next)
	}
	return b.String()
}

func portString(n int) string { return strconv.Itoa(n) }
