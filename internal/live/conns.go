package live

import (
	"context"
	"net"
	"net/http"
	"sync"
	"time"
)

// CloseSessionEnded is the websocket close code sent when the session a
// connection was opened with ends: logout, a regenerated join code, a
// changed password, a renewed Forum link, expiry (docs/PROTOCOL.md).
const CloseSessionEnded = 4401

// CloseReasonSessionEnded is the close frame's reason with CloseSessionEnded.
const CloseReasonSessionEnded = "session_ended"

// Limits bound the websockets of a server; zero takes the default.
type Limits struct {
	// MaxSockets caps open websockets in total (default 2000).
	MaxSockets int
	// MaxSocketsPerIP caps open websockets from one client address
	// (default 32; negative: none, e.g. behind a proxy).
	MaxSocketsPerIP int
	// CapLoopback applies MaxSocketsPerIP to loopback clients too (by
	// default they are exempt: the laptop itself, a local proxy, load tests).
	CapLoopback bool
	// JoinTimeout is how long a new websocket has to join a room (default
	// 15 s): a socket that never joins (the public can join nothing) is closed.
	JoinTimeout time.Duration
	// RevalidateEvery is how often the sessions of open websockets are
	// checked again, so that an expired session's socket closes (default 30 s).
	RevalidateEvery time.Duration
}

func (l *Limits) defaults() {
	if l.MaxSockets == 0 {
		l.MaxSockets = 2000
	}
	if l.MaxSocketsPerIP == 0 {
		l.MaxSocketsPerIP = 32
	}
	if l.JoinTimeout <= 0 {
		l.JoinTimeout = 15 * time.Second
	}
	if l.RevalidateEvery <= 0 {
		l.RevalidateEvery = 30 * time.Second
	}
}

// conns counts the open websockets per client address and registers them by
// session, so that ending a session closes its sockets.
type conns struct {
	lim Limits

	mu        sync.Mutex
	total     int
	perIP     map[string]int
	bySession map[string]map[*client]struct{}

	// loop is the server's revalidation loop, started with the first
	// registered socket (a server that never has one runs no goroutine).
	loop      func()
	startLoop sync.Once
}

func newConns(lim Limits) *conns {
	lim.defaults()
	return &conns{lim: lim, perIP: map[string]int{}, bySession: map[string]map[*client]struct{}{}}
}

// reserve takes a slot for a websocket from addr, or reports that a limit is reached.
func (r *conns) reserve(addr string) bool {
	r.mu.Lock()
	defer r.mu.Unlock()
	if r.lim.MaxSockets > 0 && r.total >= r.lim.MaxSockets {
		return false
	}
	if r.lim.MaxSocketsPerIP > 0 && r.perIP[addr] >= r.lim.MaxSocketsPerIP && (r.lim.CapLoopback || !isLoopback(addr)) {
		return false
	}
	r.total++
	r.perIP[addr]++
	return true
}

func (r *conns) release(addr string) {
	r.mu.Lock()
	defer r.mu.Unlock()
	r.total--
	if n := r.perIP[addr] - 1; n > 0 {
		r.perIP[addr] = n
	} else {
		delete(r.perIP, addr)
	}
}

func (r *conns) add(c *client) {
	r.startLoop.Do(func() { go r.loop() })
	id := c.who.Principal.SessionID
	if id == "" {
		return
	}
	r.mu.Lock()
	defer r.mu.Unlock()
	set := r.bySession[id]
	if set == nil {
		set = map[*client]struct{}{}
		r.bySession[id] = set
	}
	set[c] = struct{}{}
}

func (r *conns) remove(c *client) {
	id := c.who.Principal.SessionID
	r.mu.Lock()
	defer r.mu.Unlock()
	if set := r.bySession[id]; set != nil {
		delete(set, c)
		if len(set) == 0 {
			delete(r.bySession, id)
		}
	}
}

func (r *conns) sessions() []string {
	r.mu.Lock()
	defer r.mu.Unlock()
	ids := make([]string, 0, len(r.bySession))
	for id := range r.bySession {
		ids = append(ids, id)
	}
	return ids
}

// Sockets is how many websockets are open (tests and statistics).
func (s *Server) Sockets() int {
	s.conns.mu.Lock()
	defer s.conns.mu.Unlock()
	return s.conns.total
}

// Revoke closes every websocket opened with one of these sessions (token
// hashes, model.Principal.SessionID) with CloseSessionEnded. Their
// operations not yet written are refused: every write of a connection
// checks its session inside the write transaction.
func (s *Server) Revoke(sessionIDs ...string) {
	var victims []*client
	s.conns.mu.Lock()
	for _, id := range sessionIDs {
		for c := range s.conns.bySession[id] {
			victims = append(victims, c)
		}
	}
	s.conns.mu.Unlock()
	for _, c := range victims {
		c.closeWith(CloseSessionEnded)
	}
}

// Revalidate checks the session of every open websocket and closes those
// whose session has ended. Call it after anything that ends sessions; it
// also runs every Limits.RevalidateEvery, which catches expiry.
func (s *Server) Revalidate(ctx context.Context) {
	var dead []string
	for _, id := range s.conns.sessions() {
		alive, err := s.store.SessionAlive(ctx, id)
		if err != nil {
			continue // try again next time rather than cut people off on a read error
		}
		if !alive {
			dead = append(dead, id)
		}
	}
	if len(dead) > 0 {
		s.Revoke(dead...)
	}
}

// revalidateLoop runs Revalidate until the server closes.
func (s *Server) revalidateLoop() {
	t := time.NewTicker(s.conns.lim.RevalidateEvery)
	defer t.Stop()
	for {
		select {
		case <-t.C:
			ctx, cancel := context.WithTimeout(context.Background(), s.conns.lim.RevalidateEvery)
			s.Revalidate(ctx)
			cancel()
		case <-s.quit:
			return
		}
	}
}

// tooManySockets answers an upgrade beyond a limit.
func tooManySockets(w http.ResponseWriter) {
	w.Header().Set("Retry-After", "10")
	http.Error(w, http.StatusText(http.StatusServiceUnavailable), http.StatusServiceUnavailable)
}

func isLoopback(addr string) bool {
	ip := net.ParseIP(addr)
	return ip != nil && ip.IsLoopback()
}
