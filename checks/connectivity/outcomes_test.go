package connectivity

import (
	"context"
	"crypto/tls"
	"io"
	"net/http"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/unstuck-dev/unstuck/checks"
)

const (
	typoHost    = "shop.example.invalid"
	controlHost = "control.example.test"
)

// withNameServer points the lab at a name server of its own on loopback, asked through Go's own
// resolver (the one a shopper's computer uses), with the control name resolving.
func (l *netLab) withNameServer() *dnsServer {
	s := newDNSServer(l.t)
	s.set(controlHost, dnsAddress, "127.0.0.1")
	l.deps.Resolver = s.resolver()
	return s
}

// A failed lookup has four causes, each with its own fix: the name doesn't exist (a typo: check the
// address), the name server answers nothing (the network's lookup is broken: fix the connection),
// no name server is set up at all, or the lookup fails for this name only (the site's side).
func TestLookupFailuresAreToldApart(t *testing.T) {
	dnsDown := "ok problem skipped skipped skipped skipped skipped"
	runScenarios(t, []connScenario{
		{
			name: "a name that doesn't exist, while other names resolve, is no such site",
			setup: func(l *netLab) ConnOptions {
				l.withNameServer()
				o := l.opts(2*time.Second, "https://"+typoHost+"/")
				o.ControlHost = controlHost
				return o
			},
			outcome:  "no_such_site",
			statuses: dnsDown,
			says:     "There is no site called " + typoHost + ": check the address.",
			detail:   map[string]string{"dns": typoHost + ": lookup failed after", "tcp": "not connected"},
			after: func(t *testing.T, _ *netLab, rep ConnReport) {
				dns := layerOf(rep, "dns")
				if !strings.Contains(dns.Detail, controlHost+", looked up the same way for comparison, resolves (127.0.0.1") {
					t.Errorf("dns detail does not show the comparison: %s", dns.Detail)
				}
				if dns.Next != nextNoSuchSite || strings.Contains(dns.Next, "router") {
					t.Errorf("next step %q, want the address checked", dns.Next)
				}
			},
		},
		{
			name: "a name server that says no name exists, not even the control, is the network's broken lookup",
			setup: func(l *netLab) ConnOptions {
				s := l.withNameServer()
				s.set(controlHost, dnsNXDomain)
				o := l.opts(2*time.Second, typoHost)
				o.ControlHost = controlHost
				return o
			},
			outcome:  "dns",
			statuses: dnsDown,
			says:     "says no site exists, even for names that do",
			detail:   map[string]string{"dns": controlHost + ", looked up the same way for comparison, fails too"},
		},
		{
			name: "a name server that fails every name is the network's broken lookup",
			setup: func(l *netLab) ConnOptions {
				s := l.withNameServer()
				s.setFallback(dnsServFail)
				s.set(controlHost, dnsServFail)
				o := l.opts(2*time.Second, payHost)
				o.ControlHost = controlHost
				return o
			},
			outcome:  "dns",
			statuses: dnsDown,
			says:     "this network's address lookup isn't working",
			detail:   map[string]string{"dns": "server misbehaving"},
		},
		{
			name: "a name server that never answers is the network's broken lookup, reported in time",
			setup: func(l *netLab) ConnOptions {
				s := l.withNameServer()
				s.setFallback(dnsSilent)
				s.set(controlHost, dnsSilent)
				o := l.opts(600*time.Millisecond, payHost)
				o.ControlHost = controlHost
				return o
			},
			outcome:  "dns",
			statuses: dnsDown,
			says:     "got no answer in time",
			after:    withinBound(600 * time.Millisecond),
		},
		{
			name: "a name that fails while other names resolve is the site's lookup, not the network's",
			setup: func(l *netLab) ConnOptions {
				s := l.withNameServer()
				s.set(payHost, dnsServFail)
				o := l.opts(2*time.Second, payHost)
				o.ControlHost = controlHost
				return o
			},
			outcome:  "site_dns",
			statuses: dnsDown,
			says:     "Other sites can be found, but this site's address can't be looked up right now.",
			detail:   map[string]string{"dns": "resolves (127.0.0.1"},
		},
		{
			name: "a name that gets no answer while other names resolve is the site's lookup, reported in time",
			setup: func(l *netLab) ConnOptions {
				s := l.withNameServer()
				s.set(payHost, dnsSilent)
				o := l.opts(600*time.Millisecond, payHost)
				o.ControlHost = controlHost
				return o
			},
			outcome:  "site_dns",
			statuses: dnsDown,
			after:    withinBound(600 * time.Millisecond),
		},
		{
			name: "a computer with no name server set up is told so",
			setup: func(l *netLab) ConnOptions {
				l.deps.Resolver = udpResolver(refusedUDP(l.t))
				l.deps.Nameservers = func() ([]string, bool) { return nil, true }
				return l.opts(2*time.Second, payHost)
			},
			outcome:  "no_resolver",
			statuses: dnsDown,
			says:     "no address lookup (DNS) server set up",
			detail:   map[string]string{"dns": "no name server is set up in /etc/resolv.conf"},
		},
		{
			name: "a name server that is set up but not there is the network's broken lookup",
			setup: func(l *netLab) ConnOptions {
				l.deps.Resolver = udpResolver(refusedUDP(l.t))
				l.deps.Nameservers = func() ([]string, bool) { return []string{"127.0.0.1"}, true }
				o := l.opts(2*time.Second, payHost)
				o.ControlHost = controlHost
				return o
			},
			outcome:  "dns",
			statuses: dnsDown,
			says:     "this network's address lookup isn't working",
			detail:   map[string]string{"dns": "refused"},
		},
		{
			name: "a healthy lookup asks for no control name",
			setup: func(l *netLab) ConnOptions {
				s := l.withNameServer()
				s.set(payHost, dnsAddress, "127.0.0.1")
				l.deps.HTTPSPort = l.site(http.HandlerFunc(payPage))
				l.t.Cleanup(func() {
					if q := s.questions(); slices.Contains(q, controlHost) || !slices.Contains(q, payHost) {
						l.t.Errorf("the name server was asked %q; want %s and not %s", q, payHost, controlHost)
					}
				})
				o := l.opts(2*time.Second, payHost)
				o.ControlHost = controlHost
				return o
			},
			outcome:  "ok",
			statuses: "ok ok ok ok ok ok ok",
		},
	})
}

func TestParseNameserversReadsResolvConf(t *testing.T) {
	for _, tc := range []struct{ name, conf, want string }{
		{"nameserver lines are read", "# comment\nsearch corp.test\nnameserver 10.0.0.1\nnameserver ::1\noptions ndots:2\n", "10.0.0.1 ::1"},
		{"a file with none lists none", "search corp.test\n", ""},
		{"an empty file lists none", "", ""},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if got := strings.Join(parseNameservers([]byte(tc.conf)), " "); got != tc.want {
				t.Errorf("got %q, want %q", got, tc.want)
			}
		})
	}
}

// A site stuck on an old TLS version is the site's to fix: trying again, or another network, won't
// help. Go's client accepts TLS 1.2 and newer.
func TestAnOutdatedTLSVersionIsTheSitesProblem(t *testing.T) {
	var scenarios []connScenario
	for _, v := range []uint16{tls.VersionTLS10, tls.VersionTLS11} {
		scenarios = append(scenarios, connScenario{
			name: "a site that speaks only " + tls.VersionName(v) + " uses an outdated, unsafe version",
			setup: func(l *netLab) ConnOptions {
				l.resolve(payHost, "127.0.0.1")
				l.deps.HTTPSPort = l.oldTLSServer(v)
				mustSpeak(l.t, l.deps.HTTPSPort, l.ca, v)
				return l.opts(2*time.Second, payHost)
			},
			outcome:  "outdated_tls",
			statuses: "ok ok ok ok problem skipped ok",
			says:     "outdated, unsafe security version",
			detail:   map[string]string{"tls": "the site refused every TLS version this computer offers, older than TLS 1.2"},
			after:    nextIsNotTryAgain,
		})
	}
	scenarios = append(scenarios, connScenario{
		name: "an old site that picks TLS 1.0 itself uses an outdated, unsafe version",
		setup: func(l *netLab) ConnOptions {
			l.resolve(payHost, "127.0.0.1")
			l.deps.HTTPSPort = l.oldHelloServer(tls.VersionTLS10)
			return l.opts(2*time.Second, payHost)
		},
		outcome:  "outdated_tls",
		statuses: "ok ok ok ok problem skipped ok",
		says:     "Trying again won't help.",
		detail:   map[string]string{"tls": "the site offered only TLS 1.0, older than TLS 1.2"},
		after:    nextIsNotTryAgain,
	})
	runScenarios(t, scenarios)
}

func nextIsNotTryAgain(t *testing.T, _ *netLab, rep ConnReport) {
	if next := layerOf(rep, "tls").Next; next == nextTryLater || !strings.Contains(next, "won't help") {
		t.Errorf("next step %q, want one that says trying again won't help", next)
	}
}

// mustSpeak proves the lab's old server really speaks version, to a client that still accepts it,
// so the scenario's failure is about the version and nothing else.
func mustSpeak(t testing.TB, port int, ca *testCA, version uint16) {
	t.Helper()
	c, err := tls.Dial("tcp4", "127.0.0.1:"+portString(port), &tls.Config{
		ServerName: payHost, RootCAs: ca.pool, MinVersion: tls.VersionTLS10, MaxVersion: tls.VersionTLS13,
	})
	if err != nil {
		t.Fatalf("lab: the old server doesn't speak %s: %v", tls.VersionName(version), err)
	}
	defer c.Close()
	if got := c.ConnectionState().Version; got != version {
		t.Fatalf("lab: the old server speaks %s, want %s", tls.VersionName(got), tls.VersionName(version))
	}
}

// Every outcome the check declares, with a server that produces it. A new outcome without a row
// here fails, so each has at least one way to be reached on loopback.
func TestEveryOutcomeHasAServerThatProducesIt(t *testing.T) {
	spec, ok := checks.Lookup("connectivity")
	if !ok {
		t.Fatal("no check called connectivity")
	}
	rows := []struct {
		outcome, server string
		params          func(l *netLab) map[string]string
	}{
		{"ok", "a healthy site", func(l *netLab) map[string]string {
			l.resolve(payHost, "127.0.0.1")
			l.deps.HTTPSPort = l.site(http.HandlerFunc(payPage))
			return map[string]string{"urls": payHost}
		}},
		{"proxy", "a proxy setting pointing at a closed port", func(l *netLab) map[string]string {
			l.resolve(payHost, "127.0.0.1")
			l.env["HTTPS_PROXY"] = "http://127.0.0.1:" + portString(refusedPort(l.t))
			return map[string]string{"urls": payHost}
		}},
		{"dns", "a name server that never answers", func(l *netLab) map[string]string {
			s := l.withNameServer()
			s.setFallback(dnsSilent)
			s.set(controlHost, dnsSilent)
			return map[string]string{"urls": payHost, "control": controlHost, "timeout": "600ms"}
		}},
		{"no_such_site", "a name server answering NXDOMAIN for the site, the control resolving", func(l *netLab) map[string]string {
			l.withNameServer()
			return map[string]string{"urls": "https://" + typoHost + "/", "control": controlHost}
		}},
		{"site_dns", "a name server answering SERVFAIL for the site, the control resolving", func(l *netLab) map[string]string {
			l.withNameServer().set(payHost, dnsServFail)
			return map[string]string{"urls": payHost, "control": controlHost}
		}},
		{"no_resolver", "no name server set up, and none on 127.0.0.1", func(l *netLab) map[string]string {
			l.deps.Resolver = udpResolver(refusedUDP(l.t))
			l.deps.Nameservers = func() ([]string, bool) { return nil, true }
			return map[string]string{"urls": payHost}
		}},
		{"tcp", "a closed port", func(l *netLab) map[string]string {
			l.resolve(payHost, "127.0.0.1")
			l.deps.HTTPSPort = refusedPort(l.t)
			return map[string]string{"urls": payHost}
		}},
		{"portal", "a sign-in page on plain http, the secure port blocked", func(l *netLab) map[string]string {
			l.resolve(payHost, "127.0.0.1")
			l.deps.HTTPSPort = refusedPort(l.t)
			l.deps.HTTPPort = l.server("tcp4", nil, http.HandlerFunc(func(w http.ResponseWriter, _ *http.Request) {
				io.WriteString(w, "<html><form>Room number: <input name=room></form></html>")
			}))
			return map[string]string{"urls": payHost}
		}},
		{"tls", "an expired certificate, the clock right", func(l *netLab) map[string]string {
			l.resolve(payHost, "127.0.0.1")
			cert := l.ca.leaf(l.t, []string{payHost}, time.Now().Add(-2*certYear), time.Now().Add(-24*time.Hour))
			l.deps.HTTPSPort = l.server("tcp4", &cert, http.HandlerFunc(payPage))
			return map[string]string{"urls": payHost}
		}},
		{"intercepted", "a certificate from an authority this computer doesn't trust", func(l *netLab) map[string]string {
			l.resolve(payHost, "127.0.0.1")
			cert := newTestCA(l.t, "Middlebox CA").leaf(l.t, []string{payHost}, time.Now().Add(-time.Hour), time.Now().Add(certYear))
			l.deps.HTTPSPort = l.server("tcp4", &cert, http.HandlerFunc(payPage))
			return map[string]string{"urls": payHost}
		}},
		{"cert_wrong_name", "a certificate from a trusted authority for another name", func(l *netLab) map[string]string {
			l.resolve(payHost, "127.0.0.1")
			cert := l.ca.leaf(l.t, []string{"other.example.test"}, time.Now().Add(-time.Hour), time.Now().Add(certYear))
			l.deps.HTTPSPort = l.server("tcp4", &cert, http.HandlerFunc(payPage))
			return map[string]string{"urls": payHost}
		}},
		{"outdated_tls", "a server that speaks only TLS 1.1", func(l *netLab) map[string]string {
			l.resolve(payHost, "127.0.0.1")
			l.deps.HTTPSPort = l.oldTLSServer(tls.VersionTLS11)
			return map[string]string{"urls": payHost}
		}},
		{"https", "a site answering 503", func(l *netLab) map[string]string {
			l.resolve(payHost, "127.0.0.1")
			l.deps.HTTPSPort = l.site(http.HandlerFunc(func(w http.ResponseWriter, _ *http.Request) {
				http.Error(w, "down for maintenance", http.StatusServiceUnavailable)
			}))
			return map[string]string{"urls": payHost}
		}},
		{"clock", "a site whose Date is ten minutes behind this computer's clock", func(l *netLab) map[string]string {
			l.resolve(payHost, "127.0.0.1")
			l.deps.HTTPSPort = l.site(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
				w.Header().Set("Date", time.Now().Add(-10*time.Minute).UTC().Format(http.TimeFormat))
				payPage(w, r)
			}))
			return map[string]string{"urls": payHost}
		}},
		{"slow", "a site that answers after more than a second", func(l *netLab) map[string]string {
			l.resolve(payHost, "127.0.0.1")
			l.deps.HTTPSPort = l.site(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
				select {
				case <-time.After(defaultSlowAfter + 100*time.Millisecond):
				case <-r.Context().Done():
				}
				payPage(w, r)
			}))
			return map[string]string{"urls": payHost, "timeout": "4s"}
		}},
		{"skipped", "no server at all: the flow gave no address", func(*netLab) map[string]string {
			return map[string]string{"urls": "Example Shoes"}
		}},
	}
	var covered []string
	for _, row := range rows {
		covered = append(covered, row.outcome)
		t.Run(row.outcome+" comes from "+row.server, func(t *testing.T) {
			l := newLab(t)
			params := row.params(l)
			if params["timeout"] == "" {
				params["timeout"] = "2s"
			}
			res := spec.Run(context.Background(), checks.Input{Params: params, Deps: []any{&l.deps}})
			if res.Outcome != row.outcome {
				t.Fatalf("got outcome %q, want %q: %+v", res.Outcome, row.outcome, res)
			}
			text := spec.Texts[res.Outcome]
			if text.Summary == "" || res.Summary == "" || res.Detail == "" {
				t.Errorf("outcome %q without words: text %+v, result %+v", res.Outcome, text, res)
			}
			if res.Status == checks.StatusProblem && res.Next == "" {
				t.Errorf("a problem with no next step: %+v", res)
			}
		})
	}
	slices.Sort(covered)
	declared := slices.Clone(spec.Outcomes)
	slices.Sort(declared)
	if !slices.Equal(covered, declared) {
		t.Errorf("the rows cover %v; the check declares %v", covered, declared)
	}
}
