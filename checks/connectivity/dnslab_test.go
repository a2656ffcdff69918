package connectivity

import (
	"context"
	"crypto/rand"
	"crypto/tls"
	"encoding/binary"
	"errors"
	"io"
	"net"
	"strings"
	"sync"
	"testing"
	"time"
)

// More of the lab: a name server and TLS servers of the kinds the real world has and httptest
// doesn't make. Each listens on loopback only.

// dnsReply is how the lab's name server answers a name.
type dnsReply int

const (
	dnsNXDomain dnsReply = iota // the name does not exist (rcode 3)
	dnsServFail                 // the server failed (rcode 2), as when the site's own servers don't answer it
	dnsSilent                   // no answer at all
	dnsAddress                  // the name's addresses (an empty answer for a family it has none of)
)

// dnsServer is a tiny name server on loopback UDP, enough for Go's own resolver: it reads a query's
// header and question and answers with an address, NXDOMAIN, SERVFAIL or silence, by name. A name
// it wasn't told about gets fallback (NXDOMAIN unless a test says otherwise).
type dnsServer struct {
	conn     net.PacketConn
	mu       sync.Mutex
	replies  map[string]dnsReply
	addrs    map[string][]net.IP
	fallback dnsReply
	asked    []string
}

func newDNSServer(t testing.TB) *dnsServer {
	conn, err := net.ListenPacket("udp4", "127.0.0.1:0")
	if err != nil {
		t.Fatalf("lab: name server: %v", err)
	}
	s := &dnsServer{conn: conn, replies: map[string]dnsReply{}, addrs: map[string][]net.IP{}}
	done := make(chan struct{})
	go func() {
		defer close(done)
		buf := make([]byte, 1500)
		for {
			n, from, err := conn.ReadFrom(buf)
			if err != nil {
				return
			}
			if resp := s.answer(buf[:n]); resp != nil {
				conn.WriteTo(resp, from)
			}
		}
	}()
	t.Cleanup(func() {
		conn.Close()
		<-done
	})
	return s
}

// set says how to answer name; with dnsAddress, ips are its loopback addresses.
func (s *dnsServer) set(name string, reply dnsReply, ips ...string) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.replies[name] = reply
	for _, ip := range ips {
		s.addrs[name] = append(s.addrs[name], net.ParseIP(ip))
	}
}

func (s *dnsServer) setFallback(reply dnsReply) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.fallback = reply
}

// questions lists the names asked, in order, once per query.
func (s *dnsServer) questions() []string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return append([]string(nil), s.asked...)
}

// resolver is Go's own resolver, sending every query to this server.
func (s *dnsServer) resolver() *net.Resolver {
	return udpResolver(s.conn.LocalAddr().String())
}

// udpResolver is Go's own resolver asking the name server at addr (a loopback address) over UDP.
func udpResolver(addr string) *net.Resolver {
	return &net.Resolver{PreferGo: true, Dial: func(ctx context.Context, network, _ string) (net.Conn, error) {
		if !strings.HasPrefix(network, "udp") {
			return nil, errors.New("lab: the name server speaks UDP only")
		}
		var d net.Dialer
		c, err := d.DialContext(ctx, "udp4", addr)
		if err == nil {
			// Go's resolver bounds a query by its deadline only; a lookup given up on would wait
			// it out (seconds) in the background. Close the socket when the query's context ends.
			context.AfterFunc(ctx, func() { c.Close() })
		}
		return c, err
	}}
}

// answer builds the reply to one query, or nil for silence or a query it can't read.
func (s *dnsServer) answer(q []byte) []byte {
	if len(q) < 12 || binary.BigEndian.Uint16(q[4:6]) != 1 {
		return nil
	}
	// The question: labels up to the root, then type and class.
	i := 12
	var labels []string
	for i < len(q) && q[i] != 0 {
		n := int(q[i])
		if n > 63 || i+1+n > len(q) {
			return nil
		}
		labels = append(labels, string(q[i+1:i+1+n]))
		i += 1 + n
	}
	if i+5 > len(q) {
		return nil
	}
	question := q[12 : i+5]
	qtype := binary.BigEndian.Uint16(q[i+1 : i+3])
	name := strings.ToLower(strings.Join(labels, "."))

	s.mu.Lock()
	s.asked = append(s.asked, name)
	reply, ok := s.replies[name]
	if !ok {
		reply = s.fallback
	}
	ips := s.addrs[name]
	s.mu.Unlock()

	var rcode uint16
	var answers [][]byte
	switch reply {
	case dnsSilent:
		return nil
	case dnsNXDomain:
		rcode = 3
	case dnsServFail:
		rcode = 2
	case dnsAddress:
		for _, ip := range ips {
			var rdata []byte
			var rtype uint16
			switch {
			case qtype == 1 && ip.To4() != nil:
				rtype, rdata = 1, ip.To4()
			case qtype == 28 && ip.To4() == nil:
				rtype, rdata = 28, ip.To16()
			default:
				continue
			}
			rr := []byte{0xc0, 12} // the name: a pointer to the question's
			rr = binary.BigEndian.AppendUint16(rr, rtype)
			rr = binary.BigEndian.AppendUint16(rr, 1) // class IN
			rr = binary.BigEndian.AppendUint32(rr, 60)
			rr = binary.BigEndian.AppendUint16(rr, uint16(len(rdata)))
			answers = append(answers, append(rr, rdata...))
		}
	}
	flags := binary.BigEndian.Uint16(q[2:4])
	// A response, the query's opcode and recursion-desired bit, recursion available, the rcode.
	flags = 0x8000 | flags&0x7900 | 0x0080 | rcode
	resp := append([]byte(nil), q[0:2]...)
	resp = binary.BigEndian.AppendUint16(resp, flags)
	resp = binary.BigEndian.AppendUint16(resp, 1)
	resp = binary.BigEndian.AppendUint16(resp, uint16(len(answers)))
	resp = append(resp, 0, 0, 0, 0)
	resp = append(resp, question...)
	for _, a := range answers {
		resp = append(resp, a...)
	}
	return resp
}

// refusedUDP is a loopback UDP address nothing listens on: a name server that isn't there, as when
// none is set up and Go's resolver falls back to asking 127.0.0.1:53.
func refusedUDP(t testing.TB) string {
	conn, err := net.ListenPacket("udp4", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	addr := conn.LocalAddr().String()
	conn.Close()
	return addr
}

// oldTLSServer is a payment site stuck on TLS 1.0 or 1.1 (maxVersion), from the lab's CA, that
// refuses the newer versions a client offers, as Go's server does (a protocol_version alert).
func (l *netLab) oldTLSServer(maxVersion uint16) int {
	cert := l.ca.leaf(l.t, []string{payHost}, time.Now().Add(-time.Hour), time.Now().Add(certYear))
	cfg := &tls.Config{Certificates: []tls.Certificate{cert}, MinVersion: tls.VersionTLS10, MaxVersion: maxVersion}
	ln := tls.NewListener(listenLoopback(l.t, "tcp4"), cfg)
	l.serveConns(ln, func(c net.Conn) {
		c.(*tls.Conn).Handshake()
	})
	return portOf(ln)
}

// oldHelloServer is an old server that picks its own version (which a server that predates TLS 1.3's
// version negotiation does): it answers any hello with a bare ServerHello for version.
func (l *netLab) oldHelloServer(version uint16) int {
	ln := listenLoopback(l.t, "tcp4")
	l.serveConns(ln, func(c net.Conn) {
		buf := make([]byte, 4096)
		if _, err := c.Read(buf); err != nil {
			return
		}
		body := binary.BigEndian.AppendUint16(nil, version)
		random := make([]byte, 32)
		rand.Read(random)
		body = append(body, random...)
		body = append(body, 0)          // no session id
		body = append(body, 0xc0, 0x09) // TLS_ECDHE_ECDSA_WITH_AES_128_CBC_SHA
		body = append(body, 0)          // no compression
		hs := append([]byte{2, 0, 0, byte(len(body))}, body...)
		rec := append([]byte{0x16, 0x03, 0x01}, binary.BigEndian.AppendUint16(nil, uint16(len(hs)))...)
		c.Write(append(rec, hs...))
		io.Copy(io.Discard, c)
	})
	return portOf(ln)
}

// serveConns accepts connections on ln and hands each to handle; the test's cleanup closes them all
// and waits.
func (l *netLab) serveConns(ln net.Listener, handle func(net.Conn)) {
	var wg sync.WaitGroup
	var mu sync.Mutex
	var conns []net.Conn
	wg.Add(1)
	go func() {
		defer wg.Done()
		for {
			c, err := ln.Accept()
			if err != nil {
				return
			}
			mu.Lock()
			conns = append(conns, c)
			mu.Unlock()
			wg.Add(1)
			go func() {
				defer wg.Done()
				defer c.Close()
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
}
