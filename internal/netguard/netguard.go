// Package netguard keeps a server reachable under a connection flood: a
// net.Listener that caps connections per client address and in total, gives
// every new connection a deadline to say something, and survives running out
// of file descriptors (EMFILE) by backing off instead of returning the error
// that would end the accept loop and, with it, the server.
package netguard

import (
	"errors"
	"log"
	"net"
	"sync"
	"sync/atomic"
	"syscall"
	"time"
)

// Limits bound the connections a Listener keeps open; zero takes the default.
type Limits struct {
	// MaxConns caps open connections in total (HTTP and websockets alike).
	MaxConns int
	// MaxConnsPerIP caps open connections from one client address (an IPv6
	// client counts by its /64). Negative: no per-address cap (behind a proxy
	// every connection comes from the proxy's address).
	MaxConnsPerIP int
	// HandshakeTimeout is how long a new connection has to send its first
	// request (and finish its TLS handshake).
	HandshakeTimeout time.Duration
	// CapLoopback applies the per-address cap to loopback clients too. By
	// default they are exempt: on the laptop itself they are the
	// Secretariat's own browser, a reverse proxy on the same machine (every
	// visitor then arrives from 127.0.0.1) or a load test.
	CapLoopback bool
}

// Defaults are sized for a workshop of a few hundred people on one Wi-Fi,
// each phone or laptop with its own address, plus Forum members behind
// their offices' shared addresses. A browser opens up to six connections to
// a host, and a websocket per live screen.
var Defaults = Limits{MaxConns: 4096, MaxConnsPerIP: 128, HandshakeTimeout: 15 * time.Second}

// WithDefaults fills zero fields from Defaults.
func (l Limits) WithDefaults() Limits {
	if l.MaxConns == 0 {
		l.MaxConns = Defaults.MaxConns
	}
	if l.MaxConnsPerIP == 0 {
		l.MaxConnsPerIP = Defaults.MaxConnsPerIP
	}
	if l.HandshakeTimeout == 0 {
		l.HandshakeTimeout = Defaults.HandshakeTimeout
	}
	return l
}

// Listener wraps a net.Listener with the limits.
type Listener struct {
	net.Listener
	*counts
}

// counts are the open connections of one or more listeners sharing limits.
type counts struct {
	lim    Limits
	logger *log.Logger

	mu    sync.Mutex
	perIP map[string]int
	total int

	refused  atomic.Int64
	lastWarn atomic.Int64 // unix seconds of the last warning (at most one a minute)
}

// Wrap puts the limits around ln. logger receives (rate-limited) warnings;
// nil means the standard logger.
func Wrap(ln net.Listener, lim Limits, logger *log.Logger) *Listener {
	if logger == nil {
		logger = log.Default()
	}
	return &Listener{Listener: ln, counts: &counts{lim: lim.WithDefaults(), logger: logger, perIP: map[string]int{}}}
}

// Share puts another listener (HTTPS beside HTTP) under the same limits
// and counts: a client's connections to both count together.
func (l *Listener) Share(ln net.Listener) *Listener {
	return &Listener{Listener: ln, counts: l.counts}
}

// Listen opens a TCP listener on addr with the limits.
func Listen(addr string, lim Limits, logger *log.Logger) (*Listener, error) {
	ln, err := net.Listen("tcp", addr)
	if err != nil {
		return nil, err
	}
	return Wrap(ln, lim, logger), nil
}

// Accept returns the next connection within the limits. Connections beyond
// a limit are closed at once and never reach the server. A temporary
// failure — out of file descriptors, a connection aborted before it was
// accepted — is waited out with a growing pause (5 ms up to 1 s), so the
// server keeps serving the connections it has and accepts again as soon as
// descriptors are free.
func (l *Listener) Accept() (net.Conn, error) {
	pause := 5 * time.Millisecond
	for {
		c, err := l.Listener.Accept()
		if err != nil {
			if !retryable(err) {
				return nil, err
			}
			l.warn("accept: %v (retrying in %v)", err, pause)
			time.Sleep(pause)
			pause = min(2*pause, time.Second)
			continue
		}
		pause = 5 * time.Millisecond
		key := addrKey(c.RemoteAddr())
		if !l.admit(key) {
			l.refused.Add(1)
			l.warn("refused a connection from %s: limit of %d per address or %d in total reached", key, l.lim.MaxConnsPerIP, l.lim.MaxConns)
			if tc, ok := c.(*net.TCPConn); ok {
				_ = tc.SetLinger(0) // reset: free the descriptor now, no TIME_WAIT
			}
			_ = c.Close()
			continue
		}
		if l.lim.HandshakeTimeout > 0 {
			_ = c.SetReadDeadline(time.Now().Add(l.lim.HandshakeTimeout))
		}
		return &conn{Conn: c, l: l.counts, key: key}, nil
	}
}

// retryable tells the errors after which accepting again can succeed.
func retryable(err error) bool {
	if errors.Is(err, net.ErrClosed) {
		return false
	}
	for _, e := range []syscall.Errno{syscall.EMFILE, syscall.ENFILE, syscall.ENOBUFS, syscall.ENOMEM, syscall.ECONNABORTED, syscall.ECONNRESET, syscall.EINTR, syscall.EAGAIN} {
		if errors.Is(err, e) {
			return true
		}
	}
	var ne net.Error
	return errors.As(err, &ne) && ne.Timeout()
}

func (l *counts) admit(key string) bool {
	l.mu.Lock()
	defer l.mu.Unlock()
	if l.lim.MaxConns > 0 && l.total >= l.lim.MaxConns {
		return false
	}
	if l.lim.MaxConnsPerIP > 0 && l.perIP[key] >= l.lim.MaxConnsPerIP && (l.lim.CapLoopback || !IsLoopback(key)) {
		return false
	}
	l.total++
	l.perIP[key]++
	return true
}

func (l *counts) release(key string) {
	l.mu.Lock()
	defer l.mu.Unlock()
	l.total--
	if n := l.perIP[key] - 1; n > 0 {
		l.perIP[key] = n
	} else {
		delete(l.perIP, key)
	}
}

// Open is the number of connections open now.
func (l *counts) Open() int {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.total
}

// OpenFrom is the number of connections open now from addr's client.
func (l *counts) OpenFrom(ip string) int {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.perIP[ipKey(net.ParseIP(ip))]
}

// Refused is how many connections were closed for being beyond a limit.
func (l *counts) Refused() int64 { return l.refused.Load() }

func (l *counts) warn(format string, args ...any) {
	now := time.Now().Unix()
	last := l.lastWarn.Load()
	if now-last < 60 || !l.lastWarn.CompareAndSwap(last, now) {
		return
	}
	l.logger.Printf("netguard: "+format, args...)
}

// conn gives its slot back when closed (once, however many times Close is called).
type conn struct {
	net.Conn
	l    *counts
	key  string
	once sync.Once
}

// Unwrap is the connection underneath, for a writer that needs its socket
// (internal/live writes frames without blocking). Close it through c.
func (c *conn) Unwrap() net.Conn { return c.Conn }

func (c *conn) Close() error {
	err := c.Conn.Close()
	c.once.Do(func() { c.l.release(c.key) })
	return err
}

// addrKey is the client a connection counts against: its IP, or the /64 of
// an IPv6 address (one home or phone gets a whole /64 to pick from).
func addrKey(a net.Addr) string {
	switch a := a.(type) {
	case *net.TCPAddr:
		return ipKey(a.IP)
	}
	host, _, err := net.SplitHostPort(a.String())
	if err != nil {
		return a.String()
	}
	return ipKey(net.ParseIP(host))
}

func ipKey(ip net.IP) string {
	if ip == nil {
		return ""
	}
	if v4 := ip.To4(); v4 != nil {
		return v4.String()
	}
	return ip.Mask(net.CIDRMask(64, 128)).String() + "/64"
}

// IsLoopback reports whether a client key (or IP) is a loopback address.
func IsLoopback(key string) bool {
	ip := net.ParseIP(key)
	return ip != nil && ip.IsLoopback()
}

// ClientKey is the key a client address counts against (for other per-client
// limits that should agree with the listener's).
func ClientKey(ip string) string { return ipKey(net.ParseIP(ip)) }
