package connectivity

import (
	"context"
	"net"
	"net/http"
	"slices"
	"sync"
	"testing"
	"time"
)

// The connectivity benchmarks measure the speed promises of issue 3 on loopback. They report
// numbers (milliseconds per run, the slowest run, the overshoot past the bound, round trips per
// run) and never assert on wall time; they do fail if the diagnosis itself is wrong.
//
//	go test -run '^$' -bench Connectivity -benchtime 20x ./checks/

// BenchmarkConnectivityRefused: a refused connection should be diagnosed in well under 200ms.
func BenchmarkConnectivityRefused(b *testing.B) {
	l := newLab(b)
	l.resolve(payHost, "127.0.0.1")
	l.deps.HTTPSPort = refusedPort(b)
	l.deps.HTTPPort = refusedPort(b)
	opts := l.opts(5*time.Second, payHost)
	runBench(b, opts, "tcp", 0)
}

// BenchmarkConnectivityDeadNetwork: when every probe hangs, the report must come back within the
// overall bound (300ms here) plus 100ms. over-bound-ms is the slowest run minus the bound; negative
// means it finished early.
func BenchmarkConnectivityDeadNetwork(b *testing.B) {
	const bound = 300 * time.Millisecond
	hang := func(ctx context.Context, _, _ string) (net.Conn, error) {
		<-ctx.Done()
		return nil, ctx.Err()
	}
	b.Run("dns-hangs", func(b *testing.B) {
		l := newLab(b)
		l.res.hang = true
		l.deps.Dial = hang
		runBench(b, l.opts(bound, payHost), "dns", bound)
	})
	b.Run("connect-hangs", func(b *testing.B) {
		l := newLab(b)
		l.resolve(payHost, "127.0.0.1", "::1")
		l.deps.Dial = hang
		runBench(b, l.opts(bound, payHost), "tcp", bound)
	})
	b.Run("replies-hang", func(b *testing.B) {
		l := newLab(b)
		l.resolve(payHost, "127.0.0.1")
		l.deps.HTTPSPort = holdingPort(b)
		l.deps.HTTPPort = holdingPort(b)
		runBench(b, l.opts(bound, payHost), "tls", bound)
	})
}

// BenchmarkConnectivityHealthy: a healthy run should cost about one round trip per layer that has
// to wait for the one before it (dns, tcp, tls, https: 4), not the sum over every probe (the sign-in
// page probe's own connect and GET add 2 more, but run beside them). "rtt-10ms" adds a simulated
// 10ms round trip to every lookup, connect and reply, and reports round trips per run.
func BenchmarkConnectivityHealthy(b *testing.B) {
	b.Run("loopback", func(b *testing.B) {
		l := newLab(b)
		l.resolve(payHost, "127.0.0.1")
		l.deps.HTTPSPort = l.site(http.HandlerFunc(payPage))
		runBench(b, l.opts(5*time.Second, payHost), "ok", 0)
	})
	b.Run("rtt-10ms", func(b *testing.B) {
		const rtt = 10 * time.Millisecond
		l := newLab(b)
		l.resolve(payHost, "127.0.0.1")
		l.res.delay = rtt
		l.deps.HTTPSPort = l.site(http.HandlerFunc(payPage))
		dial := l.deps.Dial
		l.deps.Dial = func(ctx context.Context, network, addr string) (net.Conn, error) {
			select {
			case <-time.After(rtt): // SYN, SYN-ACK
			case <-ctx.Done():
				return nil, ctx.Err()
			}
			c, err := dial(ctx, network, addr)
			if err != nil {
				return nil, err
			}
			return &farConn{Conn: c, rtt: rtt}, nil
		}
		mean := runBench(b, l.opts(5*time.Second, payHost), "ok", 0)
		b.ReportMetric(float64(mean)/float64(rtt), "rtts/op")
	})
}

// farConn makes the first read after a write wait one round trip, as a reply from far away would.
type farConn struct {
	net.Conn
	rtt   time.Duration
	mu    sync.Mutex
	wrote bool
}

func (c *farConn) Write(p []byte) (int, error) {
	c.mu.Lock()
	c.wrote = true
	c.mu.Unlock()
	return c.Conn.Write(p)
}

func (c *farConn) Read(p []byte) (int, error) {
	c.mu.Lock()
	wait := c.wrote
	c.wrote = false
	c.mu.Unlock()
	if wait {
		time.Sleep(c.rtt)
	}
	return c.Conn.Read(p)
}

// runBench runs the check b.N times, fails if the diagnosis is not want, and reports the mean and
// slowest run in milliseconds (and, with a bound, how far the slowest run went past it).
func runBench(b *testing.B, opts ConnOptions, want string, bound time.Duration) time.Duration {
	b.Helper()
	var runs []time.Duration
	for b.Loop() {
		start := time.Now()
		rep, err := CheckConnectivity(context.Background(), opts)
		runs = append(runs, time.Since(start))
		if err != nil || rep.Outcome != want {
			b.Fatalf("got outcome %q (error %v), want %q\n%s", rep.Outcome, err, want, dumpReport(rep))
		}
	}
	var total time.Duration
	for _, d := range runs {
		total += d
	}
	mean := total / time.Duration(len(runs))
	slowest := slices.Max(runs)
	ms := func(d time.Duration) float64 { return float64(d) / float64(time.Millisecond) }
	b.ReportMetric(ms(mean), "ms/op")
	b.ReportMetric(ms(slowest), "max-ms")
	if bound > 0 {
		b.ReportMetric(ms(slowest-bound), "over-bound-ms")
	}
	return mean
}
