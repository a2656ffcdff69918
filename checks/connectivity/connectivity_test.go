package connectivity

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"slices"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/unstuck-dev/unstuck/checks"
)

// A connScenario builds a lab, runs the check, and says what a shopper and support staff should see.
type connScenario struct {
	name  string
	ipv6  bool // needs an IPv6 loopback
	setup func(l *netLab) ConnOptions
	after func(t *testing.T, l *netLab, rep ConnReport) // extra assertions, optional

	outcome  string            // the layer blamed
	statuses string            // every layer's status, in layer order
	says     string            // part of the verdict the shopper reads
	summary  map[string]string // part of a layer's Summary
	detail   map[string]string // part of a layer's Detail
}

const certYear = 365 * 24 * time.Hour

func TestConnectivityScenarios(t *testing.T) {
	scenarios := []connScenario{
		{
			name: "a healthy site passes every layer",
			setup: func(l *netLab) ConnOptions {
				l.resolve(payHost, "127.0.0.1")
				l.deps.HTTPSPort = l.site(http.HandlerFunc(payPage))
				return l.opts(2*time.Second, "https://"+payHost+"/checkout")
			},
			outcome:  "ok",
			statuses: "ok ok ok ok ok ok ok",
			says:     "Your connection to the payment site is working.",
			summary:  map[string]string{"proxy": "No proxy is set", "clock": "clock is right"},
			detail: map[string]string{
				"dns":   payHost + ": 127.0.0.1 in",
				"tcp":   "IPv4 127.0.0.1:",
				"tls":   `issued by "unstuck test CA"`,
				"https": "GET https://" + payHost + "/checkout: 200 OK in",
			},
		},
		{
			name: "IPv4 and IPv6 are told apart when only IPv4 answers",
			ipv6: true,
			setup: func(l *netLab) ConnOptions {
				l.resolve(payHost, "127.0.0.1", "::1")
				l.deps.HTTPSPort = l.site(http.HandlerFunc(payPage))
				return l.opts(2*time.Second, payHost)
			},
			outcome:  "ok",
			statuses: "ok ok ok ok ok ok ok",
			says:     "working",
			after: func(t *testing.T, l *netLab, rep ConnReport) {
				port := portString(l.deps.HTTPSPort)
				tcp := rep.Checks[2].Detail
				if !strings.Contains(tcp, "IPv4 127.0.0.1:"+port+" connected in") || !strings.Contains(tcp, "IPv6 [::1]:"+port+" refused") {
					t.Errorf("tcp detail does not tell IPv4 from IPv6: %s", tcp)
				}
			},
		},
		{
			name: "a site on IPv6 only is reached over IPv6",
			ipv6: true,
			setup: func(l *netLab) ConnOptions {
				l.resolve(payHost, "::1")
				cert := l.ca.leaf(l.t, []string{payHost}, time.Now().Add(-time.Hour), time.Now().Add(certYear))
				l.deps.HTTPSPort = l.server("tcp6", &cert, http.HandlerFunc(payPage))
				return l.opts(2*time.Second, payHost)
			},
			outcome:  "ok",
			statuses: "ok ok ok ok ok ok ok",
			detail:   map[string]string{"dns": payHost + ": ::1 in", "tcp": "IPv6 [::1]:"},
		},
		{
			name: "an expired certificate is blamed on the site when the clock is right",
			setup: func(l *netLab) ConnOptions {
				l.resolve(payHost, "127.0.0.1")
				cert := l.ca.leaf(l.t, []string{payHost}, time.Now().Add(-2*certYear), time.Now().Add(-24*time.Hour))
				l.deps.HTTPSPort = l.server("tcp4", &cert, http.HandlerFunc(payPage))
				return l.opts(2*time.Second, payHost)
			},
			outcome:  "tls",
			statuses: "ok ok ok ok problem skipped ok",
			says:     "certificate has expired; this isn't a problem with your computer",
			summary:  map[string]string{"https": "Skipped because the secure connection", "clock": "clock is right"},
			detail:   map[string]string{"tls": "the certificate is valid from"},
		},
		{
			name: "a valid certificate that looks expired is blamed on a clock two years fast",
			setup: func(l *netLab) ConnOptions {
				l.resolve(payHost, "127.0.0.1")
				l.deps.HTTPSPort = l.site(http.HandlerFunc(payPage))
				l.deps.Now = func() time.Time { return time.Now().Add(2 * certYear) }
				return l.opts(2*time.Second, payHost)
			},
			outcome:  "clock",
			statuses: "ok ok ok ok problem skipped problem",
			says:     "Your computer's clock is 730 days off; secure connections can fail.",
			summary:  map[string]string{"tls": "failed because this computer's clock is wrong"},
			detail:   map[string]string{"clock": "ahead of the Date header from http://" + payHost},
		},
		{
			name: "a certificate from the future is blamed on the clock with no server time to compare",
			setup: func(l *netLab) ConnOptions {
				l.resolve(payHost, "127.0.0.1")
				l.deps.HTTPSPort = l.site(http.HandlerFunc(payPage))
				l.deps.HTTPPort = refusedPort(l.t)
				l.deps.Now = func() time.Time { return time.Now().Add(-2 * certYear) }
				return l.opts(2*time.Second, payHost)
			},
			outcome:  "clock",
			statuses: "ok ok ok ok problem skipped problem",
			summary:  map[string]string{"clock": "clock is at least 730 days behind"},
		},
		{
			name: "an expired certificate with no server time to compare is explained both ways",
			setup: func(l *netLab) ConnOptions {
				l.resolve(payHost, "127.0.0.1")
				cert := l.ca.leaf(l.t, []string{payHost}, time.Now().Add(-2*certYear), time.Now().Add(-24*time.Hour))
				l.deps.HTTPSPort = l.server("tcp4", &cert, http.HandlerFunc(payPage))
				l.deps.HTTPPort = refusedPort(l.t)
				return l.opts(2*time.Second, payHost)
			},
			outcome:  "tls",
			statuses: "ok ok ok ok problem skipped skipped",
			says:     "certificate is out of date, or this computer's clock is wrong",
			summary:  map[string]string{"portal": "No sign-in page showed up", "clock": "Skipped because no web server answered"},
		},
		{
			name: "a certificate from a trusted authority for another name is the site's mistake, not interception",
			setup: func(l *netLab) ConnOptions {
				l.resolve(payHost, "127.0.0.1")
				cert := l.ca.leaf(l.t, []string{"other.example.test"}, time.Now().Add(-time.Hour), time.Now().Add(certYear))
				l.deps.HTTPSPort = l.server("tcp4", &cert, http.HandlerFunc(payPage))
				return l.opts(2*time.Second, payHost)
			},
			outcome:  "cert_wrong_name",
			statuses: "ok ok ok ok problem skipped ok",
			says:     "The site's security certificate is for another address: the site has a problem, not your network.",
			detail: map[string]string{"tls": "wrong name: the certificate is for other.example.test, not " + payHost +
				`, issued by "unstuck test CA", which this computer trusts`},
			after: func(t *testing.T, _ *netLab, rep ConnReport) {
				if next := layerOf(rep, "tls").Next; strings.Contains(next, "network") {
					t.Errorf("the next step sends the shopper to another network: %q", next)
				}
			},
		},
		{
			name: "a certificate for another name from an authority this computer doesn't trust is interception",
			setup: func(l *netLab) ConnOptions {
				l.resolve(payHost, "127.0.0.1")
				mitm := newTestCA(l.t, "Friendly Middlebox CA")
				cert := mitm.leaf(l.t, []string{"other.example.test"}, time.Now().Add(-time.Hour), time.Now().Add(certYear))
				l.deps.HTTPSPort = l.server("tcp4", &cert, http.HandlerFunc(payPage))
				return l.opts(2*time.Second, payHost)
			},
			outcome:  "intercepted",
			statuses: "ok ok ok ok problem skipped ok",
			says:     "Something on this network is intercepting secure connections. Don't enter card details on this network.",
			detail:   map[string]string{"tls": `issued by "Friendly Middlebox CA", which this computer does not trust`},
		},
		{
			name: "a certificate from an unknown authority is explained as interception",
			setup: func(l *netLab) ConnOptions {
				l.resolve(payHost, "127.0.0.1")
				mitm := newTestCA(l.t, "Friendly Middlebox CA")
				cert := mitm.leaf(l.t, []string{payHost}, time.Now().Add(-time.Hour), time.Now().Add(certYear))
				l.deps.HTTPSPort = l.server("tcp4", &cert, http.HandlerFunc(payPage))
				return l.opts(2*time.Second, payHost)
			},
			outcome:  "intercepted",
			statuses: "ok ok ok ok problem skipped ok",
			says:     "intercepting secure connections",
			detail:   map[string]string{"tls": `unknown authority: the certificate is issued by "Friendly Middlebox CA"`},
		},
		{
			name: "a refused port is blamed on tcp and the secure layers are skipped",
			setup: func(l *netLab) ConnOptions {
				l.resolve(payHost, "127.0.0.1")
				l.deps.HTTPSPort = refusedPort(l.t)
				return l.opts(2*time.Second, payHost)
			},
			outcome:  "tcp",
			statuses: "ok ok problem ok skipped skipped ok",
			says:     "refused the connection",
			summary: map[string]string{
				"tls":   "Skipped because this computer couldn't connect",
				"https": "Skipped because this computer couldn't connect",
			},
			detail: map[string]string{"tcp": "IPv4 127.0.0.1:"},
		},
		{
			name: "a port that accepts and never answers is blamed on the secure handshake in time",
			setup: func(l *netLab) ConnOptions {
				l.resolve(payHost, "127.0.0.1")
				l.deps.HTTPSPort = holdingPort(l.t)
				return l.opts(400*time.Millisecond, payHost)
			},
			outcome:  "tls",
			statuses: "ok ok ok ok problem skipped ok",
			says:     "didn't finish in time",
			after:    withinBound(400 * time.Millisecond),
		},
		{
			name: "a slow site is reported as slow, not broken",
			setup: func(l *netLab) ConnOptions {
				l.resolve(payHost, "127.0.0.1")
				l.deps.HTTPSPort = l.site(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
					select {
					case <-time.After(150 * time.Millisecond):
					case <-r.Context().Done():
					}
					payPage(w, r)
				}))
				o := l.opts(2*time.Second, payHost)
				o.SlowAfter = 50 * time.Millisecond
				return o
			},
			outcome:  "slow",
			statuses: "ok ok ok ok ok warning ok",
			says:     "answering slowly",
			detail:   map[string]string{"https": "(slow: over 50ms)"},
		},
		{
			name: "a site answering 503 is having trouble",
			setup: func(l *netLab) ConnOptions {
				l.resolve(payHost, "127.0.0.1")
				l.deps.HTTPSPort = l.site(http.HandlerFunc(func(w http.ResponseWriter, _ *http.Request) {
					http.Error(w, "down for maintenance", http.StatusServiceUnavailable)
				}))
				return l.opts(2*time.Second, payHost)
			},
			outcome:  "https",
			statuses: "ok ok ok ok ok problem ok",
			says:     "The payment provider's site is having trouble.",
			detail:   map[string]string{"https": "503 Service Unavailable"},
		},
		{
			name: "a redirect to another site is reported and not followed",
			setup: func(l *netLab) ConnOptions {
				l.resolve(payHost, "127.0.0.1")
				l.deps.HTTPSPort = l.site(http.RedirectHandler("https://elsewhere.example.test/pay", http.StatusFound))
				return l.opts(2*time.Second, payHost)
			},
			outcome:  "ok",
			statuses: "ok ok ok ok ok ok ok",
			detail:   map[string]string{"https": "redirecting to https://elsewhere.example.test/pay on another site (not followed)"},
			after: func(t *testing.T, l *netLab, _ ConnReport) {
				if slices.Contains(l.res.asked, "elsewhere.example.test") {
					t.Errorf("the redirect target was looked up: %v", l.res.asked)
				}
			},
		},
		{
			name: "a sign-in page answering 200 is blamed when the secure port is blocked",
			setup: func(l *netLab) ConnOptions {
				l.resolve(payHost, "127.0.0.1")
				l.deps.HTTPSPort = refusedPort(l.t)
				l.deps.HTTPPort = l.server("tcp4", nil, http.HandlerFunc(func(w http.ResponseWriter, _ *http.Request) {
					io.WriteString(w, "<html><form>Room number: <input name=room></form></html>")
				}))
				return l.opts(2*time.Second, payHost)
			},
			outcome:  "portal",
			statuses: "ok ok problem problem skipped skipped ok",
			says:     "This network wants you to sign in (a hotel, café or airport Wi-Fi page): open any web page in your browser and sign in first.",
			detail:   map[string]string{"portal": "200 OK in"},
		},
		{
			name: "a sign-in page answering 511 is blamed for the intercepted secure connection",
			setup: func(l *netLab) ConnOptions {
				l.resolve(payHost, "127.0.0.1")
				l.resolve("portal.example.test", "127.0.0.1")
				mitm := newTestCA(l.t, "Hotel Wi-Fi CA")
				cert := mitm.leaf(l.t, []string{payHost}, time.Now().Add(-time.Hour), time.Now().Add(certYear))
				l.deps.HTTPSPort = l.server("tcp4", &cert, http.HandlerFunc(payPage))
				port := l.server("tcp4", nil, http.HandlerFunc(func(w http.ResponseWriter, _ *http.Request) {
					w.WriteHeader(http.StatusNetworkAuthenticationRequired)
					io.WriteString(w, "sign in at the front desk")
				}))
				o := l.opts(2*time.Second, payHost)
				o.PortalURL = "http://portal.example.test:" + portString(port) + "/generate_204"
				return o
			},
			outcome:  "portal",
			statuses: "ok ok ok problem skipped skipped ok",
			says:     "wants you to sign in",
			summary: map[string]string{
				"tls":   "Skipped because this network wants you to sign in first.",
				"https": "Skipped because this network wants you to sign in first.",
			},
			detail: map[string]string{"portal": "511 Network Authentication Required", "tls": "before signing in: "},
		},
		{
			name: "a sign-in page that redirects elsewhere is blamed",
			setup: func(l *netLab) ConnOptions {
				l.resolve(payHost, "127.0.0.1")
				cert := l.ca.leaf(l.t, []string{"login.hotel.test"}, time.Now().Add(-time.Hour), time.Now().Add(certYear))
				l.deps.HTTPSPort = l.server("tcp4", &cert, http.HandlerFunc(payPage))
				l.deps.HTTPPort = l.server("tcp4", nil, http.RedirectHandler("http://login.hotel.test/welcome", http.StatusFound))
				return l.opts(2*time.Second, payHost)
			},
			outcome:  "portal",
			statuses: "ok ok ok problem skipped skipped ok",
			detail:   map[string]string{"portal": "redirecting to http://login.hotel.test/welcome (not followed)"},
		},
		{
			name: "the payment site's own plain page is not mistaken for a sign-in page",
			setup: func(l *netLab) ConnOptions {
				l.resolve(payHost, "127.0.0.1")
				l.deps.HTTPSPort = l.site(http.HandlerFunc(payPage))
				l.deps.HTTPPort = l.server("tcp4", nil, http.HandlerFunc(payPage))
				return l.opts(2*time.Second, payHost)
			},
			outcome:  "ok",
			statuses: "ok ok ok ok ok ok ok",
			detail:   map[string]string{"portal": "from the payment site itself"},
		},
		{
			name: "the site moving a plain request to its secure page is not a sign-in page",
			setup: func(l *netLab) ConnOptions {
				l.resolve(payHost, "127.0.0.1")
				l.deps.HTTPSPort = l.site(http.HandlerFunc(payPage))
				l.deps.HTTPPort = l.server("tcp4", nil, http.RedirectHandler("https://"+payHost+"/", http.StatusMovedPermanently))
				return l.opts(2*time.Second, payHost)
			},
			outcome:  "ok",
			statuses: "ok ok ok ok ok ok ok",
			detail:   map[string]string{"portal": "moving to its own secure page https://" + payHost + "/"},
		},
		{
			name: "a proxy that isn't answering is blamed and nothing behind it runs",
			setup: func(l *netLab) ConnOptions {
				l.resolve(payHost, "127.0.0.1")
				l.deps.HTTPSPort = l.site(http.HandlerFunc(payPage))
				l.env["HTTPS_PROXY"] = "http://127.0.0.1:" + portString(refusedPort(l.t))
				return l.opts(2*time.Second, payHost)
			},
			outcome:  "proxy",
			statuses: "problem skipped skipped ok skipped skipped ok",
			says:     "A proxy setting on this computer points to a proxy that isn't answering.",
			summary: map[string]string{
				"dns": "Skipped because the proxy isn't answering.",
				"tls": "Skipped because the proxy isn't answering.",
			},
			detail: map[string]string{"proxy": "through the proxy http://127.0.0.1:"},
		},
		{
			name: "NO_PROXY sends the payment site direct past a dead proxy",
			setup: func(l *netLab) ConnOptions {
				l.resolve(payHost, "127.0.0.1")
				l.deps.HTTPSPort = l.site(http.HandlerFunc(payPage))
				l.env["https_proxy"] = "127.0.0.1:" + portString(refusedPort(l.t))
				l.env["no_proxy"] = "localhost, .example.test"
				return l.opts(2*time.Second, payHost)
			},
			outcome:  "ok",
			statuses: "ok ok ok ok ok ok ok",
			summary:  map[string]string{"proxy": "A proxy is set on this computer, but the payment site is reached directly."},
			detail:   map[string]string{"proxy": `direct: no_proxy matches ".example.test"`},
		},
		{
			name: "a working proxy is noted and the site is checked through it",
			setup: func(l *netLab) ConnOptions {
				l.resolve(payHost, "127.0.0.1")
				l.deps.HTTPSPort = l.site(http.HandlerFunc(payPage))
				p := l.connectProxy(http.StatusOK, nil)
				l.env["HTTPS_PROXY"] = "http://user:secret@127.0.0.1:" + portString(p.port)
				return l.opts(2*time.Second, "https://"+payHost+"/checkout")
			},
			outcome:  "ok",
			statuses: "warning skipped skipped ok ok ok ok",
			says:     "working, through a proxy",
			summary: map[string]string{
				"proxy": "through a proxy, which answers",
				"dns":   "the proxy looks up the payment site's address itself",
			},
			detail: map[string]string{"proxy": "tunnel opened in", "https": "200 OK"},
			after: func(t *testing.T, l *netLab, rep ConnReport) {
				if strings.Contains(rep.Checks[0].Detail, "secret") {
					t.Errorf("the proxy password is shown: %s", rep.Checks[0].Detail)
				}
			},
		},
		{
			name: "a proxy spoken to over TLS is found by name and used",
			setup: func(l *netLab) ConnOptions {
				l.resolve(payHost, "127.0.0.1")
				l.resolve("proxy.example.test", "127.0.0.1")
				l.deps.HTTPSPort = l.site(http.HandlerFunc(payPage))
				cert := l.ca.leaf(l.t, []string{"proxy.example.test"}, time.Now().Add(-time.Hour), time.Now().Add(certYear))
				p := l.connectProxy(http.StatusOK, &cert)
				l.env["HTTPS_PROXY"] = "https://proxy.example.test:" + portString(p.port)
				l.t.Cleanup(func() {
					if got, want := p.requests(), []string{"CONNECT " + payHost + ":" + portString(l.deps.HTTPSPort)}; !slices.Equal(got, want) {
						l.t.Errorf("the proxy saw %q, want %q", got, want)
					}
				})
				return l.opts(2*time.Second, payHost)
			},
			outcome:  "ok",
			statuses: "warning skipped skipped ok ok ok ok",
			detail:   map[string]string{"proxy": "through the proxy https://proxy.example.test:"},
		},
		{
			name: "a SOCKS proxy is reached but not looked past, and the flow is told",
			setup: func(l *netLab) ConnOptions {
				l.resolve(payHost, "127.0.0.1")
				l.deps.HTTPSPort = l.site(http.HandlerFunc(payPage))
				l.env["HTTPS_PROXY"] = "socks5://127.0.0.1:" + portString(holdingPort(l.t))
				return l.opts(2*time.Second, payHost)
			},
			outcome:  "proxy",
			statuses: "warning skipped skipped ok skipped skipped ok",
			says:     "can't look past it",
			summary:  map[string]string{"tls": "Skipped because this computer goes through a SOCKS proxy"},
		},
		{
			name: "a proxy that won't connect to the site is blamed",
			setup: func(l *netLab) ConnOptions {
				l.resolve(payHost, "127.0.0.1")
				l.deps.HTTPSPort = l.site(http.HandlerFunc(payPage))
				p := l.connectProxy(http.StatusForbidden, nil)
				l.env["HTTPS_PROXY"] = "http://127.0.0.1:" + portString(p.port)
				return l.opts(2*time.Second, payHost)
			},
			outcome:  "proxy",
			statuses: "problem skipped skipped ok skipped skipped ok",
			says:     "won't connect to the payment site",
			detail:   map[string]string{"proxy": "proxy answered 403 Forbidden"},
		},
		{
			name: "a resolver that fails is blamed on dns and nothing after it runs",
			setup: func(l *netLab) ConnOptions {
				l.res.err = &net.DNSError{Err: "server misbehaving", Name: payHost, IsTemporary: true}
				l.deps.HTTPSPort = refusedPort(l.t)
				return l.opts(2*time.Second, payHost)
			},
			outcome:  "dns",
			statuses: "ok problem skipped skipped skipped skipped skipped",
			says:     "couldn't look up the payment site's address",
			summary: map[string]string{
				"tcp":    "Skipped because the payment site's address couldn't be found.",
				"portal": "Skipped because the payment site's address couldn't be found.",
			},
			detail: map[string]string{"dns": "server misbehaving"},
		},
		{
			name: "a resolver that never answers is blamed on dns in time",
			setup: func(l *netLab) ConnOptions {
				l.res.hang = true
				l.deps.HTTPSPort = refusedPort(l.t)
				return l.opts(400*time.Millisecond, payHost)
			},
			outcome:  "dns",
			statuses: "ok problem skipped skipped skipped skipped skipped",
			says:     "got no answer in time",
			after:    withinBound(400 * time.Millisecond),
		},
		{
			name: "a clock ten minutes fast is blamed on the clock",
			setup: func(l *netLab) ConnOptions {
				l.resolve(payHost, "127.0.0.1")
				l.deps.HTTPSPort = l.site(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
					w.Header().Set("Date", time.Now().Add(-10*time.Minute).UTC().Format(http.TimeFormat))
					payPage(w, r)
				}))
				return l.opts(2*time.Second, payHost)
			},
			outcome:  "clock",
			statuses: "ok ok ok ok ok ok problem",
			says:     "Your computer's clock is 10 minutes off; secure connections can fail.",
			detail:   map[string]string{"clock": "ahead of the Date header from https://" + payHost},
		},
		{
			name: "a site named by its address needs no lookup",
			setup: func(l *netLab) ConnOptions {
				cert := l.ca.leaf(l.t, []string{payHost}, time.Now().Add(-time.Hour), time.Now().Add(certYear))
				port := l.server("tcp4", &cert, http.HandlerFunc(payPage))
				return l.opts(2*time.Second, "https://127.0.0.1:"+portString(port)+"/")
			},
			// the certificate names pay.example.test, not 127.0.0.1: the address was wrong, not the network
			outcome:  "cert_wrong_name",
			statuses: "ok ok ok ok problem skipped ok",
			summary:  map[string]string{"dns": "nothing to look up"},
			detail:   map[string]string{"tls": "not 127.0.0.1"},
		},
	}
	runScenarios(t, scenarios)
}

// runScenarios runs each scenario in its own lab and checks what it says it should see.
func runScenarios(t *testing.T, scenarios []connScenario) {
	t.Helper()
	v6 := hasIPv6Loopback()
	for _, sc := range scenarios {
		t.Run(sc.name, func(t *testing.T) {
			if sc.ipv6 && !v6 {
				t.Skip("this machine has no IPv6 loopback")
			}
			l := newLab(t)
			opts := sc.setup(l)
			rep, err := CheckConnectivity(context.Background(), opts)
			if err != nil {
				t.Fatalf("CheckConnectivity: %v", err)
			}
			t.Log(dumpReport(rep))
			checkReportShape(t, rep)
			if rep.Outcome != sc.outcome || layerStatuses(rep) != sc.statuses {
				t.Errorf("got outcome %s, layers %q; want %s, %q\n%s", rep.Outcome, layerStatuses(rep), sc.outcome, sc.statuses, dumpReport(rep))
			}
			if !strings.Contains(rep.Verdict, sc.says) {
				t.Errorf("verdict %q does not say %q", rep.Verdict, sc.says)
			}
			for name, want := range sc.summary {
				if got := layerOf(rep, name).Summary; !strings.Contains(got, want) {
					t.Errorf("%s summary %q does not say %q", name, got, want)
				}
			}
			for name, want := range sc.detail {
				if got := layerOf(rep, name).Detail; !strings.Contains(got, want) {
					t.Errorf("%s detail %q does not say %q", name, got, want)
				}
			}
			if sc.after != nil {
				sc.after(t, l, rep)
			}
		})
	}
}

// checkShape checks what holds for every report: one result per layer in order, each with words for
// the shopper and for support staff, a next step for each problem, and an overall status and verdict
// that agree with the layers.
func checkReportShape(t *testing.T, rep ConnReport) {
	t.Helper()
	var names []string
	for _, c := range rep.Checks {
		names = append(names, c.Name)
		if c.Summary == "" || c.Detail == "" {
			t.Errorf("%s has no summary or no detail: %+v", c.Name, c)
		}
		if c.Status == checks.StatusProblem && c.Next == "" {
			t.Errorf("%s is a problem with no next step", c.Name)
		}
		if c.Status == checks.StatusSkipped && !strings.HasPrefix(c.Summary, "Skipped because ") {
			t.Errorf("%s is skipped without saying why: %q", c.Name, c.Summary)
		}
	}
	if !slices.Equal(names, ConnectivityLayers()) {
		t.Errorf("layers %v, want %v", names, ConnectivityLayers())
	}
	if rep.Status != checks.Worst(rep.Checks) {
		t.Errorf("status %s, but the worst layer is %s", rep.Status, checks.Worst(rep.Checks))
	}
	if rep.Verdict == "" || rep.Duration <= 0 {
		t.Errorf("no verdict or no duration: %+v", rep)
	}
}

func layerOf(rep ConnReport, name string) checks.Result {
	for _, c := range rep.Checks {
		if c.Name == name {
			return c
		}
	}
	return checks.Result{}
}

// withinBound is a guard against hanging, with room for a slow machine; the benchmarks measure.
func withinBound(bound time.Duration) func(*testing.T, *netLab, ConnReport) {
	return func(t *testing.T, _ *netLab, rep ConnReport) {
		if rep.Duration > bound+time.Second {
			t.Errorf("took %s with a bound of %s", rep.Duration, bound)
		}
	}
}

func TestConnectivityRefusesToRunWithoutAUsableTarget(t *testing.T) {
	for _, tc := range []struct {
		name string
		opts ConnOptions
		want string
	}{
		{"no target at all", ConnOptions{}, "no target URL given"},
		{"a plain-http target", ConnOptions{Targets: []string{"http://pay.example.test/"}}, `scheme "http"`},
		{"a URL with no host", ConnOptions{Targets: []string{"https:///checkout"}}, "no host name"},
		{"a URL that doesn't parse", ConnOptions{Targets: []string{"https://pay.example.test:port/"}}, `target "https://pay.example.test:port/"`},
		{"a secure sign-in probe URL", ConnOptions{Targets: []string{"pay.example.test"}, PortalURL: "https://portal.example.test/"}, "must be plain http://"},
		{"too many targets", ConnOptions{Targets: strings.Fields("a.test b.test c.test d.test e.test f.test g.test h.test i.test")}, "at most 8"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			tc.opts.Deps = &NetDeps{Resolver: &fakeResolver{hang: true}, Dial: loopbackDial(t), Getenv: func(string) string { return "" }}
			_, err := CheckConnectivity(context.Background(), tc.opts)
			if err == nil || !strings.Contains(err.Error(), tc.want) {
				t.Errorf("got error %v, want one saying %q", err, tc.want)
			}
		})
	}
}

func TestParseTargetAcceptsURLsAndBareHosts(t *testing.T) {
	for _, tc := range []struct{ in, url, addr string }{
		{"pay.example.test", "https://pay.example.test/", "pay.example.test:443"},
		{"pay.example.test/checkout", "https://pay.example.test/checkout", "pay.example.test:443"},
		{"pay.example.test:8443", "https://pay.example.test:8443/", "pay.example.test:8443"},
		{"https://Pay.Example.Test./checkout?x=1", "https://Pay.Example.Test./checkout?x=1", "pay.example.test:443"},
		{"::1", "https://[::1]/", "[::1]:443"},
		{" https://[::1]:8443/pay ", "https://[::1]:8443/pay", "[::1]:8443"},
	} {
		got, err := parseTarget(tc.in, 443)
		if err != nil {
			t.Errorf("%q: %v", tc.in, err)
			continue
		}
		if got.u.String() != tc.url || got.addr != tc.addr {
			t.Errorf("%q: got %s at %s, want %s at %s", tc.in, got.u, got.addr, tc.url, tc.addr)
		}
	}
}

func TestNoProxyMatchFollowsNetHTTP(t *testing.T) {
	for _, tc := range []struct {
		noProxy, host, port string
		match               bool
	}{
		{"", "pay.example.test", "443", false},
		{"*", "pay.example.test", "443", true},
		{"example.test", "example.test", "443", true},
		{"example.test", "pay.example.test", "443", true},
		{"example.test", "badexample.test", "443", false},
		{".example.test", "example.test", "443", false},
		{".example.test", "pay.example.test", "443", true},
		{"*.example.test", "pay.example.test", "443", true},
		{"pay.example.test:8443", "pay.example.test", "443", false},
		{"pay.example.test:443", "pay.example.test", "443", true},
		{" other.test , PAY.example.test ", "pay.example.test", "443", true},
		{"10.0.0.0/8", "10.1.2.3", "443", true},
		{"10.0.0.0/8", "11.1.2.3", "443", false},
		{"192.0.2.7", "192.0.2.7", "443", true},
		{"::1", "::1", "443", true},
		{"[2001:db8::1]:443", "2001:db8::1", "443", true},
	} {
		_, got := noProxyMatch(tc.noProxy, tc.host, tc.port)
		if got != tc.match {
			t.Errorf("NO_PROXY=%q for %s:%s: got %v, want %v", tc.noProxy, tc.host, tc.port, got, tc.match)
		}
	}
}

func TestProxyRouteReadsTheEnvironmentLikeNetHTTP(t *testing.T) {
	pay, _ := parseTarget(payHost, 443)
	loop, _ := parseTarget("127.0.0.1", 443)
	for _, tc := range []struct {
		name   string
		env    map[string]string
		target connTarget
		via    string // the proxy in effect, "" for direct
		bad    bool
	}{
		{"nothing set goes direct", nil, pay, "", false},
		{"HTTPS_PROXY applies to https", map[string]string{"HTTPS_PROXY": "http://proxy.test:3128"}, pay, "http://proxy.test:3128", false},
		{"the upper-case name wins", map[string]string{"HTTPS_PROXY": "http://upper.test:1", "https_proxy": "http://lower.test:1"}, pay, "http://upper.test:1", false},
		{"lower case is read too", map[string]string{"https_proxy": "lower.test:8080"}, pay, "http://lower.test:8080", false},
		{"HTTP_PROXY alone does not apply to https", map[string]string{"HTTP_PROXY": "http://proxy.test:3128"}, pay, "", false},
		{"loopback never goes through a proxy", map[string]string{"HTTPS_PROXY": "http://proxy.test:3128"}, loop, "", false},
		{"an unknown scheme is a bad setting", map[string]string{"HTTPS_PROXY": "ftp://proxy.test"}, pay, "", true},
	} {
		t.Run(tc.name, func(t *testing.T) {
			env := readProxyEnv(func(k string) string { return tc.env[k] })
			p := env.route(tc.target)
			got := ""
			if p.via != nil {
				got = p.via.String()
			}
			if got != tc.via || (p.bad != nil) != tc.bad {
				t.Errorf("via %q bad %v, want via %q bad %v", got, p.bad, tc.via, tc.bad)
			}
		})
	}
}

func TestConnectivityStreamReportsEachLayerOnceAsItSettles(t *testing.T) {
	l := newLab(t)
	l.resolve(payHost, "127.0.0.1")
	l.deps.HTTPSPort = refusedPort(t)
	var got []checks.Result
	rep, err := CheckConnectivityStream(context.Background(), l.opts(2*time.Second, payHost), func(r checks.Result) {
		got = append(got, r)
	})
	if err != nil {
		t.Fatal(err)
	}
	if len(got) != len(rep.Checks) {
		t.Fatalf("progress called %d times for %d layers", len(got), len(rep.Checks))
	}
	for _, r := range got {
		if want := layerOf(rep, r.Name); r != want {
			t.Errorf("progress gave %s as %+v, report has %+v", r.Name, r, want)
		}
	}
	names := make([]string, len(got))
	for i, r := range got {
		names[i] = r.Name
	}
	slices.Sort(names)
	want := ConnectivityLayers()
	slices.Sort(want)
	if !slices.Equal(names, want) {
		t.Errorf("progress reported %v, want each of %v once", names, want)
	}
}

func TestConnReportJSONHasTheDocumentedKeys(t *testing.T) {
	l := newLab(t)
	l.resolve(payHost, "127.0.0.1")
	l.deps.HTTPSPort = refusedPort(t)
	rep, err := CheckConnectivity(context.Background(), l.opts(2*time.Second, payHost))
	if err != nil {
		t.Fatal(err)
	}
	b, err := json.Marshal(rep)
	if err != nil {
		t.Fatal(err)
	}
	var got struct {
		Status     string           `json:"status"`
		Outcome    string           `json:"outcome"`
		Verdict    string           `json:"verdict"`
		DurationMS *float64         `json:"duration_ms"`
		Checks     []map[string]any `json:"checks"`
	}
	if err := json.Unmarshal(b, &got); err != nil {
		t.Fatal(err)
	}
	if got.Status != "problem" || got.Outcome != "tcp" || got.Verdict == "" || got.DurationMS == nil || len(got.Checks) != 7 {
		t.Fatalf("unexpected JSON: %s", b)
	}
	for _, c := range got.Checks {
		for _, k := range []string{"name", "status", "outcome", "summary", "detail", "duration_ms"} {
			if _, ok := c[k]; !ok {
				t.Errorf("check %v has no %q", c["name"], k)
			}
		}
	}
}

func TestConnectivityStopsWhenTheCallerCancels(t *testing.T) {
	l := newLab(t)
	l.res.hang = true
	ctx, cancel := context.WithCancel(context.Background())
	time.AfterFunc(20*time.Millisecond, cancel)
	rep, err := CheckConnectivity(ctx, l.opts(5*time.Second, payHost))
	if !errors.Is(err, context.Canceled) {
		t.Fatalf("got error %v, want context.Canceled", err)
	}
	if rep.Duration > time.Second {
		t.Errorf("took %s to notice the cancellation", rep.Duration)
	}
	if got := layerOf(rep, "tcp").Summary; got != skipInterrupted {
		t.Errorf("tcp summary %q, want %q", got, skipInterrupted)
	}
}

func TestConnectivityReturnsOnTimeWhenTheDialerIgnoresItsDeadline(t *testing.T) {
	l := newLab(t)
	l.resolve(payHost, "127.0.0.1")
	l.deps.HTTPSPort = 443
	release := make(chan struct{})
	t.Cleanup(func() { close(release) }) // runs before the leak check: it was registered later
	var dials atomic.Int32
	l.deps.Dial = func(context.Context, string, string) (net.Conn, error) {
		dials.Add(1)
		<-release
		return nil, errors.New("released")
	}
	rep, err := CheckConnectivity(context.Background(), l.opts(300*time.Millisecond, payHost))
	if err != nil {
		t.Fatal(err)
	}
	if rep.Outcome != "tcp" || dials.Load() == 0 {
		t.Errorf("got outcome %s after %d dials\n%s", rep.Outcome, dials.Load(), dumpReport(rep))
	}
	if rep.Duration > 300*time.Millisecond+time.Second {
		t.Errorf("took %s with a bound of 300ms", rep.Duration)
	}
}

func TestConnectivityCheckIsRegisteredForFlows(t *testing.T) {
	spec, ok := checks.Lookup("connectivity")
	if !ok {
		t.Fatal("no check called connectivity")
	}
	if !spec.Network {
		t.Error("the connectivity check reaches the network but does not say so")
	}
	if !spec.HasParam("urls") || !spec.HasParam("timeout") {
		t.Errorf("params %+v, want urls and timeout", spec.Params)
	}
	for _, o := range []string{"ok", "proxy", "dns", "no_such_site", "site_dns", "no_resolver", "tcp", "portal", "tls",
		"intercepted", "cert_wrong_name", "outdated_tls", "https", "clock", "slow", "skipped"} {
		if !spec.HasOutcome(o) {
			t.Errorf("outcome %q is not declared", o)
		}
	}
	if !slices.Equal(spec.Parts, ConnectivityLayers()) {
		t.Errorf("parts %v, want the layers %v, so a front end shows a row for each", spec.Parts, ConnectivityLayers())
	}

	t.Run("a refused site comes back as one tcp result", func(t *testing.T) {
		l := newLab(t)
		l.resolve(payHost, "127.0.0.1")
		l.resolve("api.example.test", "127.0.0.1")
		l.deps.HTTPSPort = refusedPort(t)
		res := spec.Run(context.Background(), checks.Input{
			Params: map[string]string{"urls": "https://" + payHost + "/, api.example.test", "timeout": "2s"},
			Deps:   []any{&l.deps},
		})
		if res.Name != "connectivity" || res.Status != checks.StatusProblem || res.Outcome != "tcp" {
			t.Fatalf("got %+v", res)
		}
		if !strings.HasPrefix(res.Detail, "tcp: "+payHost+": IPv4 127.0.0.1:") || !strings.Contains(res.Detail, "api.example.test: IPv4") {
			t.Errorf("detail %q does not name the failing layer and both hosts", res.Detail)
		}
		if !strings.Contains(res.Summary, "refused") || res.Next == "" {
			t.Errorf("summary %q next %q", res.Summary, res.Next)
		}
		if !spec.HasOutcome(res.Outcome) {
			t.Errorf("outcome %q is not declared", res.Outcome)
		}
	})
	t.Run("a healthy site comes back ok", func(t *testing.T) {
		l := newLab(t)
		l.resolve(payHost, "127.0.0.1")
		l.deps.HTTPSPort = l.site(http.HandlerFunc(payPage))
		res := spec.Run(context.Background(), checks.Input{Params: map[string]string{"urls": payHost}, Deps: []any{&l.deps}})
		if res.Status != checks.StatusOK || res.Outcome != "ok" || !strings.HasPrefix(res.Detail, "every layer") {
			t.Errorf("got %+v", res)
		}
	})
	for _, tc := range []struct{ name, urls, timeout, detail string }{
		{"no address is skipped", "", "", "urls: no payment site address"},
		{"a bad timeout is skipped", payHost, "soon", `timeout: "soon"`},
		{"a shop's name that is no address is skipped", "Example Shoes", "", "urls: no payment site address"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			res := spec.Run(context.Background(), checks.Input{
				Params: map[string]string{"urls": tc.urls, "timeout": tc.timeout},
				Deps:   []any{&NetDeps{Resolver: &fakeResolver{hang: true}, Dial: loopbackDial(t), Getenv: func(string) string { return "" }}},
			})
			if res.Status != checks.StatusSkipped || res.Outcome != "skipped" || !strings.Contains(res.Detail, tc.detail) {
				t.Errorf("got %+v, want skipped with detail %q", res, tc.detail)
			}
		})
	}
}

func TestSiteAddressesKeepOnlyWhatLooksLikeAnAddress(t *testing.T) {
	for _, tc := range []struct {
		name, in string
		want     []string
	}{
		{"a shop's name alone is not probed", "Example Shoes", nil},
		{"a host name in an answer is kept", "Example Shoes, shoes.example.com.", []string{"shoes.example.com"}},
		{"URLs are kept, plain http made https", "https://pay.example.com/x http://shop.example.org", []string{"https://pay.example.com/x", "https://shop.example.org"}},
		{"an e-mail address is not a site", "me@example.com", nil},
		{"empty gives nothing", "  ", nil},
	} {
		t.Run(tc.name, func(t *testing.T) {
			got := siteAddresses(tc.in)
			if fmt.Sprint(got) != fmt.Sprint(tc.want) {
				t.Errorf("siteAddresses(%q) = %q, want %q", tc.in, got, tc.want)
			}
		})
	}
}
