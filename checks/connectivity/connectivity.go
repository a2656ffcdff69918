package connectivity

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"net"
	"net/url"
	"slices"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/unstuck-dev/unstuck/checks"
)

// The layers of the connectivity check, in the order they are reported. Each name is also the
// Outcome a flow sees when that layer is to blame, plus "slow" for a site that answers late.
const (
	layerProxy  = "proxy"
	layerDNS    = "dns"
	layerTCP    = "tcp"
	layerPortal = "portal"
	layerTLS    = "tls"
	layerHTTPS  = "https"
	layerClock  = "clock"

	connOK      = "ok"
	connSlow    = "slow"
	connSkipped = "skipped"
	// connIntercepted is the tls layer's outcome when the certificate shows something in the middle
	// (an authority this computer does not trust, not TLS at all): a flow warns the shopper off that
	// network.
	connIntercepted = "intercepted"

	// The dns layer tells apart why a name wasn't found, since each has its own fix. layerDNS itself
	// stays the outcome for a lookup that is broken on this network (no answer, or no answer for
	// names that do exist).
	dnsNoSuchSite = "no_such_site" // the name does not exist (NXDOMAIN) while other names resolve: a typo
	dnsSiteOnly   = "site_dns"     // other names resolve, this one fails (not "no such name"): the site's side
	dnsNoResolver = "no_resolver"  // this computer has no name server set up at all

	// The tls layer's outcomes that are the site's doing, not the network's.
	tlsWrongName = "cert_wrong_name" // a certificate from a trusted authority, for another name
	tlsOutdated  = "outdated_tls"    // the site speaks only a TLS version this computer refuses
)

var connLayers = []string{layerProxy, layerDNS, layerTCP, layerPortal, layerTLS, layerHTTPS, layerClock}

// blameOrder is the order in which failing layers are blamed when several fail. It is the layer order
// except that a sign-in page comes before tcp: a network that holds you at a sign-in page often
// blocks the secure port until you sign in, and "sign in" is the step that fixes both.
var blameOrder = []string{layerProxy, layerDNS, layerPortal, layerTCP, layerTLS, layerHTTPS, layerClock}

const (
	// DefaultControlHost is the name looked up, only when a site's own lookup fails, to learn whether
	// the lookup works for other names: example.com is reserved for this kind of use (RFC 2606) and
	// always resolves.
	DefaultControlHost = "example.com"

	defaultConnTimeout = 5 * time.Second
	defaultSlowAfter   = time.Second
	clockTolerance     = 5 * time.Minute
	maxTargets         = 8
	maxAddrsPerFamily  = 4
	userAgent          = "unstuck-connectivity-check"
)

// ConnectivityLayers returns the names of the layers in the order CheckConnectivity reports them,
// so a UI can draw a pending row for each before any result arrives.
func ConnectivityLayers() []string { return slices.Clone(connLayers) }

// ConnOptions says what CheckConnectivity probes and how long it may take.
type ConnOptions struct {
	// Targets are the payment site's addresses: https URLs (https://host[:port]/path) or bare host
	// names, from the flow's provider settings or --url flags. Nothing else is ever connected to
	// (the only other name looked up is ControlHost, and only after a lookup fails).
	Targets []string

	// PortalURL is the plain-http URL probed for a sign-in page (captive portal). Empty means
	// http://<first target's host>/ (on NetDeps.HTTPPort): a host the user or flow already named, so
	// nothing unnamed is probed. The probe goes direct, never through a proxy, since a sign-in page
	// catches direct traffic; an answer from the payment site itself (its certificate checked out) is
	// not taken for a sign-in page, nor is its move to its own https page.
	PortalURL string

	// ControlHost is a name that should resolve, looked up through the same resolver only when a
	// target's lookup fails, to tell a name that doesn't exist (or that only fails itself) from a
	// lookup that is broken for every name. Empty means DefaultControlHost.
	ControlHost string

	Timeout   time.Duration // bound on the whole run; zero means 5s
	SlowAfter time.Duration // a site answering later than this is slow; zero means 1s
	Deps      *NetDeps      // nil means the real network
}

// ConnReport is the outcome of a connectivity check: one Result per layer and a verdict.
type ConnReport struct {
	Status checks.Status // the worst status among the layers
	// Outcome is "ok", or the key of the layer to blame: proxy, dns, tcp, portal, tls, https, clock,
	// slow; or a finer outcome of a layer: no_such_site, site_dns, no_resolver (dns), intercepted,
	// cert_wrong_name, outdated_tls (tls).
	Outcome  string
	Verdict  string          // one plain sentence for the shopper
	Checks   []checks.Result // one per layer, in the order of ConnectivityLayers
	Duration time.Duration
}

// MarshalJSON writes the report with lower-case keys and durations in milliseconds.
func (r ConnReport) MarshalJSON() ([]byte, error) {
	layers := r.Checks
	if layers == nil {
		layers = []checks.Result{}
	}
	return json.Marshal(struct {
		Status     checks.Status   `json:"status"`
		Outcome    string          `json:"outcome"`
		Verdict    string          `json:"verdict"`
		DurationMS float64         `json:"duration_ms"`
		Checks     []checks.Result `json:"checks"`
	}{r.Status, r.Outcome, r.Verdict, float64(r.Duration.Microseconds()) / 1000, layers})
}

// CheckConnectivity works out, layer by layer, why the payment site can't be reached. It returns an
// error only when it cannot run at all (no target, a malformed URL) or when ctx is cancelled by the
// caller; in that last case the report holds what was found so far.
func CheckConnectivity(ctx context.Context, opts ConnOptions) (ConnReport, error) {
	return CheckConnectivityStream(ctx, opts, nil)
}

// CheckConnectivityStream is CheckConnectivity that also calls progress with each layer's Result as
// soon as that layer is settled, so a UI can turn a spinner into a mark. Layers may settle out of
// order (the sign-in page probe runs beside the others). progress is called once per layer, from the
// calling goroutine, and never after CheckConnectivityStream returns.
func CheckConnectivityStream(ctx context.Context, opts ConnOptions, progress func(checks.Result)) (ConnReport, error) {
	started := time.Now()
	r, err := newConnRun(ctx, opts)
	if err != nil {
		return ConnReport{}, err
	}
	defer r.cancel()

	r.start()
	results := make(map[string]checks.Result, len(connLayers))
	emit := func(final bool) {
		for _, layer := range connLayers {
			if _, done := results[layer]; done {
				continue
			}
			var res checks.Result
			switch {
			case r.ready(layer):
				res = r.layerResult(layer)
			case final:
				res = r.unfinished(layer)
			default:
				continue
			}
			results[layer] = res
			if progress != nil {
				progress(res)
			}
		}
	}

	// Every probe honours r.ctx, so all notes arrive by its deadline. The timer is a backstop against
	// an injected dialer or resolver that ignores its context: the report still comes back on time.
	backstop := time.NewTimer(time.Until(r.deadline) + 50*time.Millisecond)
	defer backstop.Stop()
collect:
	for pending := r.expectedNotes(); pending > 0; pending-- {
		select {
		case layer := <-r.notes:
			r.done[layer]++
			emit(false)
		case <-backstop.C:
			break collect // unsettled layers are reported as out of time
		}
	}
	emit(true)

	rep := ConnReport{Duration: time.Since(started)}
	for _, layer := range connLayers {
		rep.Checks = append(rep.Checks, results[layer])
	}
	rep.Status = checks.Worst(rep.Checks)
	rep.Outcome, rep.Verdict = connVerdict(rep.Checks)
	if err := ctx.Err(); err != nil {
		return rep, fmt.Errorf("connectivity: %w", err)
	}
	return rep, nil
}

// connTarget is one payment-site URL to probe.
type connTarget struct {
	u    *url.URL
	host string // lower case, no brackets
	port string // the port to connect to
	addr string // host:port
	ip   net.IP // set when host is an address literal
}

func parseTarget(raw string, defaultPort int) (connTarget, error) {
	s := strings.TrimSpace(raw)
	if s == "" {
		return connTarget{}, errors.New("empty URL")
	}
	if ip := net.ParseIP(s); ip != nil && ip.To4() == nil {
		s = "[" + s + "]" // a bare IPv6 address
	}
	if !strings.Contains(s, "://") {
		s = "https://" + s
	}
	u, err := url.Parse(s)
	if err != nil {
		return connTarget{}, err
	}
	if u.Scheme != "https" {
		return connTarget{}, fmt.Errorf("scheme %q: payment pages are probed over https; give an https:// URL or a bare host name", u.Scheme)
	}
	return newTarget(u, defaultPort)
}

func newTarget(u *url.URL, defaultPort int) (connTarget, error) {
	host := strings.ToLower(strings.TrimSuffix(u.Hostname(), "."))
	if host == "" {
		return connTarget{}, errors.New("no host name")
	}
	port := u.Port()
	if port == "" {
		port = strconv.Itoa(defaultPort)
	}
	if n, err := strconv.Atoi(port); err != nil || n < 1 || n > 65535 {
		return connTarget{}, fmt.Errorf("port %q is not a port number", port)
	}
	if u.Path == "" {
		u.Path = "/"
	}
	t := connTarget{u: u, host: host, port: port, addr: net.JoinHostPort(host, port)}
	if ip := net.ParseIP(host); ip != nil {
		t.ip = ip
	}
	return t, nil
}

// connRun is the state of one run. Each probe record is written by exactly one goroutine, which then
// sends the layer's name on notes; the collector reads a record only after counting its note.
type connRun struct {
	ctx       context.Context // the overall bound
	cancel    context.CancelFunc
	deadline  time.Time
	timeout   time.Duration
	slowAfter time.Duration
	deps      NetDeps
	env       proxyEnv

	targets []*targetRun
	portal  *portalRun

	dnsCtx  context.Context // every name lookup shares the DNS layer's deadline; a child of ctx
	mu      sync.Mutex
	lookups map[string]*nameLookup

	controlHost string
	controlOnce sync.Once
	control     *nameLookup // started by the first failed lookup of a target, else nil

	notes chan string
	done  map[string]int // notes counted per layer, by the collector only
}

type targetRun struct {
	connTarget
	proxy proxyProbe
	dns   dnsProbe
	tcp   tcpProbe
	tls   tlsProbe
	https httpsProbe
}

func newConnRun(ctx context.Context, opts ConnOptions) (*connRun, error) {
	deps := opts.Deps.withDefaults()
	if len(opts.Targets) == 0 {
		return nil, errors.New("connectivity: no target URL given")
	}
	r := &connRun{
		timeout:     opts.Timeout,
		slowAfter:   opts.SlowAfter,
		controlHost: strings.ToLower(strings.TrimSuffix(strings.TrimSpace(opts.ControlHost), ".")),
		deps:        deps,
		env:         readProxyEnv(deps.Getenv),
		lookups:     map[string]*nameLookup{},
		done:        map[string]int{},
	}
	if r.timeout <= 0 {
		r.timeout = defaultConnTimeout
	}
	if r.slowAfter <= 0 {
		r.slowAfter = defaultSlowAfter
	}
	if r.controlHost == "" {
		r.controlHost = DefaultControlHost
	}
	seen := map[string]bool{}
	for _, raw := range opts.Targets {
		t, err := parseTarget(raw, deps.HTTPSPort)
		if err != nil {
			return nil, fmt.Errorf("connectivity: target %q: %w", raw, err)
		}
		if key := t.u.String(); !seen[key] {
			seen[key] = true
			r.targets = append(r.targets, &targetRun{connTarget: t})
		}
	}
	if len(r.targets) > maxTargets {
		return nil, fmt.Errorf("connectivity: %d targets given; at most %d", len(r.targets), maxTargets)
	}
	p, err := newPortalRun(opts.PortalURL, r.targets[0].connTarget, deps.HTTPPort)
	if err != nil {
		return nil, err
	}
	r.portal = p

	var cancelRun, cancelDNS context.CancelFunc
	r.ctx, cancelRun = context.WithTimeout(ctx, r.timeout)
	r.dnsCtx, cancelDNS = context.WithTimeout(r.ctx, r.budget(layerDNS))
	r.cancel = func() { cancelDNS(); cancelRun() }
	r.deadline, _ = r.ctx.Deadline()
	r.notes = make(chan string, r.expectedNotes())
	return r, nil
}

// budget is a layer's own deadline, counted from when the layer starts and always cut short by the
// overall bound. Each is well under the bound, so a layer that hangs leaves time to report it.
func (r *connRun) budget(layer string) time.Duration {
	if layer == layerHTTPS {
		return r.timeout * 3 / 5
	}
	return r.timeout * 2 / 5
}

// expectedNotes counts the notes a run sends: five per target (proxy, dns, tcp, tls, https) and one
// for the sign-in page probe. The clock layer is worked out from the others and sends none.
func (r *connRun) expectedNotes() int { return 5*len(r.targets) + 1 }

func (r *connRun) note(layer string) { r.notes <- layer }

// start decides each target's route, starts every name lookup at once (targets, proxies and the
// sign-in page's host share them) and sets each target's probes and the sign-in page probe going.
func (r *connRun) start() {
	for _, tr := range r.targets {
		tr.proxy = r.env.route(tr.connTarget)
		switch {
		case tr.proxy.via != nil && net.ParseIP(tr.proxy.via.Hostname()) == nil:
			r.lookup(tr.proxy.via.Hostname())
		case tr.proxy.via == nil && tr.proxy.bad == nil && tr.ip == nil:
			r.lookup(tr.host)
		}
	}
	if r.portal.ip == nil {
		r.lookup(r.portal.host)
	}
	for _, tr := range r.targets {
		go r.runTarget(tr)
	}
	go r.runPortal()
}

// ready reports whether a layer's result can be settled from the notes counted so far.
func (r *connRun) ready(layer string) bool {
	n := len(r.targets)
	portal := r.done[layerPortal] == 1
	switch layer {
	case layerProxy, layerDNS, layerTCP:
		return r.done[layer] == n
	case layerPortal:
		// A page on the payment site's own plain-http port is only a sign-in page if the secure
		// connection to that site did not check out, so wait for the TLS layer too.
		return portal && r.done[layerTLS] == n
	case layerTLS:
		// A failed handshake may be the clock's fault (decided with the sign-in probe's Date) or a
		// sign-in page's doing, so wait for that probe when anything failed.
		return r.done[layerTLS] == n && (portal || r.allTLSFine())
	case layerHTTPS:
		return r.done[layerHTTPS] == n && r.done[layerTLS] == n && (portal || (r.allTLSFine() && r.allHTTPSFine()))
	case layerClock:
		if r.done[layerTLS] != n || r.done[layerHTTPS] != n {
			return false
		}
		_, fromHTTPS := r.httpsDate()
		return portal || (fromHTTPS && r.allTLSFine())
	}
	return false
}

func (r *connRun) allTLSFine() bool {
	for _, tr := range r.targets {
		if tr.tls.err != nil || tr.tls.skip != "" {
			return false
		}
	}
	return true
}

func (r *connRun) allHTTPSFine() bool {
	for _, tr := range r.targets {
		if tr.https.skip != "" || tr.https.err != nil || tr.https.status >= 500 {
			return false
		}
	}
	return true
}

// unfinished is the result for a layer whose probes did not report before the backstop.
func (r *connRun) unfinished(layer string) checks.Result {
	return checks.Result{
		Name:    layer,
		Status:  checks.StatusSkipped,
		Outcome: connSkipped,
		Summary: skipOutOfTime,
		Detail:  fmt.Sprintf("%s: no result within the %s limit", layer, r.timeout),
	}
}

// connVerdict picks the layer to blame (the first problem in blameOrder, else the first warning that is
// not a mere note) and says in one sentence what the shopper should know.
func connVerdict(layers []checks.Result) (outcome, sentence string) {
	byName := map[string]checks.Result{}
	for _, c := range layers {
		byName[c.Name] = c
	}
	for _, want := range []checks.Status{checks.StatusProblem, checks.StatusWarning} {
		for _, layer := range blameOrder {
			c := byName[layer]
			if c.Status != want || c.Outcome == connOK {
				continue
			}
			if own := byName[c.Outcome]; own.Status == want && own.Outcome == c.Outcome {
				// e.g. a handshake failed over the clock: the clock layer says by how much.
				return c.Outcome, own.Summary
			}
			return c.Outcome, c.Summary
		}
	}
	if byName[layerProxy].Status == checks.StatusWarning {
		return connOK, "Your connection to the payment site is working, through a proxy."
	}
	return connOK, "Your connection to the payment site is working."
}
