package live

import (
	"context"
	"encoding/json"
	"io"
	"log"
	"slices"
	"sync"
	"testing"
	"time"

	"github.com/minka-gob/minka/internal/liveproto"
	"github.com/minka-gob/minka/internal/model"
	"github.com/minka-gob/minka/internal/store"
)

// fakeSource is a room's database as the hub sees it.
type fakeSource struct {
	mu     sync.Mutex
	events map[string][]liveproto.Event
}

func (f *fakeSource) add(evs ...liveproto.Event) {
	f.mu.Lock()
	defer f.mu.Unlock()
	if f.events == nil {
		f.events = map[string][]liveproto.Event{}
	}
	for _, ev := range evs {
		f.events[ev.Room] = append(f.events[ev.Room], ev)
	}
}

func (f *fakeSource) LastSeq(_ context.Context, room string) (int64, error) {
	f.mu.Lock()
	defer f.mu.Unlock()
	evs := f.events[room]
	if len(evs) == 0 {
		return 0, nil
	}
	return evs[len(evs)-1].Seq, nil
}

func (f *fakeSource) EventsAfter(_ context.Context, room string, after int64, limit int) ([]liveproto.Event, error) {
	f.mu.Lock()
	defer f.mu.Unlock()
	var out []liveproto.Event
	for _, ev := range f.events[room] {
		if ev.Seq > after && len(out) < limit {
			out = append(out, ev)
		}
	}
	return out, nil
}

const testRoom = "table:00000000-0000-4000-8000-000000000001"

func ev(seq int64) liveproto.Event {
	return liveproto.Event{Room: testRoom, Seq: seq, Type: liveproto.EventCreated, Payload: json.RawMessage(`{}`), CreatedAt: time.Now()}
}

func newTestHub(t *testing.T, src Source, opts HubOptions) *Hub {
	opts.Logger = log.New(io.Discard, "", 0)
	h := NewHub(src, opts)
	t.Cleanup(h.Close)
	return h
}

func newMember(role string, queue int) *client {
	return newClient(nil, Identity{Principal: model.Principal{Role: role, SessionID: store.NewID()}}, queue)
}

// joinLive adds c to the room and marks it caught up at seq.
func joinLive(h *Hub, c *client, seq int64) *room {
	r, _ := h.join(testRoom, c)
	r.caughtUp <- catchUp{c: c, seq: seq}
	return r
}

// recv returns a channel that yields c's next queued frame (as the write
// pump would write it).
func recv(c *client) <-chan outFrame {
	ch := make(chan outFrame, 1)
	go func() {
		for {
			c.qmu.Lock()
			if len(c.q) > 0 {
				f := c.q[0]
				c.q = c.q[1:]
				c.qBytes -= len(f.raw)
				c.qmu.Unlock()
				ch <- f
				return
			}
			c.qmu.Unlock()
			select {
			case <-c.wake:
			case <-time.After(10 * time.Millisecond):
			}
		}
	}()
	return ch
}

// seqs reads n event seqs from c's queue (skipping presence frames).
func seqs(t *testing.T, c *client, n int) []int64 {
	t.Helper()
	var out []int64
	timeout := time.After(5 * time.Second)
	for len(out) < n {
		select {
		case f := <-recv(c):
			var v struct {
				Type string `json:"type"`
				Seq  int64  `json:"seq"`
			}
			if err := json.Unmarshal(f.raw, &v); err != nil {
				t.Fatal(err)
			}
			if v.Type == liveproto.FrameEvent {
				out = append(out, v.Seq)
			}
		case <-timeout:
			t.Fatalf("got seqs %v, want %d", out, n)
		}
	}
	return out
}

// Events of one commit batch may be published in any order; members get them in seq order.
func TestRoomDeliversInSeqOrder(t *testing.T) {
	h := newTestHub(t, &fakeSource{}, HubOptions{GapWait: time.Hour})
	c := newMember(model.RoleParticipant, 64)
	joinLive(h, c, 0)
	h.Publish(ev(3), ev(1), ev(2), ev(2), ev(5), ev(4))
	if got := seqs(t, c, 5); !slices.Equal(got, []int64{1, 2, 3, 4, 5}) {
		t.Fatalf("delivered %v", got)
	}
}

// A seq that never arrives live is read from the source.
func TestRoomFillsGapsFromSource(t *testing.T) {
	src := &fakeSource{}
	h := newTestHub(t, src, HubOptions{GapWait: 10 * time.Millisecond})
	c := newMember(model.RoleParticipant, 64)
	joinLive(h, c, 0)
	src.add(ev(1), ev(2), ev(3))
	h.Publish(ev(3)) // 1 and 2 were lost on the way (a backplane hiccup)
	if got := seqs(t, c, 3); !slices.Equal(got, []int64{1, 2, 3}) {
		t.Fatalf("delivered %v", got)
	}
}

// A member catching up from the database gets the live events it did not read there, once.
func TestRoomHoldsLiveEventsWhileCatchingUp(t *testing.T) {
	h := newTestHub(t, &fakeSource{}, HubOptions{})
	probe := newMember(model.RoleParticipant, 64)
	joinLive(h, probe, 0)
	c := newMember(model.RoleParticipant, 64)
	r, _ := h.join(testRoom, c)
	h.Publish(ev(1), ev(2), ev(3))
	seqs(t, probe, 3)                   // delivered: c holds them in its backlog
	r.caughtUp <- catchUp{c: c, seq: 2} // the replay from the database ended at 2
	h.Publish(ev(4))
	if got := seqs(t, c, 2); !slices.Equal(got, []int64{3, 4}) {
		t.Fatalf("delivered %v after catching up to 2", got)
	}
}

// The duplicate-delivery bug: a member that read events 1–3 from the
// database while their publish was still on the way must not get them again
// when they reach the room; it gets each seq once, then the next ones.
func TestRoomSkipsEventsAMemberReadFromTheDatabase(t *testing.T) {
	src := &fakeSource{}
	h := newTestHub(t, src, HubOptions{GapWait: time.Hour})
	probe := newMember(model.RoleParticipant, 64)
	joinLive(h, probe, 0)
	src.add(ev(1), ev(2), ev(3)) // committed, not yet published
	c := newMember(model.RoleParticipant, 64)
	joinLive(h, c, 3) // its replay from the database reached 3
	h.Publish(ev(1), ev(2), ev(3), ev(4))
	if got := seqs(t, probe, 4); !slices.Equal(got, []int64{1, 2, 3, 4}) {
		t.Fatalf("probe got %v", got)
	}
	h.Publish(ev(5))
	if got := seqs(t, c, 2); !slices.Equal(got, []int64{4, 5}) {
		t.Fatalf("a member caught up to 3 got %v, want [4 5]", got)
	}
}

// The same when the room fills a gap from the database after the member
// caught up past it.
func TestRoomSkipsFilledGapAMemberAlreadyHas(t *testing.T) {
	src := &fakeSource{}
	h := newTestHub(t, src, HubOptions{GapWait: 20 * time.Millisecond})
	probe := newMember(model.RoleParticipant, 64)
	joinLive(h, probe, 0)
	src.add(ev(1), ev(2), ev(3))
	c := newMember(model.RoleParticipant, 64)
	joinLive(h, c, 3)
	h.Publish(ev(3)) // 1 and 2 never come live: the room reads them back
	if got := seqs(t, probe, 3); !slices.Equal(got, []int64{1, 2, 3}) {
		t.Fatalf("probe got %v", got)
	}
	src.add(ev(4))
	h.Publish(ev(4))
	if got := seqs(t, c, 1); !slices.Equal(got, []int64{4}) {
		t.Fatalf("a member caught up to 3 got %v, want [4]", got)
	}
}

// A client that does not read is dropped; the others get every event and nobody waits.
func TestRoomDropsSlowClientWithoutStallingOthers(t *testing.T) {
	h := newTestHub(t, &fakeSource{}, HubOptions{SendQueue: 4})
	slow := newMember(model.RoleParticipant, 4)
	fast := newMember(model.RoleParticipant, 256) // reads, and has room for a burst
	joinLive(h, slow, 0)
	joinLive(h, fast, 0)
	const n = 200
	got := make(chan []int64, 1)
	go func() { got <- seqs(t, fast, n) }()
	done := make(chan struct{})
	go func() {
		for i := int64(1); i <= n; i++ {
			h.Publish(ev(i))
		}
		close(done)
	}()
	select {
	case <-done:
	case <-time.After(10 * time.Second):
		t.Fatal("publishing stalled behind a slow client")
	}
	if s := <-got; len(s) != n || s[n-1] != n {
		t.Fatalf("fast client got %d events", len(s))
	}
	select {
	case <-slow.done:
	default:
		t.Fatal("slow client was not dropped")
	}
}

// Presence counts people by role, once per person however many screens they open.
func TestRoomPresenceCountsPeopleByRole(t *testing.T) {
	h := newTestHub(t, &fakeSource{}, HubOptions{PresenceDelay: time.Millisecond})
	rap := newMember(model.RoleRapporteur, 64)
	rap2 := newClient(nil, rap.who, 64) // the same session on a second screen
	p1 := newMember(model.RoleParticipant, 64)
	p2 := newMember(model.RoleParticipant, 64)
	for _, c := range []*client{rap, rap2, p1, p2} {
		joinLive(h, c, 0)
	}
	p := waitPresence(t, p2, 4)
	if p.Roles[model.RoleRapporteur] != 1 || p.Roles[model.RoleParticipant] != 2 || p.Roles[model.RoleFacilitator] != 0 {
		t.Fatalf("presence %+v", p)
	}
}

// waitPresence waits for c to get a presence frame counting connections.
func waitPresence(t *testing.T, c *client, connections int) liveproto.Presence {
	t.Helper()
	deadline := time.After(5 * time.Second)
	for {
		select {
		case f := <-recv(c):
			var p liveproto.Presence
			json.Unmarshal(f.raw, &p)
			if p.Type == liveproto.FramePresence && p.Connections == connections {
				return p
			}
		case <-deadline:
			t.Fatalf("no presence frame with %d connections", connections)
		}
	}
}

// The last member out closes the room.
func TestRoomClosesWhenEmpty(t *testing.T) {
	h := newTestHub(t, &fakeSource{}, HubOptions{})
	c := newMember(model.RoleParticipant, 8)
	r := joinLive(h, c, 0)
	if h.Rooms() != 1 {
		t.Fatalf("rooms = %d", h.Rooms())
	}
	h.leave(r, c)
	if h.Rooms() != 0 {
		t.Fatalf("rooms = %d after the last member left", h.Rooms())
	}
}

// The hub tells the control room who is in a room: the rapporteur counts
// while connected and not after leaving; an empty room has no presence.
func TestHubPresenceForTheControlRoom(t *testing.T) {
	h := newTestHub(t, &fakeSource{}, HubOptions{PresenceDelay: time.Millisecond})
	if _, ok := h.Presence(testRoom); ok {
		t.Fatal("presence of a room nobody opened")
	}
	rap := newMember(model.RoleRapporteur, 64)
	par := newMember(model.RoleParticipant, 64)
	joinLive(h, rap, 0)
	r := joinLive(h, par, 0)
	waitFor := func(what string, ok func(map[string]int, bool) bool) {
		t.Helper()
		deadline := time.Now().Add(5 * time.Second)
		for time.Now().Before(deadline) {
			if ok(h.Presence(testRoom)) {
				return
			}
			time.Sleep(5 * time.Millisecond)
		}
		roles, found := h.Presence(testRoom)
		t.Fatalf("%s: presence %v (%v)", what, roles, found)
	}
	waitFor("both in", func(p map[string]int, ok bool) bool {
		return ok && p[model.RoleRapporteur] == 1 && p[model.RoleParticipant] == 1
	})
	h.leave(r, rap)
	waitFor("the rapporteur left", func(p map[string]int, ok bool) bool {
		return ok && p[model.RoleRapporteur] == 0 && p[model.RoleParticipant] == 1
	})
	h.leave(r, par)
	waitFor("the room closed", func(_ map[string]int, ok bool) bool { return !ok })
}

// A member still catching up gets no presence frame (it would come before
// its welcome or among its replay); it gets the room's presence as it goes live.
func TestPresenceReachesAMemberOnceItIsLive(t *testing.T) {
	h := newTestHub(t, &fakeSource{}, HubOptions{PresenceDelay: time.Millisecond})
	probe := newMember(model.RoleParticipant, 64)
	joinLive(h, probe, 0)
	c := newMember(model.RoleParticipant, 64)
	r, _ := h.join(testRoom, c)
	waitPresence(t, probe, 2)
	c.qmu.Lock()
	queued := len(c.q)
	c.qmu.Unlock()
	if queued != 0 {
		t.Fatalf("%d frames queued for a member still catching up", queued)
	}
	r.caughtUp <- catchUp{c: c, seq: 0}
	waitPresence(t, c, 2)
}
