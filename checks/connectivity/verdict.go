package connectivity

import (
	"context"
	"crypto/tls"
	"crypto/x509"
	"errors"
	"fmt"
	"math"
	"net"
	"os"
	"strconv"
	"strings"
	"syscall"
	"time"

	"github.com/unstuck-dev/unstuck/checks"
)

// connFinding is one layer's verdict for one target; a layer's Result gathers its targets' findings.
type connFinding struct {
	status  checks.Status
	outcome string
	summary string
	detail  string
	next    string
	dur     time.Duration
}

func skippedConnFinding(reason, detail string) connFinding {
	return connFinding{status: checks.StatusSkipped, outcome: connSkipped, summary: reason, detail: detail}
}

const (
	summaryIntercept = "Something on this network is intercepting secure connections. Don't enter card details on this network."
	nextIntercept    = "Switch to another network (such as your phone's mobile data) before paying; on a work or school computer, ask its IT team."
	summaryPortal    = "This network wants you to sign in (a hotel, café or airport Wi-Fi page): open any web page in your browser and sign in first."
	nextPortal       = "Open any web page in your browser, sign in or accept the terms on the page that appears, then try the payment again."
	nextOffline      = "Check that you're connected to the internet (try opening any other website); if other sites open, restart your router or try another network."
	nextTryLater     = "Try again in a few minutes, or try another network such as your phone's mobile data."
	nextClock        = "Set the clock to update automatically (in your computer's date and time settings), then try again."

	summaryNoSuchSite = "There is no site with that name: check the address."
	nextNoSuchSite    = "Check the address for typos (compare it with the shop's email, receipt or advert), or search for the shop by its name. This isn't a problem with your connection."
	summarySiteDNS    = "Other sites can be found, but this site's address can't be looked up right now."
	nextSiteDNS       = "The site's address service may be having trouble, or this network may block the site: try again in a few minutes, try another network such as your phone's mobile data, or tell the shop."
	summaryNoResolver = "This computer has no address lookup (DNS) server set up, so it can't find any site."
	nextNoResolver    = "Check that you're connected to Wi-Fi or a network cable; if you are, turn Wi-Fi off and on again (or restart the computer) so it gets its network settings afresh."
	summaryWrongName  = "The site's security certificate is for another address: the site has a problem, not your network."
	nextWrongName     = "Don't get around the browser's warning: pay another way or try again later, and tell the shop."
	summaryOutdated   = "The payment site uses an outdated, unsafe security version, so this computer won't connect to it. Trying again won't help."
	nextOutdated      = "The site has to update its security; trying again or changing networks won't help. Pay another way or tell the shop, and don't lower this computer's security settings to get around it."
)

// layerResult settles one layer from its probes. Call it only once ready(layer) is true.
func (r *connRun) layerResult(layer string) checks.Result {
	var fs []connFinding
	switch layer {
	case layerPortal:
		fs = []connFinding{r.portalFinding()}
	case layerClock:
		fs = []connFinding{r.clockFinding()}
	default:
		signIn := (layer == layerTLS || layer == layerHTTPS) && r.signInNeeded()
		for _, tr := range r.targets {
			var f connFinding
			switch layer {
			case layerProxy:
				f = r.proxyFinding(tr)
			case layerDNS:
				f = dnsFinding(tr)
			case layerTCP:
				f = r.tcpFinding(tr)
			case layerTLS:
				f = r.tlsFinding(tr)
			case layerHTTPS:
				f = r.httpsFinding(tr)
			}
			if signIn && (f.status == checks.StatusProblem || f.summary == skipTLSFailed) {
				// What fails before signing in to the network is the sign-in page's doing.
				f = skippedConnFinding(skipSignIn, "before signing in: "+f.detail)
			}
			fs = append(fs, f)
		}
	}
	res := gatherFindings(layer, fs)
	if layer == layerProxy {
		res.Detail = r.env.describe() + "; " + res.Detail
	}
	return res
}

// gatherFindings makes one Result from a layer's findings: the most serious finding speaks for the layer and
// every target's technical line is kept.
func gatherFindings(layer string, fs []connFinding) checks.Result {
	rank := map[checks.Status]int{checks.StatusSkipped: 0, checks.StatusOK: 1, checks.StatusWarning: 2, checks.StatusProblem: 3}
	lead := fs[0]
	details := make([]string, 0, len(fs))
	var dur time.Duration
	for _, f := range fs {
		if rank[f.status] > rank[lead.status] {
			lead = f
		}
		details = append(details, f.detail)
		dur = max(dur, f.dur)
	}
	return checks.Result{
		Name:     layer,
		Status:   lead.status,
		Outcome:  lead.outcome,
		Summary:  lead.summary,
		Detail:   strings.Join(details, "; "),
		Next:     lead.next,
		Duration: dur,
	}
}

func dnsFinding(tr *targetRun) connFinding {
	d := tr.dns
	switch {
	case d.skip != "":
		return skippedConnFinding(d.skip, tr.host+": not looked up")
	case d.literal:
		return connFinding{status: checks.StatusOK, outcome: connOK,
			summary: "The payment site is given by its address, so there is nothing to look up.",
			detail:  tr.host + ": an IP address, no lookup needed"}
	case d.err != nil:
		return dnsFailure(tr)
	}
	return connFinding{status: checks.StatusOK, outcome: connOK, dur: d.dur,
		summary: "The payment site's address was found.",
		detail:  fmt.Sprintf("%s: %s in %s", tr.host, joinIPs(d.addrs), fmtDur(d.dur))}
}

// dnsFailure tells apart why a name wasn't found: a name that doesn't exist (the lookup works, the
// control name resolves), a lookup that fails only for this site, no name server set up, and a
// lookup that is broken for every name.
func dnsFailure(tr *targetRun) connFinding {
	d := tr.dns
	f := connFinding{status: checks.StatusProblem, outcome: layerDNS, dur: d.dur, next: nextOffline,
		detail: fmt.Sprintf("%s: lookup failed after %s: %v", tr.host, fmtDur(d.dur), d.err)}
	noServers := d.serversKnown && len(d.servers) == 0
	if noServers {
		f.detail += "; no name server is set up in " + resolvConf
	}
	controlOK := false
	if c := d.control; c != nil {
		if c.err == nil {
			controlOK = true
			f.detail += fmt.Sprintf("; %s, looked up the same way for comparison, resolves (%s in %s)", d.controlHost, joinIPs(c.addrs), fmtDur(c.dur))
		} else {
			f.detail += fmt.Sprintf("; %s, looked up the same way for comparison, fails too after %s: %v", d.controlHost, fmtDur(c.dur), c.err)
		}
	}
	switch {
	case isNotFound(d.err) && (controlOK || d.control == nil):
		// A name server answered that the name doesn't exist, and (when it could be compared) finds
		// names that do: the address is wrong, not the network.
		f.outcome, f.next = dnsNoSuchSite, nextNoSuchSite
		f.summary = fmt.Sprintf("There is no site called %s: check the address.", tr.host)
	case isNotFound(d.err):
		f.summary = "This network's address lookup says no site exists, even for names that do: its address lookup isn't working."
	case noServers:
		f.outcome, f.next, f.summary = dnsNoResolver, nextNoResolver, summaryNoResolver
	case controlOK:
		f.outcome, f.next, f.summary = dnsSiteOnly, nextSiteDNS, summarySiteDNS
	case isTimeout(d.err):
		f.summary = "Looking up the payment site's address got no answer in time: this computer may be offline."
	default:
		f.summary = "This computer couldn't look up the payment site's address: this network's address lookup isn't working."
	}
	return f
}

// isNotFound reports whether a lookup found that the name has no address: NXDOMAIN, or an answer
// with no address in it.
func isNotFound(err error) bool {
	var de *net.DNSError
	return errors.Is(err, errNoAddresses) || errors.As(err, &de) && de.IsNotFound
}

func joinIPs(addrs []net.IPAddr) string {
	ips := make([]string, len(addrs))
	for i, a := range addrs {
		ips[i] = ipString(a)
	}
	return strings.Join(ips, ", ")
}

func (r *connRun) tcpFinding(tr *targetRun) connFinding {
	t := tr.tcp
	if t.skip != "" {
		return skippedConnFinding(t.skip, tr.addr+": not connected")
	}
	parts := make([]string, len(t.dials))
	connected, refused, timedOut := 0, 0, 0
	for i, d := range t.dials {
		parts[i] = r.describeDial(d)
		switch {
		case d.ok:
			connected++
		case isRefused(d.err):
			refused++
		case isTimeout(d.err):
			timedOut++
		}
	}
	f := connFinding{dur: t.dur, detail: tr.host + ": " + strings.Join(parts, "; ")}
	switch {
	case connected > 0:
		f.status, f.outcome = checks.StatusOK, connOK
		f.summary = "The payment site accepts connections."
	case refused == len(t.dials):
		f.status, f.outcome, f.next = checks.StatusProblem, layerTCP, nextTryLater
		f.summary = "The payment site refused the connection: it may be down, or this network blocks it."
	case timedOut == len(t.dials):
		f.status, f.outcome, f.next = checks.StatusProblem, layerTCP, nextTryLater
		f.summary = "Connecting to the payment site got no answer: this network may be blocking it, or this computer may be offline."
	default:
		f.status, f.outcome, f.next = checks.StatusProblem, layerTCP, nextTryLater
		f.summary = "This computer couldn't connect to the payment site."
	}
	return f
}

// describeDial is one address's attempt, e.g. "IPv4 127.0.0.1:443 connected in 0.3ms".
func (r *connRun) describeDial(d dialAttempt) string {
	family := "IPv4"
	if d.v6 {
		family = "IPv6"
	}
	var what string
	switch {
	case d.ok:
		what = "connected in " + fmtDur(d.dur)
	case isRefused(d.err):
		what = "refused"
	case errors.Is(d.err, context.Canceled) && r.ctx.Err() == nil:
		what = "stopped after " + fmtDur(d.dur) + " (another address answered first)"
	case isTimeout(d.err):
		what = "no answer in " + fmtDur(d.dur)
	default:
		what = fmt.Sprintf("failed after %s: %v", fmtDur(d.dur), d.err)
	}
	return family + " " + d.addr + " " + what
}

// signInNeeded reports whether the sign-in page probe found one. It is false until that is known.
func (r *connRun) signInNeeded() bool {
	return r.done[layerPortal] == 1 && r.done[layerTLS] == len(r.targets) &&
		r.portalFinding().status == checks.StatusProblem
}

func (r *connRun) portalFinding() connFinding {
	p := r.portal
	get := "GET " + p.u.String()
	if p.skip != "" {
		detail := get + ": not sent"
		if p.err != nil {
			detail = fmt.Sprintf("%s: not sent: looking up %s failed: %v", get, p.host, p.err)
		}
		return skippedConnFinding(p.skip, detail)
	}
	ok := connFinding{status: checks.StatusOK, outcome: connOK, dur: p.dur, summary: "No sign-in page is in the way."}
	portal := connFinding{status: checks.StatusProblem, outcome: layerPortal, dur: p.dur, summary: summaryPortal, next: nextPortal}
	if p.err != nil {
		ok.summary = "No sign-in page showed up: the plain web test got no answer, which is not a sign-in page."
		ok.detail = fmt.Sprintf("%s: no answer after %s: %v", get, fmtDur(p.dur), p.err)
		return ok
	}
	answer := fmt.Sprintf("%s: %s in %s", get, p.line, fmtDur(p.dur))
	var loc string
	if p.status/100 == 3 && p.location != "" {
		if l, err := p.u.Parse(p.location); err == nil {
			loc = l.String()
			if l.Scheme == "https" && strings.EqualFold(l.Hostname(), p.host) {
				ok.detail = answer + ", moving to its own secure page " + loc + " (not followed)"
				return ok
			}
		}
	}
	looksLikePortal := p.status == 511 ||
		(p.status/100 == 3) ||
		(p.status/100 == 2 && p.status != 204 && p.body > 0)
	switch {
	case !looksLikePortal:
		ok.detail = answer + fmt.Sprintf(" with %s, as an open network answers", bodyWords(p.body))
		if p.status/100 != 2 {
			ok.detail = answer + ", which is not a sign-in page"
		}
		return ok
	case p.status != 511 && r.tlsVerified(p.host):
		// The payment site itself answers on plain http (a page or a move elsewhere): its secure
		// certificate checked out, so nothing on this network stands in between.
		ok.detail = answer + " from the payment site itself (its secure connection checks out), not a sign-in page"
		return ok
	}
	switch {
	case p.status == 511:
		portal.detail = answer + ": the network asks for sign-in"
	case p.status/100 == 3:
		if loc == "" {
			loc = "nowhere"
		}
		portal.detail = answer + ", redirecting to " + loc + " (not followed) instead of answering"
	default:
		portal.detail = answer + fmt.Sprintf(" with %s instead of an empty answer", bodyWords(p.body))
	}
	return portal
}

func bodyWords(n int) string {
	switch {
	case n == 0:
		return "an empty body"
	case n >= portalBodyPeek:
		return fmt.Sprintf("a page of %d+ bytes", n)
	}
	return fmt.Sprintf("a page of %d bytes", n)
}

// tlsVerified reports whether a secure connection to host was made and its certificate checked out.
func (r *connRun) tlsVerified(host string) bool {
	for _, tr := range r.targets {
		if tr.host == host && tr.tls.skip == "" && tr.tls.err == nil && tr.tls.leaf != nil {
			return true
		}
	}
	return false
}

func (r *connRun) tlsFinding(tr *targetRun) connFinding {
	t := tr.tls
	if t.skip != "" {
		return skippedConnFinding(t.skip, tr.addr+": no handshake")
	}
	if t.err == nil {
		detail := fmt.Sprintf("%s: %s in %s", tr.addr, tls.VersionName(t.version), fmtDur(t.dur))
		if c := t.leaf; c != nil {
			detail += fmt.Sprintf(", certificate issued by %q, valid until %s", issuerName(c), c.NotAfter.UTC().Format(time.DateOnly))
		}
		return connFinding{status: checks.StatusOK, outcome: connOK, dur: t.dur, detail: detail,
			summary: "The secure connection to the payment site checks out."}
	}
	f := connFinding{status: checks.StatusProblem, outcome: layerTLS, dur: t.dur}
	var (
		hostErr  x509.HostnameError
		authErr  x509.UnknownAuthorityError
		invalid  x509.CertificateInvalidError
		verifErr *tls.CertificateVerificationError
		recErr   tls.RecordHeaderError
	)
	switch {
	case errors.As(t.err, &hostErr):
		names := hostErr.Certificate.DNSNames
		if len(names) == 0 {
			names = []string{hostErr.Certificate.Subject.CommonName}
		}
		f.detail = fmt.Sprintf("%s: wrong name: the certificate is for %s, not %s", tr.addr, strings.Join(names, ", "), tr.host)
		if trusted, why := r.issuerTrusted(t.err, hostErr.Certificate, t.localAt); trusted {
			// A real authority vouches for the certificate, just not for this name: the site (or the
			// address it was reached by) is at fault, and nothing on the network stands in between.
			f.summary, f.next, f.outcome = summaryWrongName, nextWrongName, tlsWrongName
			f.detail += fmt.Sprintf(", issued by %q, which this computer trusts (%v)", issuerName(hostErr.Certificate), t.err)
		} else {
			f.summary, f.next, f.outcome = summaryIntercept, nextIntercept, connIntercepted
			f.detail += fmt.Sprintf(", issued by %q, which this computer does not trust: %v (%v)", issuerName(hostErr.Certificate), why, t.err)
		}
	case errors.As(t.err, &authErr):
		f.summary, f.next, f.outcome = summaryIntercept, nextIntercept, connIntercepted
		issuer := "an unknown issuer"
		if authErr.Cert != nil {
			issuer = fmt.Sprintf("%q", issuerName(authErr.Cert))
		}
		f.detail = fmt.Sprintf("%s: unknown authority: the certificate is issued by %s, which this computer does not trust (%v)", tr.addr, issuer, t.err)
	case errors.As(t.err, &invalid) && invalid.Reason == x509.Expired && invalid.Cert != nil:
		return r.validityFinding(tr, invalid.Cert, f)
	case errors.As(t.err, &verifErr):
		f.summary = "The payment site's security certificate didn't check out."
		f.next, f.outcome = nextIntercept, connIntercepted
		f.detail = fmt.Sprintf("%s: %v", tr.addr, t.err)
	case outdatedTLS(t.err):
		f.summary, f.next, f.outcome = summaryOutdated, nextOutdated, tlsOutdated
		f.detail = fmt.Sprintf("%s: %s, older than %s, the oldest this computer accepts (%v)", tr.addr, offeredVersion(t.err), tls.VersionName(tls.VersionTLS12), t.err)
	case isTimeout(t.err):
		f.summary = "The secure connection to the payment site didn't finish in time."
		f.next = nextTryLater
		f.detail = fmt.Sprintf("%s: no handshake answer in %s (%v)", tr.addr, fmtDur(t.dur), t.err)
	case errors.As(t.err, &recErr):
		f.summary = "Something answered at the payment site's address, but not with a secure connection."
		f.next, f.outcome = nextIntercept, connIntercepted
		f.detail = fmt.Sprintf("%s: not a TLS answer (%v)", tr.addr, t.err)
	default:
		f.summary = "The secure connection to the payment site was cut off."
		f.next = nextTryLater
		f.detail = fmt.Sprintf("%s: handshake failed after %s: %v", tr.addr, fmtDur(t.dur), t.err)
	}
	return f
}

// issuerTrusted reports whether the authority that issued a certificate that failed on its name is
// one this computer trusts: the chain is verified again without the name, at the time the handshake
// used. A certificate that fails on dates alone is still vouched for by its authority; anything else
// (an unknown authority, a platform verifier's refusal) is not, and why says so.
func (r *connRun) issuerTrusted(handshakeErr error, leaf *x509.Certificate, at time.Time) (trusted bool, why error) {
	inter := x509.NewCertPool()
	var verifErr *tls.CertificateVerificationError
	if errors.As(handshakeErr, &verifErr) && len(verifErr.UnverifiedCertificates) > 1 {
		for _, c := range verifErr.UnverifiedCertificates[1:] {
			inter.AddCert(c)
		}
	}
	_, err := leaf.Verify(x509.VerifyOptions{Roots: r.deps.RootCAs, Intermediates: inter, CurrentTime: at})
	var invalid x509.CertificateInvalidError
	return err == nil || errors.As(err, &invalid), err
}

// The words crypto/tls uses when the server's TLS version is too old for the client: it has no
// typed error for either. The client sees "server selected" when the server picks an old version
// itself, and the server's protocol_version alert when it refuses every version the client offers.
const (
	tlsOldVersionPrefix = "server selected unsupported protocol version "
	tlsVersionAlert     = "remote error: tls: protocol version not supported"
)

// outdatedTLS reports whether a handshake failed because the server speaks only a TLS version older
// than the oldest this computer accepts (TLS 1.2). This computer offers every version up to the
// newest, so a server refusing them all can only be one stuck on an older one.
func outdatedTLS(err error) bool {
	if v, ok := selectedVersion(err); ok {
		return v < tls.VersionTLS12
	}
	return strings.Contains(err.Error(), tlsVersionAlert)
}

// selectedVersion is the version a server picked that the client refused, when the error says.
func selectedVersion(err error) (uint16, bool) {
	_, rest, ok := strings.Cut(err.Error(), tlsOldVersionPrefix)
	if !ok {
		return 0, false
	}
	hex, _, _ := strings.Cut(rest, " ")
	v, perr := strconv.ParseUint(hex, 16, 16)
	return uint16(v), perr == nil
}

// offeredVersion names what the server offered, for the technical line.
func offeredVersion(err error) string {
	if v, ok := selectedVersion(err); ok {
		return "the site offered only " + tls.VersionName(v)
	}
	return "the site refused every TLS version this computer offers"
}

// validityFinding explains a certificate that is expired or not yet valid by the local clock: the
// clock's fault when another server's Date shows the clock is off and the certificate valid, the
// site's when that Date agrees with the clock. Without a Date, a certificate from the future can
// only mean the clock is behind; an expired one could be either.
func (r *connRun) validityFinding(tr *targetRun, cert *x509.Certificate, f connFinding) connFinding {
	local := tr.tls.localAt
	window := fmt.Sprintf("the certificate is valid from %s to %s but this computer's clock says %s",
		cert.NotBefore.UTC().Format(time.RFC3339), cert.NotAfter.UTC().Format(time.RFC3339), local.UTC().Format(time.RFC3339))
	blame := r.tlsClockBlame(tr, cert)
	switch {
	case blame.blamed:
		f.outcome = layerClock
		f.summary = "The secure connection failed because this computer's clock is wrong."
		f.next = nextClock
		f.detail = fmt.Sprintf("%s: %s; %s", tr.addr, window, blame.evidence)
	case blame.ref:
		f.next = "Don't work around the browser's warning: try again later, or tell the shop."
		if local.Before(cert.NotBefore) {
			f.summary = "The payment site's security certificate isn't valid yet; this isn't a problem with your computer."
		} else {
			f.summary = "The payment site's security certificate has expired; this isn't a problem with your computer."
		}
		f.detail = fmt.Sprintf("%s: %s; %s", tr.addr, window, blame.evidence)
	default:
		f.summary = "The payment site's security certificate is out of date, or this computer's clock is wrong."
		f.next = "Check that this computer's date and time are right (set them to update automatically); if they are, the payment site must renew its certificate: try again later or tell the shop."
		f.detail = fmt.Sprintf("%s: %s; no server's Date to compare the clock with", tr.addr, window)
	}
	return f
}

type clockBlame struct {
	blamed   bool
	ref      bool          // judged against another server's Date
	skew     time.Duration // local minus real time; a lower bound when !ref
	evidence string
}

// tlsClockBlame decides whether a certificate that fails on dates does so because of the local clock.
func (r *connRun) tlsClockBlame(tr *targetRun, cert *x509.Certificate) clockBlame {
	local := tr.tls.localAt
	if ref, ok := r.portalDate(); ok {
		skew := ref.localAt.Sub(ref.date)
		real := local.Add(-skew)
		valid := !real.Before(cert.NotBefore) && !real.After(cert.NotAfter)
		return clockBlame{
			blamed:   valid && absDur(skew) > clockTolerance,
			ref:      true,
			skew:     skew,
			evidence: ref.describe(skew),
		}
	}
	if local.Before(cert.NotBefore) {
		return clockBlame{blamed: true, skew: local.Sub(cert.NotBefore),
			evidence: "a certificate is never served before it is valid, so the clock is behind"}
	}
	return clockBlame{}
}

func (r *connRun) httpsFinding(tr *targetRun) connFinding {
	h := tr.https
	if h.skip != "" {
		return skippedConnFinding(h.skip, "GET "+tr.u.String()+": not sent")
	}
	get := "GET " + tr.u.String()
	if h.err != nil {
		f := connFinding{status: checks.StatusProblem, outcome: layerHTTPS, dur: h.latency, next: nextTryLater,
			detail: fmt.Sprintf("%s: no answer after %s: %v", get, fmtDur(h.latency), h.err)}
		if isTimeout(h.err) {
			f.summary = "The payment site accepted the connection but didn't answer in time."
		} else {
			f.summary = "The payment site's connection broke off before it answered."
		}
		return f
	}
	detail := fmt.Sprintf("%s: %s in %s", get, h.line, fmtDur(h.latency))
	if h.status/100 == 3 && h.location != "" {
		if l, err := tr.u.Parse(h.location); err == nil {
			if strings.EqualFold(l.Hostname(), tr.host) {
				detail += ", redirecting to " + l.RequestURI() + " on the same site (not followed)"
			} else {
				detail += ", redirecting to " + l.String() + " on another site (not followed)"
			}
		}
	}
	switch {
	case h.status >= 500:
		return connFinding{status: checks.StatusProblem, outcome: layerHTTPS, dur: h.latency, detail: detail,
			summary: "The payment provider's site is having trouble.",
			next:    "This isn't your connection: wait a few minutes and try again, or tell the shop."}
	case h.latency > r.slowAfter:
		return connFinding{status: checks.StatusWarning, outcome: connSlow, dur: h.latency,
			detail:  fmt.Sprintf("%s (slow: over %s)", detail, fmtDur(r.slowAfter)),
			summary: fmt.Sprintf("The payment site is answering slowly (it took %.1f seconds).", h.latency.Seconds()),
			next:    "Give the payment page time to load and don't press pay twice; if it times out, try again later."}
	}
	return connFinding{status: checks.StatusOK, outcome: connOK, dur: h.latency, detail: detail,
		summary: "The payment site answered."}
}

// clockRef is a server's Date header and what the local clock said when it arrived.
type clockRef struct {
	date, localAt time.Time
	src           string
}

func (c clockRef) describe(skew time.Duration) string {
	dir := "ahead of"
	if skew < 0 {
		dir = "behind"
	}
	by := absDur(skew).Round(time.Second).String()
	if absDur(skew) >= 2*time.Minute {
		by = skewWords(skew)
	}
	return fmt.Sprintf("the local clock is %s %s the Date header from %s (%s)",
		by, dir, c.src, c.date.UTC().Format(time.RFC1123))
}

// httpsDate is the first target's Date header. Call it only once every https note is in.
func (r *connRun) httpsDate() (clockRef, bool) {
	for _, tr := range r.targets {
		if tr.https.skip == "" && !tr.https.date.IsZero() {
			return clockRef{tr.https.date, tr.https.localAt, tr.u.String()}, true
		}
	}
	return clockRef{}, false
}

// portalDate is the sign-in page probe's Date header, once that probe is done.
func (r *connRun) portalDate() (clockRef, bool) {
	p := r.portal
	if r.done[layerPortal] != 1 || p.date.IsZero() {
		return clockRef{}, false
	}
	return clockRef{p.date, p.localAt, p.u.String()}, true
}

func (r *connRun) clockFinding() connFinding {
	for _, tr := range r.targets {
		var invalid x509.CertificateInvalidError
		if tr.tls.err == nil || !errors.As(tr.tls.err, &invalid) || invalid.Reason != x509.Expired || invalid.Cert == nil {
			continue
		}
		if b := r.tlsClockBlame(tr, invalid.Cert); b.blamed {
			f := connFinding{status: checks.StatusProblem, outcome: layerClock, next: nextClock,
				detail: fmt.Sprintf("%s's certificate fails on dates: %s", tr.host, b.evidence)}
			if b.ref {
				f.summary = fmt.Sprintf("Your computer's clock is %s off; secure connections can fail.", skewWords(b.skew))
			} else {
				f.summary = fmt.Sprintf("Your computer's clock is at least %s behind; secure connections fail.", skewWords(b.skew))
			}
			return f
		}
	}
	ref, ok := r.httpsDate()
	if !ok {
		ref, ok = r.portalDate()
	}
	if !ok {
		return skippedConnFinding(skipNoTime, "no Date header received to compare the local clock with")
	}
	skew := ref.localAt.Sub(ref.date)
	if absDur(skew) > clockTolerance {
		return connFinding{status: checks.StatusProblem, outcome: layerClock, next: nextClock,
			summary: fmt.Sprintf("Your computer's clock is %s off; secure connections can fail.", skewWords(skew)),
			detail:  ref.describe(skew)}
	}
	return connFinding{status: checks.StatusOK, outcome: connOK, detail: ref.describe(skew),
		summary: "Your computer's clock is right."}
}

// skewWords is a clock difference for a shopper: "10 minutes", "3 hours", "2 days".
func skewWords(d time.Duration) string {
	d = absDur(d)
	plural := func(n float64, unit string) string {
		v := int(math.Round(n))
		if v == 1 {
			return "1 " + unit
		}
		return fmt.Sprintf("%d %ss", v, unit)
	}
	switch {
	case d < 120*time.Minute:
		return plural(d.Minutes(), "minute")
	case d < 48*time.Hour:
		return plural(d.Hours(), "hour")
	}
	return plural(d.Hours()/24, "day")
}

func absDur(d time.Duration) time.Duration {
	if d < 0 {
		return -d
	}
	return d
}

// fmtDur is a duration for a technical line: "0.4ms", "35ms", "1.2s".
func fmtDur(d time.Duration) string {
	switch {
	case d < 10*time.Millisecond:
		return fmt.Sprintf("%.1fms", float64(d)/float64(time.Millisecond))
	case d < time.Second:
		return fmt.Sprintf("%dms", d.Milliseconds())
	}
	return fmt.Sprintf("%.1fs", d.Seconds())
}

func issuerName(c *x509.Certificate) string {
	if c.Issuer.CommonName != "" {
		return c.Issuer.CommonName
	}
	return c.Issuer.String()
}

func isTimeout(err error) bool {
	if errors.Is(err, context.DeadlineExceeded) || errors.Is(err, os.ErrDeadlineExceeded) {
		return true
	}
	var ne net.Error
	return errors.As(err, &ne) && ne.Timeout()
}

func isRefused(err error) bool {
	return err != nil && (errors.Is(err, syscall.ECONNREFUSED) || strings.Contains(err.Error(), "connection refused"))
}
