package live

import (
	"context"
	"encoding/json"
	"io"
	"log"
	"slices"
	"sync/atomic"
	"testing"

	"github.com/minka-gob/minka/internal/liveproto"
	"github.com/minka-gob/minka/internal/model"
	"github.com/minka-gob/minka/internal/store"
	"github.com/minka-gob/minka/internal/storetest"
)

// countingSource counts the reads of a room's position and events.
type countingSource struct {
	Source
	lastSeq, after atomic.Int32
}

func (s *countingSource) LastSeq(ctx context.Context, room string) (int64, error) {
	s.lastSeq.Add(1)
	return s.Source.LastSeq(ctx, room)
}

func (s *countingSource) EventsAfter(ctx context.Context, room string, after int64, limit int) ([]liveproto.Event, error) {
	s.after.Add(1)
	return s.Source.EventsAfter(ctx, room, after, limit)
}

// queued is what the server queued for c: frame types, and event seqs.
func queued(t *testing.T, c *client) (types []string, seqs []int64) {
	t.Helper()
	for _, f := range c.take() {
		var v struct {
			Type  string `json:"type"`
			Seq   int64  `json:"seq"`
			Reset bool   `json:"reset"`
		}
		if err := json.Unmarshal(f.raw, &v); err != nil {
			t.Fatal(err)
		}
		if v.Type == liveproto.FramePresence {
			continue
		}
		if v.Reset {
			v.Type += "(reset)"
		}
		types = append(types, v.Type)
		if v.Type == liveproto.FrameEvent {
			seqs = append(seqs, v.Seq)
		}
	}
	return types, seqs
}

// A join with since reads the database only for what the room cannot give:
// resuming where the room is reads nothing, resuming behind it reads the
// missed events (and not the newest seq), and only a since beyond the
// room's seq asks the database where the room ends (an event committed and
// not yet delivered, or a database replaced by an older one).
func TestJoinWithSinceReadsOnlyWhatTheRoomLacks(t *testing.T) {
	st := storetest.Open(t)
	ctx := context.Background()
	w := model.Workshop{City: "Cusco", Date: "2025-08-01", Status: model.WorkshopOpen}
	if err := st.CreateWorkshop(ctx, &w); err != nil {
		t.Fatal(err)
	}
	tb := model.Table{WorkshopID: w.ID, Number: 1}
	if err := st.CreateTable(ctx, &tb); err != nil {
		t.Fatal(err)
	}
	idea := func() {
		t.Helper()
		if _, err := st.CreateContribution(ctx, tb.ID, &model.Idea{ID: store.NewID(), Title: "¿Cómo podríamos?", Principle: model.PrincipleIntegrity}); err != nil {
			t.Fatal(err)
		}
	}
	idea()
	idea()
	idea() // seqs 1–3
	s := NewServer(st, Options{Hub: HubOptions{Logger: log.New(io.Discard, "", 0)}})
	t.Cleanup(s.Close)
	src := &countingSource{Source: st}
	s.hub.src = src
	room := liveproto.TableRoom(tb.ID)
	admin := Identity{Principal: model.Principal{Role: model.RoleAdmin, AdminID: store.NewID()}, Lang: "es"}
	join := func(since *int64) *client {
		t.Helper()
		c := newClient(nil, admin, 64)
		s.join(c, &liveproto.Request{Type: liveproto.TypeJoin, Room: room, Since: since})
		return c
	}
	at := func(n int64) *int64 { return &n }
	check := func(what string, c *client, wantTypes []string, wantSeqs []int64, lastSeqReads, afterReads int32) {
		t.Helper()
		types, seqs := queued(t, c)
		if !slices.Equal(types, wantTypes) || !slices.Equal(seqs, wantSeqs) {
			t.Errorf("%s: frames %v, events %v; want %v, %v", what, types, seqs, wantTypes, wantSeqs)
		}
		if l, a := src.lastSeq.Swap(0), src.after.Swap(0); l != lastSeqReads || a != afterReads {
			t.Errorf("%s: %d reads of the newest seq and %d of events; want %d and %d", what, l, a, lastSeqReads, afterReads)
		}
	}

	join(nil) // opens the room: it reads its newest seq once
	src.lastSeq.Store(0)
	src.after.Store(0)
	check("resume at the room's seq", join(at(3)), []string{"welcome", "synced"}, nil, 0, 0)
	check("resume behind it", join(at(1)), []string{"welcome", "event", "event", "synced"}, []int64{2, 3}, 0, 1)
	st.OnCommit(nil) // the next commit's events stay on their way to the room
	idea()           // seq 4: committed, never published to the room
	check("resume at a seq the room has not delivered", join(at(4)), []string{"welcome", "synced"}, nil, 1, 0)
	check("resume beyond the database", join(at(9)), []string{"welcome", "snapshot(reset)", "synced"}, nil, 1, 0)
}
