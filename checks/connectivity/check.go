package connectivity

import (
	"context"
	"fmt"
	"strings"
	"time"

	"github.com/unstuck-dev/unstuck/checks"
)

func init() {
	checks.Register(checks.Spec{
		Name: "connectivity",
		Description: "Works out, layer by layer, why the payment site can't be reached: proxy settings, " +
			"address lookup, connection, sign-in page, secure connection, the site's answer and the clock.",
		Params: []checks.Param{
			{Name: "urls", Description: "the payment site's addresses (https URLs or host names), separated by spaces or commas; flows fill it from provider.hosts"},
			{Name: "timeout", Description: "bound on the whole check, as a Go duration such as 5s (default 5s)"},
			{Name: "control", Description: "a host name that resolves, looked up only when a site's own lookup fails, to tell a name that doesn't exist from a lookup that is broken (default " + DefaultControlHost + ")"},
		},
		Outcomes: []string{connOK, layerProxy, layerDNS, dnsNoSuchSite, dnsSiteOnly, dnsNoResolver, layerTCP, layerPortal,
			layerTLS, connIntercepted, tlsWrongName, tlsOutdated, layerHTTPS, layerClock, connSlow, connSkipped},
		Network: true,
		Label:   "Internet connection",
		Texts: map[string]checks.OutcomeText{
			connOK:          {Summary: "Your connection to the payment site is working.", Agent: "The shopper's connection to the payment site works."},
			layerProxy:      {Summary: "A proxy setting on this computer is in the way.", Agent: "A proxy setting on the shopper's computer is in the way."},
			layerDNS:        {Summary: "This computer couldn't find the payment site's address.", Agent: "The shopper's computer couldn't look up the payment site's address."},
			dnsNoSuchSite:   {Summary: summaryNoSuchSite, Next: nextNoSuchSite, Agent: "No site exists at the address given: probably a mistyped address."},
			dnsSiteOnly:     {Summary: summarySiteDNS, Next: nextSiteDNS, Agent: "Other sites' addresses can be looked up, but not this site's."},
			dnsNoResolver:   {Summary: summaryNoResolver, Next: nextNoResolver, Agent: "The shopper's computer has no DNS server set up."},
			layerTCP:        {Summary: "This computer couldn't connect to the payment site.", Agent: "The shopper's computer couldn't connect to the payment site."},
			layerPortal:     {Summary: "This network wants you to sign in first (a hotel, café or airport Wi-Fi page).", Agent: "The shopper's network wants a Wi-Fi sign-in first."},
			layerTLS:        {Summary: "The secure connection to the payment site failed.", Agent: "The secure connection to the payment site failed."},
			connIntercepted: {Summary: summaryIntercept, Agent: "Something on the shopper's network intercepts secure connections (a certificate from an untrusted authority)."},
			tlsWrongName:    {Summary: summaryWrongName, Next: nextWrongName, Agent: "The payment site's certificate is for another name: the site's problem, not the shopper's network."},
			tlsOutdated:     {Summary: summaryOutdated, Next: nextOutdated, Agent: "The payment site speaks only an outdated TLS version."},
			layerHTTPS:      {Summary: "The payment site is having trouble.", Agent: "The payment site answered with an error."},
			layerClock:      {Summary: "This computer's clock is wrong, which breaks secure connections.", Agent: "The shopper's computer clock is wrong, which breaks secure connections."},
			connSlow:        {Summary: "The payment site answers, but slowly.", Agent: "The payment site answers, but slowly."},
			connSkipped:     {Summary: "The connection check was skipped.", Agent: "The connection check didn't run."},
		},
		PartLabels: map[string]string{
			layerProxy:  "Proxy settings",
			layerDNS:    "Finding the site",
			layerTCP:    "Connecting",
			layerPortal: "Wi-Fi sign-in page",
			layerTLS:    "Secure connection",
			layerHTTPS:  "The payment site",
			layerClock:  "This computer's clock",
		},
		Run:   runConnectivityCheck,
		Parts: ConnectivityLayers(),
	})
}

// runConnectivityCheck is the flow's view of CheckConnectivity: one Result standing for every layer.
// Its dependencies are the *NetDeps in in.Deps (the real network when there is none). The clock it
// compares with servers is the NetDeps' (the real one by default), not in.Now, which is a single
// instant taken when the flow started.
func runConnectivityCheck(ctx context.Context, in checks.Input) checks.Result {
	started := time.Now()
	couldNotRun := func(detail string) checks.Result {
		return checks.Result{
			Name: "connectivity", Status: checks.StatusSkipped, Outcome: connSkipped,
			Summary:  "The connection check couldn't run.",
			Detail:   detail,
			Duration: time.Since(started),
		}
	}
	urls := siteAddresses(in.Params["urls"])
	if len(urls) == 0 {
		res := couldNotRun("urls: no payment site address given")
		res.Summary = "The connection check was skipped because no payment site address was given."
		return res
	}
	var timeout time.Duration
	if s := strings.TrimSpace(in.Params["timeout"]); s != "" {
		d, err := time.ParseDuration(s)
		if err != nil || d <= 0 {
			return couldNotRun(fmt.Sprintf("timeout: %q is not a positive duration such as 5s", s))
		}
		timeout = d
	}
	deps, _ := checks.Dep[*NetDeps](in)
	progress := in.Progress
	if progress == nil {
		progress = func(checks.Result) {}
	}
	opts := ConnOptions{Targets: urls, Timeout: timeout, Deps: deps, ControlHost: strings.TrimSpace(in.Params["control"])}
	rep, err := CheckConnectivityStream(ctx, opts, progress)
	if err != nil && rep.Checks == nil {
		return couldNotRun(err.Error())
	}
	res := checks.Result{
		Name:     "connectivity",
		Status:   rep.Status,
		Outcome:  rep.Outcome,
		Summary:  rep.Verdict,
		Duration: rep.Duration,
	}
	var failing []string
	for _, c := range rep.Checks {
		if c.Status == checks.StatusProblem || (c.Status == checks.StatusWarning && c.Outcome != connOK) {
			failing = append(failing, c.Name+": "+c.Detail)
			if c.Outcome == rep.Outcome && res.Next == "" {
				res.Next = c.Next // the blamed layer's next step
			}
		}
	}
	if len(failing) == 0 {
		res.Detail = fmt.Sprintf("every layer (%s) passed in %s", strings.Join(connLayers, ", "), fmtDur(rep.Duration))
	} else {
		res.Detail = strings.Join(failing, "; ")
	}
	if err != nil {
		res.Detail += "; " + err.Error()
	}
	return res
}

// siteAddresses picks the words of urls that can name a site: URLs, and host names with a dot (or
// localhost). A flow may fill urls from a shopper's answer such as "Example Shoes, example.com", and
// only what looks like an address is probed.
func siteAddresses(urls string) []string {
	var out []string
	for _, w := range strings.FieldsFunc(urls, func(r rune) bool { return r == ',' || r == ' ' || r == '\t' || r == '\n' }) {
		w = strings.TrimRight(w, ".;")
		lower := strings.ToLower(w)
		if strings.HasPrefix(lower, "http://") {
			// A payment page is served over https; the plain-http sign-in probe is made separately.
			w, lower = "https://"+w[len("http://"):], "https://"+lower[len("http://"):]
		}
		if strings.HasPrefix(lower, "https://") || strings.HasPrefix(lower, "http://") || lower == "localhost" ||
			strings.Contains(w, ".") && !strings.HasPrefix(w, ".") && !strings.ContainsAny(w, "@\\") {
			out = append(out, w)
		}
	}
	return out
}
