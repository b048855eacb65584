package web

import (
	"bufio"
	"net"
	"net/http"
	"runtime"
	"strings"
	"testing"
	"time"

	"github.com/gorilla/websocket"

	"github.com/minka-gob/minka/internal/model"
)

// The upgrade is taken over from fasthttp: a refused one still gets a real
// HTTP answer (another site's page: 403; a client that did not wait for
// the handshake: refused and closed), and a good one works after them.
func TestWebsocketUpgradeRefusalsAreAnsweredOverHTTP(t *testing.T) {
	e := newLiveEnv(t)
	addr := strings.TrimPrefix(e.base, "http://")
	url := "ws://" + addr + "/ws"

	h := http.Header{}
	h.Set("Origin", "http://evil.example")
	if _, resp, err := websocket.DefaultDialer.Dial(url, h); err == nil || resp == nil || resp.StatusCode != http.StatusForbidden {
		t.Fatalf("upgrade from another origin: err %v, response %v; want 403", err, resp)
	}

	// A handshake followed at once, in the same write, by a frame.
	nc, err := net.Dial("tcp", addr)
	if err != nil {
		t.Fatal(err)
	}
	defer nc.Close()
	req := "GET /ws HTTP/1.1\r\nHost: " + addr + "\r\nConnection: Upgrade\r\nUpgrade: websocket\r\n" +
		"Sec-WebSocket-Version: 13\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n\r\n"
	early := []byte{0x81, 0x80, 1, 2, 3, 4} // an empty masked text frame
	if _, err := nc.Write(append([]byte(req), early...)); err != nil {
		t.Fatal(err)
	}
	nc.SetReadDeadline(time.Now().Add(10 * time.Second))
	resp, err := http.ReadResponse(bufio.NewReader(nc), nil)
	if err != nil {
		t.Fatalf("no HTTP answer to an upgrade with early data: %v", err)
	}
	resp.Body.Close()
	if resp.StatusCode == http.StatusSwitchingProtocols {
		t.Fatal("upgraded a client that sent data before the handshake was answered")
	}

	c := e.dial(e.seat(model.RoleParticipant, 0))
	c.join(e.room(0))
	if n := e.srv.live.Sockets(); n != 1 {
		t.Fatalf("%d websockets open, want 1", n)
	}
}

// An idle websocket runs one goroutine, its read loop: the write pump runs
// only while there is something to write, and answers have no goroutine of
// their own (before: four per socket, with the net/http adaptor's two).
func TestIdleWebsocketsRunOneGoroutineEach(t *testing.T) {
	e := newLiveEnv(t)
	tok := e.seat(model.RoleParticipant, 0)
	warm := e.dial(tok) // the room, the revalidation loop and the like
	warm.join(e.room(0))
	settle := func(want func(int) bool) int {
		var n int
		for deadline := time.Now().Add(20 * time.Second); time.Now().Before(deadline); time.Sleep(20 * time.Millisecond) {
			if n = runtime.NumGoroutine(); want(n) {
				return n
			}
		}
		return n
	}
	// The test's own clients each run a reading goroutine (dial): 1 per socket.
	const sockets = 40
	time.Sleep(300 * time.Millisecond)
	base := runtime.NumGoroutine()
	for range sockets {
		e.dial(tok).join(e.room(0))
	}
	// Server: 1 per socket; test client: 1 per socket; some slack for
	// presence timers' and fasthttp's passing goroutines.
	const slack = 10
	if n := settle(func(n int) bool { return n-base <= 2*sockets+slack }); n-base > 2*sockets+slack {
		t.Fatalf("%d goroutines more for %d idle websockets (with the test's %d readers); want at most %d",
			n-base, sockets, sockets, 2*sockets+slack)
	}
}
