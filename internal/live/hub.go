package live

import (
	"bytes"
	"context"
	"encoding/json"
	"log"
	"sync"
	"time"

	"github.com/minka-gob/minka/internal/liveproto"
)

// Broadcaster carries committed events to the rooms that show them. In one
// process the Hub is the Broadcaster; with several instances behind a load
// balancer, a backplane (PostgreSQL LISTEN/NOTIFY, NATS, Redis …) would
// implement Publish by shipping the events to every instance, each handing
// them to its own Hub.Publish. Delivery may be late, duplicated or out of
// order: rooms put events back in seq order and fetch any gap from the Source.
type Broadcaster interface {
	Publish(evs ...liveproto.Event)
}

// Source is where rooms read what they did not receive live: the newest seq
// of a room when it opens, and the events of a gap. *store.Store is one.
type Source interface {
	LastSeq(ctx context.Context, room string) (int64, error)
	EventsAfter(ctx context.Context, room string, after int64, limit int) ([]liveproto.Event, error)
}

// HubOptions tune a Hub; zero values take the defaults.
type HubOptions struct {
	// SendQueue bounds each client's queue of frames (default 4096; the
	// queue is also bounded to MaxQueueBytes).
	SendQueue int
	// BacklogLimit bounds the live events held for a client while it
	// catches up from the database (default 4096).
	BacklogLimit int
	// GapWait is how long a room waits for a missing seq before reading it
	// from the Source (default 500 ms).
	GapWait time.Duration
	// PresenceDelay coalesces presence frames (default 1 s): a room of n
	// members costs n writes per presence frame, and a Wi-Fi blip makes
	// every member leave and join again.
	PresenceDelay time.Duration
	Logger        *log.Logger
}

func (o *HubOptions) defaults() {
	if o.SendQueue <= 0 {
		o.SendQueue = 4096
	}
	if o.BacklogLimit <= 0 {
		o.BacklogLimit = 4096
	}
	if o.GapWait <= 0 {
		o.GapWait = 500 * time.Millisecond
	}
	if o.PresenceDelay <= 0 {
		o.PresenceDelay = time.Second
	}
	if o.Logger == nil {
		o.Logger = log.Default()
	}
}

// Hub holds the open rooms of this process. A room exists while it has
// members; events for a room without members are not needed by anyone here.
type Hub struct {
	src  Source
	opts HubOptions

	mu     sync.Mutex
	rooms  map[string]*room
	seen   map[string]liveproto.Presence // the last presence each open room announced
	closed bool
	wg     sync.WaitGroup
}

// NewHub returns a hub reading gaps and room positions from src.
func NewHub(src Source, opts HubOptions) *Hub {
	opts.defaults()
	return &Hub{src: src, opts: opts, rooms: map[string]*room{}, seen: map[string]liveproto.Presence{}}
}

// Presence is who is connected to room as its members were last told
// (people by role, each person once), for the Secretariat's control room. A
// room nobody is in has no presence: ok is false.
func (h *Hub) Presence(room string) (roles map[string]int, ok bool) {
	h.mu.Lock()
	defer h.mu.Unlock()
	p, ok := h.seen[room]
	if !ok {
		return nil, false
	}
	roles = make(map[string]int, len(p.Roles))
	for k, v := range p.Roles {
		roles[k] = v
	}
	return roles, true
}

// Publish hands committed events to their rooms, each encoded once and
// each room's in one handoff: a commit's events reach a room's members in
// one write each.
func (h *Hub) Publish(evs ...liveproto.Event) {
	byRoom := map[*room][]seqFrame{}
	var rooms []*room // in the order first seen
	for _, ev := range evs {
		h.mu.Lock()
		r := h.rooms[ev.Room]
		h.mu.Unlock()
		if r == nil {
			continue
		}
		f, err := encodeEvent(ev)
		if err != nil {
			h.opts.Logger.Printf("live: encode event %s#%d: %v", ev.Room, ev.Seq, err)
			continue
		}
		if _, ok := byRoom[r]; !ok {
			rooms = append(rooms, r)
		}
		byRoom[r] = append(byRoom[r], f)
	}
	for _, r := range rooms {
		select {
		case r.publish <- byRoom[r]:
		case <-r.quit:
		}
	}
}

// Close ends every room and drops every client.
func (h *Hub) Close() {
	h.mu.Lock()
	h.closed = true
	for name, r := range h.rooms {
		close(r.quit)
		delete(h.rooms, name)
	}
	h.mu.Unlock()
	h.wg.Wait()
}

// Rooms is how many rooms are open (for tests and statistics).
func (h *Hub) Rooms() int {
	h.mu.Lock()
	defer h.mu.Unlock()
	return len(h.rooms)
}

// join adds c to room name (opening it if needed), in catch-up mode: live
// events are held for c until caughtUp says up to which seq c was served
// from the database. It returns the room and the newest seq the room had
// delivered when c joined: every event after it is held for c.
func (h *Hub) join(name string, c *client) (*room, int64) {
	h.mu.Lock()
	if h.closed {
		h.mu.Unlock()
		return nil, 0
	}
	r := h.rooms[name]
	if r == nil {
		r = newRoom(h, name)
		h.rooms[name] = r
		h.wg.Add(1)
		go r.run()
	}
	r.refs++
	h.mu.Unlock()
	reg := registration{c: c, seq: make(chan int64, 1)}
	select {
	case r.register <- reg:
	case <-r.quit:
		return r, 0
	}
	return r, <-reg.seq
}

// registration is a client entering a room, told the room's seq then.
type registration struct {
	c   *client
	seq chan int64
}

// leave removes c from r; the last one out closes the room.
func (h *Hub) leave(r *room, c *client) {
	select {
	case r.unregister <- c:
	case <-r.quit:
	}
	h.mu.Lock()
	r.refs--
	if r.refs == 0 && h.rooms[r.name] == r {
		delete(h.rooms, r.name)
		delete(h.seen, r.name)
		close(r.quit)
	}
	h.mu.Unlock()
}

// seqFrame is an event encoded once for every member.
type seqFrame struct {
	seq int64
	out outFrame
}

func encodeEvent(ev liveproto.Event) (seqFrame, error) {
	b, err := eventFrame(ev).AppendJSON(nil)
	if err != nil {
		return seqFrame{}, err
	}
	return seqFrame{seq: ev.Seq, out: outFrame{raw: b}}, nil
}

func eventFrame(ev liveproto.Event) liveproto.EventFrame {
	return liveproto.EventFrame{Type: liveproto.FrameEvent, Room: ev.Room, Seq: ev.Seq, Event: ev.Type, Op: ev.Op, At: ev.CreatedAt, Data: ev.Payload}
}

type member struct {
	live    bool       // caught up: receives events as they come
	backlog []seqFrame // events held while catching up
	// floor is the newest seq this member already has: the seq it was
	// caught up to from the database. The room may still deliver events at
	// or below it (their publish was in flight when the member read the
	// database, or a gap of the room was filled later): those are skipped,
	// so a member gets each seq once.
	floor int64
	// unflushed: the room gave it frames since its last flush.
	unflushed bool
}

type catchUp struct {
	c   *client
	seq int64
}

// room is one live room. Its goroutine (run) alone touches members,
// lastSeq and pending; others talk to it through the channels.
type room struct {
	hub  *Hub
	name string
	refs int // guarded by hub.mu

	register   chan registration
	unregister chan *client
	caughtUp   chan catchUp
	publish    chan []seqFrame
	fill       chan []seqFrame
	quit       chan struct{}

	members  map[*client]*member
	lastSeq  int64              // newest seq delivered to members
	pending  map[int64]seqFrame // events that came before an earlier seq
	filling  bool
	gap      *time.Timer
	presence *time.Timer
	// presenceDue is set while a presence frame is scheduled: changes
	// meanwhile ride along, so churn cannot postpone it forever.
	presenceDue bool
	// presenceSent is the last presence frame sent, given to each member
	// as it goes live; an identical one is not sent again.
	presenceSent []byte
	// unflushed are the members given frames since the last flush.
	unflushed []*client
	// buf is where a burst is framed for each member in turn (flush): kept
	// from burst to burst instead of a buffer per member and burst.
	buf []byte
}

// maxBurst bounds how many events already published the room delivers
// before writing them out (flush): under a burst every member gets them in
// one write, not one write per event; alone, an event goes out at once.
const maxBurst = 256

func newRoom(h *Hub, name string) *room {
	return &room{
		hub: h, name: name,
		register:   make(chan registration),
		unregister: make(chan *client),
		caughtUp:   make(chan catchUp),
		publish:    make(chan []seqFrame, 256),
		fill:       make(chan []seqFrame),
		quit:       make(chan struct{}),
		members:    map[*client]*member{},
		pending:    map[int64]seqFrame{},
	}
}

func (r *room) run() {
	defer r.hub.wg.Done()
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	last, err := r.hub.src.LastSeq(ctx, r.name)
	cancel()
	if err != nil {
		r.hub.opts.Logger.Printf("live: room %s: last seq: %v", r.name, err)
	}
	r.lastSeq = last
	r.gap = stoppedTimer()
	r.presence = stoppedTimer()
	defer func() {
		r.gap.Stop()
		r.presence.Stop()
		for c := range r.members {
			c.kick()
		}
	}()
	for {
		select {
		case reg := <-r.register:
			r.members[reg.c] = &member{}
			reg.seq <- r.lastSeq
			r.presenceChanged()
		case c := <-r.unregister:
			if _, ok := r.members[c]; ok {
				delete(r.members, c)
				r.presenceChanged()
			}
		case cu := <-r.caughtUp:
			r.markLive(cu)
		case fs := <-r.publish:
			r.sequenceAll(fs)
			r.drainPublished(len(fs))
			r.flush()
		case fs := <-r.fill:
			r.filling = false
			r.sequenceAll(fs)
			if len(r.pending) > 0 {
				r.gap.Reset(r.hub.opts.GapWait)
			}
			r.flush()
		case <-r.gap.C:
			r.fillGap()
		case <-r.presence.C:
			r.presenceDue = false
			r.sendPresence()
		case <-r.quit:
			return
		}
	}
}

func stoppedTimer() *time.Timer {
	t := time.NewTimer(time.Hour)
	t.Stop()
	return t
}

// sequenceAll sequences each of fs in turn.
func (r *room) sequenceAll(fs []seqFrame) {
	for _, f := range fs {
		r.sequence(f)
	}
}

// sequence delivers events in seq order: an event ahead of the next expected
// seq waits (events committed in one batch may be published in any order);
// one already delivered is dropped.
func (r *room) sequence(f seqFrame) {
	switch {
	case f.seq <= r.lastSeq:
		return
	case f.seq > r.lastSeq+1:
		if _, ok := r.pending[f.seq]; !ok {
			r.pending[f.seq] = f
			if len(r.pending) == 1 && !r.filling {
				r.gap.Reset(r.hub.opts.GapWait)
			}
		}
		return
	}
	r.deliver(f)
	for {
		next, ok := r.pending[r.lastSeq+1]
		if !ok {
			break
		}
		delete(r.pending, next.seq)
		r.deliver(next)
	}
	if len(r.pending) == 0 {
		r.gap.Stop()
	}
}

// drainPublished sequences the events already published while the burst
// (n events so far) is under maxBurst.
func (r *room) drainPublished(n int) {
	for n < maxBurst {
		select {
		case fs := <-r.publish:
			r.sequenceAll(fs)
			n += len(fs)
		default:
			return
		}
	}
}

// flush writes out what deliver queued for each member, one write each.
func (r *room) flush() {
	for _, c := range r.unflushed {
		m, ok := r.members[c]
		if !ok {
			continue
		}
		m.unflushed = false
		if !c.flush(&r.buf) {
			r.drop(c)
		}
	}
	clear(r.unflushed)
	r.unflushed = r.unflushed[:0]
	if cap(r.buf) > maxRoomBuf {
		r.buf = nil // an exceptional burst: its buffer is not kept
	}
}

// maxRoomBuf bounds the write buffer a room keeps between bursts.
const maxRoomBuf = 1 << 20

// deliver queues f for every live member (flush writes it out).
func (r *room) deliver(f seqFrame) {
	r.lastSeq = f.seq
	for c, m := range r.members {
		if !m.live {
			if len(m.backlog) >= r.hub.opts.BacklogLimit {
				r.drop(c)
				continue
			}
			m.backlog = append(m.backlog, f)
			continue
		}
		if f.seq <= m.floor {
			continue
		}
		m.floor = f.seq
		if !m.unflushed {
			m.unflushed = true
			r.unflushed = append(r.unflushed, c)
		}
		if !c.enqueue(f.out, false) {
			r.drop(c)
		}
	}
}

// drop removes a client that cannot keep up; the others never wait for it.
func (r *room) drop(c *client) {
	c.kick()
	delete(r.members, c)
	r.presenceChanged()
}

// markLive switches a member from catching up to live, handing it the held
// events it did not get from the database.
func (r *room) markLive(cu catchUp) {
	m, ok := r.members[cu.c]
	if !ok {
		return
	}
	m.live, m.floor = true, cu.seq
	for _, f := range m.backlog {
		if f.seq <= m.floor {
			continue
		}
		m.floor = f.seq
		if !cu.c.queue(f.out) {
			r.drop(cu.c)
			return
		}
	}
	m.backlog = nil
	if r.presenceSent != nil && !cu.c.queue(outFrame{raw: r.presenceSent}) {
		r.drop(cu.c)
	}
}

// fillGap reads the missing events from the Source, off the room's goroutine.
func (r *room) fillGap() {
	if r.filling || len(r.pending) == 0 {
		return
	}
	r.filling = true
	after := r.lastSeq
	var upTo int64
	for seq := range r.pending {
		if upTo == 0 || seq < upTo {
			upTo = seq
		}
	}
	go func() {
		ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
		defer cancel()
		evs, err := r.hub.src.EventsAfter(ctx, r.name, after, int(upTo-after))
		if err != nil {
			r.hub.opts.Logger.Printf("live: room %s: fill gap after %d: %v", r.name, after, err)
		}
		var fs []seqFrame
		for _, ev := range evs {
			if f, err := encodeEvent(ev); err == nil {
				fs = append(fs, f)
			}
		}
		select {
		case r.fill <- fs:
		case <-r.quit:
		}
	}()
}

func (r *room) presenceChanged() {
	if !r.presenceDue {
		r.presenceDue = true
		r.presence.Reset(r.hub.opts.PresenceDelay)
	}
}

// sendPresence tells every live member who is connected, encoded once,
// unless they were told exactly that last time. A member still catching up
// gets it when it goes live (markLive), after its welcome and catch-up.
func (r *room) sendPresence() {
	p := liveproto.Presence{Type: liveproto.FramePresence, Room: r.name, Roles: map[string]int{}, Connections: len(r.members)}
	for _, role := range liveproto.PresenceRoles {
		p.Roles[role] = 0
	}
	seen := map[string]bool{}
	for c := range r.members {
		id := c.identity()
		if id != "" && seen[id] {
			continue
		}
		seen[id] = true
		p.Roles[c.role()]++
	}
	r.hub.mu.Lock()
	if r.hub.rooms[r.name] == r {
		r.hub.seen[r.name] = p
	}
	r.hub.mu.Unlock()
	b, err := json.Marshal(p)
	if err != nil || bytes.Equal(b, r.presenceSent) {
		return
	}
	r.presenceSent = b
	for c, m := range r.members {
		if m.live && !c.queue(outFrame{raw: b}) {
			r.drop(c)
		}
	}
}
