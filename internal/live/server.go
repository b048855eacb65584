package live

import (
	"context"
	"encoding/json"
	"errors"
	"io"
	"log"
	"net/http"
	"sync"
	"time"

	"github.com/gorilla/websocket"

	"github.com/minka-gob/minka/internal/i18n"
	"github.com/minka-gob/minka/internal/liveproto"
	"github.com/minka-gob/minka/internal/model"
	"github.com/minka-gob/minka/internal/report"
	"github.com/minka-gob/minka/internal/store"
)

// replayPage is how many events are read from the database at a time while
// a client catches up.
const replayPage = 500

// opTimeout bounds how long an operation may wait to enter the writer.
const opTimeout = 15 * time.Second

// Options configure a Server; zero values take the defaults.
type Options struct {
	Hub HubOptions
	// Broadcaster replaces the hub as the way events reach rooms (a
	// multi-instance backplane); it must deliver to the rooms of every instance.
	Broadcaster Broadcaster
	// Limits bound the websockets (caps per address and in total, join timeout).
	Limits Limits
}

// Server speaks the live protocol: it upgrades connections, admits them to
// rooms, applies their operations through the store and publishes the events.
type Server struct {
	store    *store.Store
	hub      *Hub
	bus      Broadcaster
	log      *log.Logger
	upgrader websocket.Upgrader
	conns    *conns
	// committed carries each commit's events from the store's writer to
	// publish, so that the writer never waits for the rooms.
	committed chan []liveproto.Event
	quit      chan struct{}
	stop      sync.Once
}

// NewServer returns a live server over st.
func NewServer(st *store.Store, opts Options) *Server {
	opts.Hub.defaults()
	s := &Server{store: st, hub: NewHub(st, opts.Hub), log: opts.Hub.Logger, conns: newConns(opts.Limits),
		committed: make(chan []liveproto.Event, 1024), quit: make(chan struct{})}
	s.bus = opts.Broadcaster
	if s.bus == nil {
		s.bus = s.hub
	}
	st.OnCommit(s.commit)
	go s.publish()
	s.upgrader = websocket.Upgrader{
		ReadBufferSize:  1024,
		WriteBufferSize: 4096,
		// Write buffers are borrowed per message, so idle connections hold none.
		WriteBufferPool:  &sync.Pool{},
		HandshakeTimeout: 10 * time.Second,
		// The default CheckOrigin admits only pages of this host (or clients
		// without an Origin header, which are not browsers).
	}
	s.conns.loop = s.revalidateLoop
	return s
}

// commit takes a commit's events from the store's writer (see
// store.OnCommit); every live operation's events reach the rooms this way,
// whether it came over a websocket or a form (a photo upload).
func (s *Server) commit(evs []liveproto.Event) {
	select {
	case s.committed <- evs:
	case <-s.quit:
	}
}

// publish hands each commit's events to the rooms, commit after commit.
func (s *Server) publish() {
	for {
		select {
		case evs := <-s.committed:
			s.bus.Publish(evs...)
		case <-s.quit:
			return
		}
	}
}

// Close drops every client and closes every room.
func (s *Server) Close() {
	s.stop.Do(func() { close(s.quit) })
	s.hub.Close()
}

// ServeWS upgrades the request and returns; the connection then runs on
// its own goroutine until it ends. who was resolved by the caller before
// the upgrade. Beyond the websocket limits of who.Addr or of the server it
// answers 503.
func (s *Server) ServeWS(w http.ResponseWriter, r *http.Request, who Identity) {
	if !s.conns.reserve(who.Addr) {
		tooManySockets(w)
		return
	}
	conn, err := s.upgrader.Upgrade(w, r, nil)
	if err != nil {
		s.conns.release(who.Addr)
		return // the upgrader has answered with an HTTP error
	}
	c := newClient(conn, who, s.hub.opts.SendQueue)
	c.lines = r.URL != nil && r.URL.Query().Get("frames") == "lines"
	s.conns.add(c)
	c.startPings()
	go func() {
		defer s.conns.release(who.Addr)
		defer s.conns.remove(c)
		s.readLoop(c)
	}()
}

// readLoop reads the client's messages in order. An operation is handed to
// the store's writer before the next message is read, so a connection's
// operations are applied in the order sent; up to MaxInFlight of them may
// wait for their commit at once (pipelining), and their acks and errors go
// out in the order of the messages (answer).
func (s *Server) readLoop(c *client) {
	defer func() {
		c.kick() // operations in flight still settle their answers (sent to nobody)
		if c.room != nil {
			s.hub.leave(c.room, c)
		}
	}()
	conn := c.conn
	conn.SetReadLimit(liveproto.HardLimitBytes)
	// A socket must join a room within JoinTimeout of its start; then it
	// lives as long as it answers pings (and its session lasts).
	joinTimer := time.AfterFunc(s.conns.lim.JoinTimeout, func() {
		if !c.joined.Load() {
			c.kick()
		}
	})
	defer joinTimer.Stop()
	alive := func() { conn.SetReadDeadline(time.Now().Add(pongWait)) }
	alive()
	conn.SetPongHandler(func(string) error { alive(); return nil })
	for {
		typ, rd, err := conn.NextReader()
		if err != nil {
			return
		}
		alive()
		data, err := io.ReadAll(io.LimitReader(rd, liveproto.MaxMessageBytes+1))
		if err != nil {
			return
		}
		if len(data) > liveproto.MaxMessageBytes {
			if _, err := io.Copy(io.Discard, rd); err != nil {
				return // beyond liveproto.HardLimitBytes: the connection is closed
			}
			c.reply(s.protocolError(c, "", liveproto.CodeTooLarge))
			continue
		}
		if typ != websocket.TextMessage {
			c.reply(s.protocolError(c, "", liveproto.CodeBadMessage))
			continue
		}
		req, err := decodeRequest(data)
		if err != nil {
			c.reply(s.protocolError(c, opOf(data), liveproto.CodeBadMessage))
			continue
		}
		s.handle(c, req)
		select {
		case <-c.done:
			return
		default:
		}
	}
}

// MaxInFlight is how many operations of one connection may be in flight
// (queued for the writer, not yet acknowledged) at once. The read loop
// stops reading while the window is full.
const MaxInFlight = 64

// answer is one answer in the connection's order: an ack or error of an
// operation still being applied (done later), or a frame known at once.
type answer struct {
	v    any
	done bool
}

// slot takes the next place in the order of answers, waiting while
// MaxInFlight answers are due. Only the read loop calls it.
func (c *client) slot() *answer {
	if c.window == nil {
		c.window = make(chan struct{}, MaxInFlight)
	}
	c.window <- struct{}{}
	a := &answer{}
	c.amu.Lock()
	c.pending = append(c.pending, a)
	c.amu.Unlock()
	return a
}

// settle gives a its answer, then sends every answer now due, in order:
// from the goroutine that settles, without a goroutine of its own.
func (c *client) settle(a *answer, v any) {
	c.amu.Lock()
	defer c.amu.Unlock()
	a.v, a.done = v, true
	for len(c.pending) > 0 && c.pending[0].done {
		next := c.pending[0]
		c.pending[0] = nil
		c.pending = c.pending[1:]
		c.sendJSON(next.v, false)
		<-c.window
	}
	if len(c.pending) == 0 && c.drained != nil {
		close(c.drained)
		c.drained = nil
	}
}

// reply answers a message now, behind the answers still due.
func (c *client) reply(v any) { c.settle(c.slot(), v) }

// errBadMessage marks a message that is not a JSON object with a type.
var errBadMessage = errors.New("live: not a message")

// decodeRequest decodes one text message of a client. What it returns is
// only decoded: handle authorizes and validates it.
func decodeRequest(data []byte) (*liveproto.Request, error) {
	var req liveproto.Request
	if err := json.Unmarshal(data, &req); err != nil || req.Type == "" {
		return nil, errBadMessage
	}
	return &req, nil
}

// opOf recovers the op of a message that did not decode as a Request (a
// field of the wrong type), so that the client can match the error to it.
func opOf(data []byte) string {
	var v struct {
		Op string `json:"op"`
	}
	if json.Unmarshal(data, &v) == nil && model.IsUUID(v.Op) {
		return v.Op
	}
	return ""
}

// join admits c to a room it may read, then brings it up to date: a snapshot
// (no since) or the events after since, read from the database, then the
// live events that came meanwhile.
func (s *Server) join(c *client, req *liveproto.Request) {
	if c.room != nil {
		c.sendJSON(s.protocolError(c, "", liveproto.CodeAlreadyJoined), false)
		return
	}
	if req.Lang != "" {
		c.lang = i18n.Supported(req.Lang)
	}
	ctx, cancel := context.WithTimeout(context.Background(), opTimeout)
	defer cancel()
	if err := s.admit(ctx, c, req.Room); err != nil {
		c.sendJSON(s.errorFrame(c, "", err), false)
		return
	}
	r, roomSeq := s.hub.join(c.roomName, c)
	if r == nil {
		c.sendJSON(s.protocolError(c, "", liveproto.CodeInternal), false)
		return
	}
	c.room = r
	c.joined.Store(true)
	// The welcome waits in the queue for what follows it (the snapshot,
	// the missed events or synced): one write for the lot.
	if b, err := json.Marshal(liveproto.Welcome{Type: liveproto.FrameWelcome, Protocol: liveproto.ProtocolVersion, Room: c.roomName, Role: c.role(), Can: c.can, ServerTime: time.Now().UTC()}); err == nil {
		c.enqueue(outFrame{raw: b}, false)
	}
	upto, err := s.catchUp(ctx, c, req.Since, roomSeq)
	if err != nil {
		s.log.Printf("live: %s: catch up: %v", c.roomName, err)
		c.sendJSON(s.protocolError(c, "", liveproto.CodeInternal), true)
		c.kick()
		return
	}
	c.sendJSON(liveproto.Synced{Type: liveproto.FrameSynced, Room: c.roomName, Seq: upto}, true)
	select {
	case r.caughtUp <- catchUp{c: c, seq: upto}:
	case <-r.quit:
	}
}

// admit checks that c may read room and records what it may do there.
func (s *Server) admit(ctx context.Context, c *client, roomName string) error {
	kind, id, ok := liveproto.ParseRoom(roomName)
	if !ok {
		return model.Invalid(model.FieldErrors{"room": {Key: "live.error.room"}})
	}
	p := c.who.Principal
	switch kind {
	case "table":
		workshopID, err := s.store.TableWorkshop(ctx, id)
		if err != nil {
			return err
		}
		if !p.CanReadTable(id) {
			return model.Forbidden("live.error.forbidden_room")
		}
		c.tableID, c.workshop = id, workshopID
		c.can = liveproto.Abilities{
			Write:      p.CanWriteTable(id),
			Facilitate: p.CanFacilitateTable(id),
			Rate:       p.CanRateTable(id),
			ProxyRate:  p.CanWriteTable(id),
		}
		c.raterBase = RaterOf(p, c.who.Device)
	case "workshop":
		if _, err := s.store.Workshop(ctx, id); err != nil {
			return err
		}
		if !p.CanReadWorkshop(id, s.store.SeatWorkshop(ctx, p)) {
			return model.Forbidden("live.error.forbidden_room")
		}
		c.workshop = id
	}
	c.roomName = roomName
	return nil
}

// RaterOf is the stable, non-secret identity of p as a rater of ideas: the
// account of an admin; else the device (a long-lived random cookie set at
// join, given as device), so that joining again with the shared participant
// code does not make a new rater; else the session.
func RaterOf(p model.Principal, device string) string {
	if p.IsAdmin() {
		return "admin:" + p.AdminID
	}
	if device != "" {
		return "device:" + store.HashToken(device)[:32]
	}
	return p.SessionID
}

// catchUp sends c what it needs before live events: the events after since,
// or a snapshot when since is absent (or beyond the room's newest seq).
// It returns the seq c is now at.
//
// roomSeq is the newest seq the room had delivered when c became its
// member: every later event reaches c through the room (held until c is
// caught up), so the database is read only up to roomSeq. A client
// resuming where the room is reads nothing at all. Only a since beyond
// roomSeq (its events committed but not yet delivered, or a database
// replaced by an older one) asks the database for its newest seq.
func (s *Server) catchUp(ctx context.Context, c *client, since *int64, roomSeq int64) (int64, error) {
	if since == nil || *since < 0 {
		return s.sendSnapshot(ctx, c, since != nil)
	}
	last := roomSeq
	if *since > roomSeq {
		var err error
		if last, err = s.hub.src.LastSeq(ctx, c.roomName); err != nil {
			return 0, err
		}
		if *since > last {
			return s.sendSnapshot(ctx, c, true)
		}
	}
	upto := *since
	for upto < last {
		evs, err := s.hub.src.EventsAfter(ctx, c.roomName, upto, int(min(replayPage, last-upto)))
		if err != nil {
			return 0, err
		}
		for _, ev := range evs {
			b, err := eventFrame(ev).AppendJSON(nil)
			if err != nil {
				return 0, err
			}
			if !c.queueWait(outFrame{raw: b}, true) {
				return 0, errors.New("client gone")
			}
			upto = ev.Seq
		}
		if len(evs) == 0 {
			break
		}
	}
	return upto, nil
}

func (s *Server) sendSnapshot(ctx context.Context, c *client, reset bool) (int64, error) {
	snap := liveproto.Snapshot{Type: liveproto.FrameSnapshot, Room: c.roomName, Reset: reset}
	if c.tableID != "" {
		rec, err := s.store.TableRecord(ctx, c.tableID, c.raterBase)
		if err != nil {
			return 0, err
		}
		snap.Seq, snap.State = rec.Seq, rec
	} else {
		pl, err := s.store.Plenary(ctx, c.workshop)
		if err != nil {
			return 0, err
		}
		report.Plenary(&pl)
		snap.Seq, snap.State = pl.Seq, pl
	}
	if !c.sendJSON(snap, true) {
		return 0, errors.New("client gone")
	}
	return snap.Seq, nil
}

// Presence is who is connected to room now, by role (see Hub.Presence).
func (s *Server) Presence(room string) (map[string]int, bool) { return s.hub.Presence(room) }
