package web

import (
	"errors"
	"io"
	"log"
	"net"
	"net/http"
	"net/url"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/gorilla/websocket"

	"github.com/minka-gob/minka/internal/live"
	"github.com/minka-gob/minka/internal/netguard"
)

// floodFrom opens n TCP connections from src to addr and keeps those the
// server accepts (a sleeping attacker's idle sockets). It returns them.
func floodFrom(t *testing.T, src, addr string, n int) []net.Conn {
	t.Helper()
	var mu sync.Mutex
	var conns []net.Conn
	var wg sync.WaitGroup
	var next atomic.Int64
	for w := 0; w < 8; w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			d := net.Dialer{LocalAddr: &net.TCPAddr{IP: net.ParseIP(src)}, Timeout: 5 * time.Second}
			for next.Add(1) <= int64(n) {
				c, err := d.Dial("tcp", addr)
				if err != nil {
					continue // reset at once by the per-address cap
				}
				mu.Lock()
				conns = append(conns, c)
				mu.Unlock()
			}
		}()
	}
	wg.Wait()
	t.Cleanup(func() {
		for _, c := range conns {
			c.Close()
		}
	})
	return conns
}

// A flood of idle connections and anonymous websocket upgrades from one
// address (3,000 sockets, as many as a laptop's default file limit three
// times over) neither stops the server nor keeps others out: during it the
// login page answers within 2 s and a participant joins a table and its room.
func TestFloodFromOneAddressKeepsTheServerUp(t *testing.T) {
	if _, err := netguard.RaiseFileLimit(); err != nil {
		t.Fatal(err)
	}
	var guard *netguard.Listener
	e := newLiveEnvWith(t, func(c *Config) {
		c.Sockets = live.Limits{MaxSocketsPerIP: 8, JoinTimeout: time.Minute, CapLoopback: true}
	})
	// Restart the same server behind the connection limits.
	e.listen = func(ln net.Listener) net.Listener {
		guard = netguard.Wrap(ln, netguard.Limits{MaxConns: 1000, MaxConnsPerIP: 64, HandshakeTimeout: time.Minute, CapLoopback: true}, log.New(io.Discard, "", 0))
		return guard
	}
	e.restart()
	addr := strings.TrimPrefix(e.base, "http://")

	idle := floodFrom(t, "127.0.0.9", addr, 3000)
	if n := guard.OpenFrom("127.0.0.9"); n > 64 {
		t.Fatalf("%d connections open from the flooding address, cap 64", n)
	}
	if len(idle) < 64 {
		t.Fatalf("only %d flood connections got in; the test floods nothing", len(idle))
	}
	// Anonymous websocket upgrades from a second address: beyond 8 sockets 503.
	d := websocket.Dialer{NetDialContext: (&net.Dialer{LocalAddr: &net.TCPAddr{IP: net.ParseIP("127.0.0.10")}}).DialContext}
	upgraded, refused := 0, 0
	for i := 0; i < 40; i++ {
		c, resp, err := d.Dial("ws://"+addr+"/ws", nil)
		if err == nil {
			upgraded++
			t.Cleanup(func() { c.Close() })
			continue
		}
		if resp != nil && resp.StatusCode == http.StatusServiceUnavailable {
			refused++
		}
	}
	if upgraded != 8 || refused != 32 {
		t.Fatalf("anonymous upgrades from one address: %d open, %d refused; want 8 and 32", upgraded, refused)
	}

	// Meanwhile, from another address (127.0.0.1):
	client := &http.Client{Timeout: 2 * time.Second}
	resp, err := client.Get(e.base + "/login")
	if err != nil {
		t.Fatalf("GET /login during the flood: %v", err)
	}
	resp.Body.Close()
	wantStatus(t, resp, http.StatusOK)
	b := e.browser("")
	resp, _ = b.post("/join", url.Values{"code": {e.tables[0].ParticipantCode}})
	if resp.StatusCode != http.StatusSeeOther {
		t.Fatalf("join during the flood: %d", resp.StatusCode)
	}
	var tok string
	for _, c := range b.client.Jar.Cookies(mustURL(t, e.base)) {
		if c.Name == sessionCookie {
			tok = c.Value
		}
	}
	if tok == "" {
		t.Fatal("no session after joining")
	}
	e.dial(tok).join(e.room(0))
	if n := e.srv.live.Sockets(); n > 9 {
		t.Fatalf("%d websockets open, want the 8 of the flood and the participant's", n)
	}
}

// A websocket that never joins a room is closed after the join timeout.
func TestSocketThatNeverJoinsIsClosed(t *testing.T) {
	e := newLiveEnvWith(t, func(c *Config) { c.Sockets = live.Limits{JoinTimeout: 300 * time.Millisecond} })
	conn, _, err := websocket.DefaultDialer.Dial("ws"+strings.TrimPrefix(e.base, "http")+"/ws", nil)
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close()
	_ = conn.SetReadDeadline(time.Now().Add(10 * time.Second))
	start := time.Now()
	for {
		if _, _, err := conn.ReadMessage(); err != nil {
			var ne net.Error
			if ok := errors.As(err, &ne); ok && ne.Timeout() {
				t.Fatal("a socket that never joined was still open after 10 s")
			}
			break
		}
	}
	if waited := time.Since(start); waited > 9*time.Second {
		t.Fatalf("closed after %v", waited)
	}
	deadline := time.Now().Add(5 * time.Second)
	for e.srv.live.Sockets() != 0 && time.Now().Before(deadline) {
		time.Sleep(10 * time.Millisecond)
	}
	if n := e.srv.live.Sockets(); n != 0 {
		t.Fatalf("%d sockets still counted", n)
	}
}

func mustURL(t *testing.T, s string) *url.URL {
	u, err := url.Parse(s)
	if err != nil {
		t.Fatal(err)
	}
	return u
}
