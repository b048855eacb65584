package live

import (
	"bytes"
	"encoding/json"
	"fmt"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"github.com/gorilla/websocket"
)

// socketPair is a server-side client over a real loopback websocket, and
// the peer that reads what it writes.
func socketPair(t *testing.T) (*client, *websocket.Conn) {
	t.Helper()
	conns := make(chan *websocket.Conn, 1)
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		conn, err := (&websocket.Upgrader{}).Upgrade(w, r, nil)
		if err != nil {
			t.Error(err)
			return
		}
		conns <- conn
	}))
	t.Cleanup(srv.Close)
	peer, _, err := websocket.DefaultDialer.Dial("ws"+strings.TrimPrefix(srv.URL, "http"), nil)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { peer.Close() })
	c := newClient(<-conns, Identity{}, 64)
	t.Cleanup(c.kick)
	if c.raw == nil {
		t.Fatal("a plain TCP websocket is not written at once")
	}
	return c, peer
}

func readFrame(t *testing.T, peer *websocket.Conn) []byte {
	t.Helper()
	peer.SetReadDeadline(time.Now().Add(10 * time.Second))
	_, b, err := peer.ReadMessage()
	if err != nil {
		t.Fatalf("reading a frame: %v", err)
	}
	return b
}

// A frame written at once must not fail on a deadline a pump set long
// before (it would close a healthy connection ten seconds after any ping).
func TestFrameWrittenAtOnceIgnoresAnOldDeadline(t *testing.T) {
	c, peer := socketPair(t)
	c.conn.NetConn().SetWriteDeadline(time.Now().Add(-time.Second))
	if !c.queue(outFrame{raw: []byte(`{"type":"pong"}`)}) {
		t.Fatal("frame refused")
	}
	if got := readFrame(t, peer); string(got) != `{"type":"pong"}` {
		t.Fatalf("got %q", got)
	}
	if c.ended() {
		t.Fatal("the connection was ended")
	}
}

// Frames larger than the socket takes at once (a slow reader) arrive whole
// and in order: the rest of a write made at once goes out before anything
// queued after it.
func TestFramesBeyondTheSocketBufferArriveWholeAndInOrder(t *testing.T) {
	c, peer := socketPair(t)
	var want [][]byte
	for i := range 3 {
		f := bytes.Repeat([]byte{'a' + byte(i)}, 300<<10)
		want = append(want, f)
		if !c.queue(outFrame{raw: f}) {
			t.Fatalf("frame %d refused", i)
		}
	}
	time.Sleep(100 * time.Millisecond) // the peer reads late
	for i, w := range want {
		if got := readFrame(t, peer); !bytes.Equal(got, w) {
			t.Fatalf("frame %d: %d bytes of %q…, want %d of %q", i, len(got), got[:min(len(got), 4)], len(w), w[:4])
		}
	}
}

// A burst of events reaches each member in one write, not one write per
// event: the room queues the burst for every member, then writes each
// member's queue once (flush), framing it in the room's buffer, which the
// next member and the next burst reuse.
func TestRoomWritesABurstOnceToEachMember(t *testing.T) {
	for _, lines := range []bool{false, true} {
		t.Run(fmt.Sprintf("lines=%v", lines), func(t *testing.T) {
			h := newTestHub(t, &fakeSource{}, HubOptions{})
			r := newRoom(h, testRoom)
			r.gap, r.presence = stoppedTimer(), stoppedTimer()
			var members []*client
			var peers []*websocket.Conn
			for range 2 {
				c, peer := socketPair(t)
				c.lines = lines
				r.members[c] = &member{live: true}
				members, peers = append(members, c), append(peers, peer)
			}
			seq := int64(0)
			for _, burst := range []int{50, 7} { // each under the client's queue of 64
				for range burst {
					seq++
					f, err := encodeEvent(ev(seq))
					if err != nil {
						t.Fatal(err)
					}
					r.sequence(f)
				}
				for _, c := range members {
					c.qmu.Lock()
					queued := len(c.q)
					c.qmu.Unlock()
					if queued != burst {
						t.Fatalf("%d frames queued before the flush, want %d (each written on its own?)", queued, burst)
					}
				}
				r.flush()
				for _, peer := range peers {
					readBurst(t, peer, lines, seq-int64(burst)+1, burst)
				}
			}
		})
	}
}

// readBurst reads n event frames of seqs from first on: with lines one
// message, a frame per line; without, a message per frame.
func readBurst(t *testing.T, peer *websocket.Conn, lines bool, first int64, n int) {
	t.Helper()
	var frames [][]byte
	if lines {
		frames = bytes.Split(readFrame(t, peer), []byte("\n"))
	}
	for !lines && len(frames) < n {
		frames = append(frames, readFrame(t, peer))
	}
	if len(frames) != n {
		t.Fatalf("%d frames, want %d", len(frames), n)
	}
	for i, b := range frames {
		var f struct {
			Type string `json:"type"`
			Seq  int64  `json:"seq"`
		}
		if err := json.Unmarshal(b, &f); err != nil || f.Type != "event" || f.Seq != first+int64(i) {
			t.Fatalf("frame %d: %s (%v), want the event of seq %d", i, b, err, first+int64(i))
		}
	}
}
