package web

import (
	"bufio"
	"errors"
	"fmt"
	"net"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"time"

	"github.com/gofiber/fiber/v2"

	"github.com/minka-gob/minka/internal/live"
	"github.com/minka-gob/minka/internal/netguard"
)

// liveSocket upgrades GET /ws to the live protocol (docs/PROTOCOL.md).
// gorilla/websocket speaks net/http, Fiber fasthttp: the connection is
// taken over from fasthttp (Hijack) and handed to gorilla through a
// minimal http.ResponseWriter (hijackWriter). fasthttp runs the hijack
// handler on a goroutine of its own and, with KeepHijackedConns (set in
// New), lets go of the connection and of its request's memory when the
// handler returns: the upgrade happens there and the websocket then runs
// on the live server's goroutines, holding nothing of fasthttp's.
// The caller's principal and language are resolved here, in Fiber, and
// handed over as copies.
func (s *Server) liveSocket(c *fiber.Ctx) error {
	if !strings.EqualFold(c.Get(fiber.HeaderUpgrade), "websocket") {
		return fiber.NewError(fiber.StatusUpgradeRequired)
	}
	who := live.Identity{Principal: principal(c), Lang: strings.Clone(lang(c)),
		Addr: strings.Clone(netguard.ClientKey(c.IP())), Device: strings.Clone(device(c))}
	r := &http.Request{Method: strings.Clone(c.Method()), Host: string(c.Context().Host()), Header: http.Header{},
		URL: &url.URL{Path: "/ws", RawQuery: string(c.Request().URI().QueryString())}}
	for _, name := range upgradeHeaders {
		if v := c.Request().Header.Peek(name); len(v) > 0 {
			r.Header.Set(name, string(v))
		}
	}
	fctx := c.Context()
	fctx.HijackSetNoResponse(true)
	fctx.Hijack(func(nc net.Conn) {
		w := &hijackWriter{hj: nc, raw: nc}
		if u, ok := nc.(interface{ UnsafeConn() net.Conn }); ok {
			w.raw = u.UnsafeConn()
		}
		s.live.ServeWS(w, r, who)
		w.finish()
	})
	return nil
}

// upgradeHeaders are the request headers gorilla's Upgrader reads.
var upgradeHeaders = []string{"Connection", "Upgrade", "Sec-WebSocket-Version", "Sec-WebSocket-Key",
	"Sec-WebSocket-Protocol", "Sec-WebSocket-Extensions", "Origin"}

// hijackWriter is the http.ResponseWriter gorilla's Upgrader gets inside
// fasthttp's hijack handler. Hijack hands over the raw connection; an
// upgrade refused before that (a bad handshake, another origin, too many
// sockets) is recorded and written as a plain HTTP response by finish.
type hijackWriter struct {
	hj       net.Conn // fasthttp's view: reads what its reader had buffered first
	raw      net.Conn // the connection itself
	hijacked bool
	header   http.Header
	status   int
	body     []byte
}

func (w *hijackWriter) Header() http.Header {
	if w.header == nil {
		w.header = http.Header{}
	}
	return w.header
}

func (w *hijackWriter) WriteHeader(code int) {
	if w.status == 0 {
		w.status = code
	}
}

func (w *hijackWriter) Write(b []byte) (int, error) {
	w.WriteHeader(http.StatusOK)
	w.body = append(w.body, b...)
	return len(b), nil
}

// errEarlyData refuses a client that sent data before the handshake was
// answered (RFC 6455 §4.1 forbids it; gorilla refuses it too).
var errEarlyData = errors.New("websocket: client sent data before handshake is complete")

// Hijack hands the connection to gorilla. fasthttp takes back its read
// buffer when the hijack handler returns, so a client whose bytes already
// sit in it (it did not wait for the handshake) is refused: a read with a
// deadline in the past returns what is buffered, or nothing without
// touching the socket.
func (w *hijackWriter) Hijack() (net.Conn, *bufio.ReadWriter, error) {
	if w.hj != w.raw {
		var one [1]byte
		_ = w.raw.SetReadDeadline(time.Unix(1, 0))
		n, _ := w.hj.Read(one[:])
		_ = w.raw.SetReadDeadline(time.Time{})
		if n > 0 {
			return nil, nil, errEarlyData
		}
	}
	w.hijacked = true
	// Small buffers: gorilla reads through its own (ReadBufferSize) and
	// writes the handshake answer straight to the connection.
	return w.raw, bufio.NewReadWriter(bufio.NewReaderSize(w.raw, 16), bufio.NewWriterSize(w.raw, 16)), nil
}

// finish writes the recorded answer of a refused upgrade and closes the
// connection (fasthttp no longer does: KeepHijackedConns).
func (w *hijackWriter) finish() {
	if w.hijacked {
		return // the websocket owns the connection now
	}
	status := w.status
	if status == 0 {
		status = http.StatusInternalServerError
	}
	var b []byte
	b = fmt.Appendf(b, "HTTP/1.1 %d %s\r\n", status, http.StatusText(status))
	for k, vs := range w.header {
		if k == "Content-Length" || k == "Connection" {
			continue
		}
		for _, v := range vs {
			b = fmt.Appendf(b, "%s: %s\r\n", k, strings.NewReplacer("\r", " ", "\n", " ").Replace(v))
		}
	}
	b = append(b, "Content-Length: "+strconv.Itoa(len(w.body))+"\r\nConnection: close\r\n\r\n"...)
	b = append(b, w.body...)
	_ = w.raw.SetWriteDeadline(time.Now().Add(5 * time.Second))
	_, _ = w.raw.Write(b)
	_ = w.raw.Close()
}

// closeEndedSockets closes the websockets whose session the request just
// ended (a regenerated code, a changed password, a renewed link): they get
// close code 4401 and their operations still queued are refused.
func (s *Server) closeEndedSockets(c *fiber.Ctx) { s.live.Revalidate(c.UserContext()) }
