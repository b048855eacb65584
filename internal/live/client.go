package live

import (
	"encoding/json"
	"sync"
	"time"

	"github.com/gorilla/websocket"

	"github.com/minka-gob/minka/internal/model"
)

// Timing of a connection: a peer that answers no ping within pongWait is
// gone; a write that takes longer than writeWait means a dead or hopelessly
// slow peer.
const (
	writeWait  = 10 * time.Second
	pongWait   = 40 * time.Second
	pingPeriod = pongWait * 2 / 3
)

// outFrame is one message queued for a client: a broadcast prepared once for
// every member of a room (pm, with raw its bytes), or bytes for this client
// alone (raw only).
type outFrame struct {
	pm  *websocket.PreparedMessage
	raw []byte
}

// Identity is what the HTTP side resolved about the caller before the
// upgrade (the *http.Request inside Fiber's adaptor points into fasthttp
// memory, so nothing is read from it later).
type Identity struct {
	Principal model.Principal
	Lang      string
}

// client is one websocket connection. Its write pump is the only writer of
// conn; anyone may queue frames on send. Nobody closes send: done says the
// client is finished (dropped, disconnected or shutting down).
type client struct {
	conn *websocket.Conn // nil in hub tests
	who  Identity
	lang string
	send chan outFrame
	done chan struct{}
	once sync.Once

	// replies holds the answers to the client's messages in order (at most
	// MaxInFlight); answer sends them and closes answered when done.
	replies  chan reply
	answered chan struct{}

	// Set by join, read by the connection's read loop only.
	room      *room
	roomName  string
	tableID   string
	workshop  string
	can       Abilities
	raterBase string
}

func newClient(conn *websocket.Conn, who Identity, queue int) *client {
	return &client{conn: conn, who: who, lang: who.Lang, send: make(chan outFrame, queue), done: make(chan struct{}),
		replies: make(chan reply, MaxInFlight), answered: make(chan struct{})}
}

// identity is who the client is for presence: one person may open several screens.
func (c *client) identity() string {
	p := c.who.Principal
	switch {
	case p.AdminID != "":
		return "admin:" + p.AdminID
	case p.SessionID != "":
		return p.SessionID
	}
	return ""
}

// role is the presence role of the client.
func (c *client) role() string {
	if c.who.Principal.Role == "" {
		return "public"
	}
	return c.who.Principal.Role
}

// kick ends the client: its write pump stops and closes the connection,
// which ends its read loop. Safe to call many times, from any goroutine.
func (c *client) kick() {
	c.once.Do(func() { close(c.done) })
}

// queue hands f to the write pump without waiting. A client whose queue is
// full is too slow for the room and is dropped: it will reconnect and resume.
func (c *client) queue(f outFrame) bool {
	select {
	case c.send <- f:
		return true
	case <-c.done:
		return false
	default:
		c.kick()
		return false
	}
}

// queueWait hands f to the write pump, waiting for room in the queue: used
// while replaying to this client alone, where waiting slows nobody else.
func (c *client) queueWait(f outFrame) bool {
	select {
	case c.send <- f:
		return true
	case <-c.done:
		return false
	}
}

// sendJSON encodes v and queues it for this client.
func (c *client) sendJSON(v any, wait bool) bool {
	b, err := json.Marshal(v)
	if err != nil {
		return false
	}
	if wait {
		return c.queueWait(outFrame{raw: b})
	}
	return c.queue(outFrame{raw: b})
}

// writePump writes queued frames and pings until the client is done.
func (c *client) writePump() {
	ticker := time.NewTicker(pingPeriod)
	defer func() {
		ticker.Stop()
		c.conn.Close()
	}()
	for {
		select {
		case f := <-c.send:
			c.conn.SetWriteDeadline(time.Now().Add(writeWait))
			var err error
			if f.pm != nil {
				err = c.conn.WritePreparedMessage(f.pm)
			} else {
				err = c.conn.WriteMessage(websocket.TextMessage, f.raw)
			}
			if err != nil {
				c.kick()
				return
			}
		case <-ticker.C:
			if err := c.conn.WriteControl(websocket.PingMessage, nil, time.Now().Add(writeWait)); err != nil {
				c.kick()
				return
			}
		case <-c.done:
			_ = c.conn.WriteControl(websocket.CloseMessage,
				websocket.FormatCloseMessage(websocket.CloseGoingAway, ""), time.Now().Add(time.Second))
			return
		}
	}
}
