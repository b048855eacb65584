package live

import (
	"encoding/json"
	"slices"
	"sync"
	"sync/atomic"
	"syscall"
	"time"

	"github.com/gorilla/websocket"

	"github.com/minka-gob/minka/internal/liveproto"
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

// outFrame is one message queued for a client: its JSON text. A broadcast
// is encoded once and the same bytes are queued for every member.
type outFrame struct {
	raw []byte
}

// Identity is what the HTTP side resolved about the caller before the
// upgrade (the *http.Request inside Fiber's adaptor points into fasthttp
// memory, so nothing is read from it later).
type Identity struct {
	Principal model.Principal
	Lang      string
	// Addr is the client's address as the HTTP side sees it, for the
	// per-address websocket limit.
	Addr string
	// Device is the device cookie (see RaterOf), "" when absent.
	Device string
}

// client is one websocket connection. Anyone may queue frames (queue,
// queueWait); a write pump, started only while there is something to write
// (frames, a ping, the close), is the only writer of conn. An idle
// connection therefore runs one goroutine, its read loop. done says the
// client is finished (dropped, disconnected or shutting down).
type client struct {
	conn *websocket.Conn // nil in hub tests
	who  Identity
	lang string
	done chan struct{}
	once sync.Once
	// closeCode, when set, is the close code the write pump sends (else 1001).
	closeCode atomic.Int32
	// joined is set once the client is in a room (the join timer reads it).
	joined atomic.Bool

	// The send queue: frames waiting for the write pump, bounded by
	// maxFrames and by MaxQueueBytes. pumping says a pump goroutine is
	// running (it runs until the queue is empty); pingDue asks it for a
	// ping; space tells a replay waiting in queueWait that the pump took
	// frames. wake, only in hub tests (no connection), is signalled
	// instead of starting a pump.
	qmu       sync.Mutex
	q         []outFrame
	qBytes    int
	maxFrames int
	pumping   bool
	pingDue   bool
	closed    bool // the pump has written the close frame and closed conn
	space     chan struct{}
	wake      chan struct{}
	pinger    *time.Timer
	// partial is what the socket did not take of a write made at once
	// (writeNow): the pump writes it before anything else.
	partial []byte
	// raw is the socket itself when it is plain TCP (not TLS): frames are
	// then written at once by whoever queues them (writeNow), without
	// blocking, and only what the socket does not take waits for a pump.
	raw syscall.RawConn
	// writeBy is the write deadline set on conn, renewed only when less
	// than half of writeWait is left (a deadline costs a timer update).
	writeBy time.Time
	// lines is set for a client that asked for several frames per message
	// (/ws?frames=lines): a burst then goes out as one message, a frame per
	// line (docs/PROTOCOL.md). Set before the first write.
	lines bool

	// The answers to the client's messages, in the order of the messages:
	// pending holds those not yet sent (an operation's answer is known once
	// it is applied); whoever settles the first one sends every answer then
	// due (settle). window bounds them to MaxInFlight (made by the first
	// message that needs an answer); drained, when set, is closed once
	// none is pending (drain).
	amu     sync.Mutex
	pending []*answer
	window  chan struct{}
	drained chan struct{}

	// Set by join, read by the connection's read loop only.
	room      *room
	roomName  string
	tableID   string
	workshop  string
	can       liveproto.Abilities
	raterBase string
}

func newClient(conn *websocket.Conn, who Identity, queue int) *client {
	c := &client{conn: conn, who: who, lang: who.Lang, maxFrames: queue, done: make(chan struct{}),
		space: make(chan struct{}, 1)}
	if conn == nil {
		c.wake = make(chan struct{}, 1)
	} else {
		c.raw = rawConnOf(conn.NetConn())
	}
	return c
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

// kick ends the client: its write pump sends the close frame and closes
// the connection, which ends its read loop. Safe to call many times, from
// any goroutine.
func (c *client) kick() {
	c.once.Do(func() {
		close(c.done)
		c.qmu.Lock()
		c.startPumpLocked()
		c.qmu.Unlock()
	})
}

// closeWith ends the client with a close frame of this code.
func (c *client) closeWith(code int) {
	c.closeCode.CompareAndSwap(0, int32(code))
	c.kick()
}

// ended reports whether the client is finished (kicked, dropped or revoked).
func (c *client) ended() bool {
	select {
	case <-c.done:
		return true
	default:
		return false
	}
}

// MaxQueueBytes bounds the bytes waiting in one client's send queue.
const MaxQueueBytes = 1 << 20

// replayQueue is how many frames a replay (queueWait) lets pile up before
// waiting for the pump: a client catching up never holds much in memory.
const replayQueue = 64

// queue hands f to the write pump without waiting. A client whose queue is
// full is too slow for the room and is dropped: it will reconnect and resume.
func (c *client) queue(f outFrame) bool { return c.enqueue(f, true) }

// enqueue queues f; with flush false it does not start the pump, so that
// the next frame queued goes out in the same write (a join's welcome and
// what follows it, a room's burst of events: see flush).
func (c *client) enqueue(f outFrame, flush bool) bool {
	if !c.lockQueue() {
		return false
	}
	if len(c.q) >= c.maxFrames || c.qBytes+len(f.raw) > MaxQueueBytes {
		c.qmu.Unlock()
		c.kick()
		return false
	}
	c.q = append(c.q, f)
	c.qBytes += len(f.raw)
	if flush {
		c.flushLocked(nil)
		return true
	}
	c.qmu.Unlock()
	return true
}

// flush writes out what enqueue queued without flushing; false if the
// client is gone. buf, if not nil, is lent for the write (see writeNow).
func (c *client) flush(buf *[]byte) bool {
	if !c.lockQueue() {
		return false
	}
	c.flushLocked(buf)
	return true
}

// lockQueue takes c.qmu, unless the client is gone (false, not held).
func (c *client) lockQueue() bool {
	c.qmu.Lock()
	select {
	case <-c.done:
		c.qmu.Unlock()
		return false
	default:
		return true
	}
}

// flushLocked (c.qmu held, and released) writes the queue now if nobody
// is writing, from this goroutine (the room's for a broadcast), rather
// than wake a pump per frame; otherwise the pump takes it.
func (c *client) flushLocked(buf *[]byte) {
	if len(c.q) == 0 {
		c.qmu.Unlock()
		return
	}
	if c.raw != nil && !c.pumping && !c.closed {
		frames := c.q
		c.q, c.qBytes = nil, 0
		c.pumping = true
		c.qmu.Unlock()
		if len(frames) > 1 {
			signal(c.space)
		}
		c.writeNow(frames, buf)
		return
	}
	c.startPumpLocked()
	c.qmu.Unlock()
}

// writeNow writes frames without blocking; the caller holds the write
// turn (pumping). What the socket does not take now, and anything queued
// meanwhile (a ping, the close), is left to a pump, which gets the turn.
// lent, if not nil, is the buffer to frame them in, kept by the caller
// (a room writing the same burst to each member, burst after burst);
// otherwise one is borrowed from frameBufs.
func (c *client) writeNow(frames []outFrame, lent *[]byte) {
	bp := lent
	if bp == nil {
		bp = frameBufs.Get().(*[]byte)
	}
	buf := framed((*bp)[:0], nil, frames, c.lines)
	n, err := tryWrite(c.raw, buf)
	c.qmu.Lock()
	if err == nil && n < len(buf) {
		c.partial = append(c.partial, buf[n:]...)
	}
	if c.partial != nil || len(c.q) > 0 || c.pingDue || c.ended() {
		go c.pump()
	} else {
		c.pumping = false
	}
	c.qmu.Unlock()
	if lent != nil {
		*lent = buf[:0]
	} else {
		releaseFramed(bp, buf)
	}
	if err != nil {
		c.kick() // the pump closes the connection
	}
}

// startPumpLocked starts the write pump unless it runs (c.qmu held).
func (c *client) startPumpLocked() {
	if c.wake != nil {
		signal(c.wake)
		return
	}
	if c.pumping || c.closed {
		return
	}
	c.pumping = true
	go c.pump()
}

// queueWait hands f to the write pump, waiting while the queue holds
// replayQueue frames: used while replaying to this client alone, where
// waiting slows nobody else. With flush false the pump is not started (see
// enqueue), unless the queue is full enough to wait for it.
func (c *client) queueWait(f outFrame, flush bool) bool {
	for {
		c.qmu.Lock()
		if len(c.q) < min(replayQueue, c.maxFrames) {
			c.qmu.Unlock()
			return c.enqueue(f, flush)
		}
		c.startPumpLocked()
		c.qmu.Unlock()
		select {
		case <-c.space:
		case <-c.done:
			return false
		}
	}
}

// take empties the queue, returning what it held, in order.
func (c *client) take() []outFrame {
	c.qmu.Lock()
	q := c.q
	c.q, c.qBytes = nil, 0
	c.qmu.Unlock()
	if len(q) > 0 {
		signal(c.space)
	}
	return q
}

func signal(ch chan struct{}) {
	select {
	case ch <- struct{}{}:
	default:
	}
}

// appender is a frame that writes its own JSON (liveproto's event and ack).
type appender interface {
	AppendJSON([]byte) ([]byte, error)
}

// sendJSON encodes v and queues it for this client.
func (c *client) sendJSON(v any, wait bool) bool {
	var b []byte
	var err error
	if a, ok := v.(appender); ok {
		b, err = a.AppendJSON(nil)
	} else {
		b, err = json.Marshal(v)
	}
	if err != nil {
		return false
	}
	if wait {
		return c.queueWait(outFrame{raw: b}, true)
	}
	return c.queue(outFrame{raw: b})
}

// startPings arms the keepalive: every pingPeriod the pump is asked to
// write a ping. A timer, not a goroutine per connection.
func (c *client) startPings() {
	c.qmu.Lock()
	defer c.qmu.Unlock()
	if c.closed {
		return
	}
	c.pinger = time.AfterFunc(pingPeriod, c.ping)
}

func (c *client) ping() {
	c.qmu.Lock()
	defer c.qmu.Unlock()
	if c.closed {
		return
	}
	c.pingDue = true
	c.startPumpLocked()
	c.pinger.Reset(pingPeriod)
}

// pump writes what is queued, then pings when due, until nothing is left;
// then it ends (the next frame starts another). When the client is done
// it writes the close frame and closes the connection instead. All the
// frames queued when it looks go out in one write (coalescing): a burst
// of events costs one syscall, not one per frame.
func (c *client) pump() {
	for {
		c.qmu.Lock()
		if c.ended() {
			c.closed = true
			c.q, c.qBytes, c.partial = nil, 0, nil
			if c.pinger != nil {
				c.pinger.Stop()
			}
			c.qmu.Unlock()
			signal(c.space)
			c.writeClose()
			return
		}
		q, partial := c.q, c.partial
		c.q, c.qBytes, c.partial = nil, 0, nil
		ping := c.pingDue
		c.pingDue = false
		if len(q) == 0 && !ping && partial == nil {
			if !c.writeBy.IsZero() {
				// Frames written at once (writeNow) must not meet this
				// pump's deadline, long after it.
				c.conn.NetConn().SetWriteDeadline(time.Time{})
				c.writeBy = time.Time{}
			}
			c.pumping = false
			c.qmu.Unlock()
			return
		}
		c.qmu.Unlock()
		if len(q) > 0 {
			signal(c.space)
		}
		err := c.writeFrames(partial, q)
		if err == nil && ping {
			c.writeBy = time.Now().Add(writeWait) // WriteControl sets it on conn
			err = c.conn.WriteControl(websocket.PingMessage, nil, c.writeBy)
		}
		if err != nil {
			c.kick() // the next turn closes
		}
	}
}

// writeClose sends the close frame (its code: closeCode, else 1001) and
// closes the connection, which ends the read loop.
func (c *client) writeClose() {
	code, reason := websocket.CloseGoingAway, ""
	if cc := int(c.closeCode.Load()); cc != 0 {
		code = cc
		if cc == CloseSessionEnded {
			reason = CloseReasonSessionEnded
		}
	}
	_ = c.conn.WriteControl(websocket.CloseMessage,
		websocket.FormatCloseMessage(code, reason), time.Now().Add(time.Second))
	c.conn.Close()
}

// frameBufs are write buffers borrowed per write: an idle connection holds none.
var frameBufs = sync.Pool{New: func() any { b := make([]byte, 0, 16<<10); return &b }}

// writeFrames writes partial (the rest of an earlier write), then frames
// (see framed) in one write to the connection. Whoever writes holds the write
// turn (pumping), so gorilla's own control frames (ping, close), written
// by the pump, never interleave with these.
func (c *client) writeFrames(partial []byte, frames []outFrame) error {
	if len(frames) == 0 && len(partial) == 0 {
		return nil
	}
	bp := frameBufs.Get().(*[]byte)
	buf := framed((*bp)[:0], partial, frames, c.lines)
	nc := c.conn.NetConn()
	if now := time.Now(); c.writeBy.Sub(now) < writeWait/2 {
		// A write may block for writeWait/2 to writeWait: renewing the
		// deadline at every write would cost a timer update each.
		c.writeBy = now.Add(writeWait)
		nc.SetWriteDeadline(c.writeBy)
	}
	_, err := nc.Write(buf)
	releaseFramed(bp, buf)
	return err
}

// framed appends to buf prefix, then frames as websocket text messages
// (RFC 6455 §5.2: a server's frames are not masked): one message each, or
// with lines all in one message, a frame per line (a frame is compact JSON:
// it holds no newline). buf is grown once for the whole burst.
func framed(buf, prefix []byte, frames []outFrame, lines bool) []byte {
	buf = slices.Grow(buf, len(prefix)+framedSize(frames))
	buf = append(buf, prefix...)
	if lines && len(frames) > 1 {
		n := len(frames) - 1 // the newlines
		for _, f := range frames {
			n += len(f.raw)
		}
		buf = appendTextHeader(buf, n)
		for i, f := range frames {
			if i > 0 {
				buf = append(buf, '\n')
			}
			buf = append(buf, f.raw...)
		}
		return buf
	}
	for _, f := range frames {
		buf = append(appendTextHeader(buf, len(f.raw)), f.raw...)
	}
	return buf
}

// releaseFramed returns a buffer of frameBufs (bp, now holding buf) to the
// pool, if it is modest.
func releaseFramed(bp *[]byte, buf []byte) {
	if cap(buf) <= 256<<10 {
		*bp = buf[:0]
		frameBufs.Put(bp)
	}
}

// framedSize is how many bytes frames take as websocket messages (at
// most): a burst to a member is sized once instead of growing frame by
// frame.
func framedSize(frames []outFrame) int {
	n := 0
	for _, f := range frames {
		n += len(f.raw) + 10 // the longest header appendTextHeader writes
	}
	return n
}

// appendTextHeader appends the header of one unfragmented, unmasked text
// message of n bytes.
func appendTextHeader(buf []byte, n int) []byte {
	const finText = 0x80 | websocket.TextMessage
	switch {
	case n < 126:
		return append(buf, finText, byte(n))
	case n <= 0xffff:
		return append(buf, finText, 126, byte(n>>8), byte(n))
	default:
		return append(buf, finText, 127, 0, 0, 0, 0, byte(n>>24), byte(n>>16), byte(n>>8), byte(n))
	}
}
