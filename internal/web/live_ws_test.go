package web

import (
	"context"
	"encoding/json"
	"fmt"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/google/uuid"
	"github.com/gorilla/websocket"

	"github.com/minka-gob/minka/internal/liveproto"
	"github.com/minka-gob/minka/internal/model"
)

// Two writers and a reader in one room: every client sees every contribution,
// each exactly once, in the same order, numbered 1, 2, 3 … without gaps.
func TestLiveClientsSeeEachOthersContributionsInOrder(t *testing.T) {
	e := newLiveEnv(t)
	rapporteur := e.dial(e.seat(model.RoleRapporteur, 0))
	admin := e.dial(e.adminTok)
	reader := e.dial(e.seat(model.RoleParticipant, 0))
	clients := []*wsClient{rapporteur, admin, reader}
	for _, c := range clients {
		if seq := c.join(e.room(0)); seq != 0 {
			t.Fatalf("fresh room at seq %d", seq)
		}
	}
	const each = 15
	var wg sync.WaitGroup
	sent := map[string]bool{}
	var mu sync.Mutex
	for w, c := range []*wsClient{rapporteur, admin} {
		wg.Add(1)
		go func(w int, c *wsClient) {
			defer wg.Done()
			for i := 0; i < each; i++ {
				id := uuid.NewString()
				mu.Lock()
				sent[id] = true
				mu.Unlock()
				if err := c.conn.WriteJSON(ideaMsg(id, fmt.Sprintf("¿Cómo podríamos %d-%d?", w, i), "transparency")); err != nil {
					t.Error(err)
					return
				}
			}
		}(w, c)
	}
	wg.Wait()
	orders := make([][]string, len(clients))
	for ci, c := range clients {
		acks := 0
		for len(orders[ci]) < 2*each {
			f := c.next()
			switch f.Type {
			case "event":
				if want := int64(len(orders[ci]) + 1); f.Seq != want {
					t.Fatalf("client %d: event seq %d, want %d", ci, f.Seq, want)
				}
				var d struct {
					Record model.Idea `json:"record"`
				}
				json.Unmarshal(f.Data, &d)
				if !sent[d.Record.ID] || f.Event != "created" {
					t.Fatalf("client %d: unexpected event %s %s", ci, f.Event, d.Record.ID)
				}
				orders[ci] = append(orders[ci], d.Record.ID)
			case "ack":
				acks++
			default:
				t.Fatalf("client %d: unexpected %+v", ci, f)
			}
		}
		// The writers' acks may come after their last event.
		for ci < 2 && acks < each {
			if f := c.until("ack"); f.Dup {
				t.Fatal("first send acknowledged as a duplicate")
			}
			acks++
		}
	}
	for ci := 1; ci < len(clients); ci++ {
		if strings.Join(orders[ci], ",") != strings.Join(orders[0], ",") {
			t.Fatalf("client %d saw another order than client 0", ci)
		}
	}
	rec, err := e.store.TableRecord(context.Background(), e.tables[0].ID, "")
	if err != nil {
		t.Fatal(err)
	}
	if len(rec.Ideas) != 2*each || rec.Seq != 2*each {
		t.Fatalf("record has %d ideas at seq %d, want %d", len(rec.Ideas), rec.Seq, 2*each)
	}
}

// A client that drops and comes back with its last seq gets exactly the
// events it missed — also after a server restart, read from the database.
func TestLiveResumeDeliversExactlyTheMissedEvents(t *testing.T) {
	e := newLiveEnv(t)
	writer := e.dial(e.seat(model.RoleRapporteur, 0))
	writer.join(e.room(0))
	reader := e.dial(e.seat(model.RoleParticipant, 0))
	reader.join(e.room(0))

	create := func(n int) []string {
		var ids []string
		for i := 0; i < n; i++ {
			id := uuid.NewString()
			writer.send(ideaMsg(id, "Idea "+id[:4], "participation"))
			if a := writer.until("ack"); a.Op != id {
				t.Fatalf("ack for %s, want %s", a.Op, id)
			}
			ids = append(ids, id)
		}
		return ids
	}
	create(3)
	var last int64
	for last < 3 {
		last = reader.until("event").Seq
	}
	reader.conn.Close()

	missed := create(4)
	back := e.dial(e.seat(model.RoleParticipant, 0))
	evs, synced := back.resume(e.room(0), last)
	if len(evs) != 4 || synced != 7 {
		t.Fatalf("resumed with %d events up to %d, want 4 up to 7", len(evs), synced)
	}
	for i, f := range evs {
		var d struct {
			Record model.Idea `json:"record"`
		}
		json.Unmarshal(f.Data, &d)
		if f.Seq != last+int64(i)+1 || d.Record.ID != missed[i] {
			t.Fatalf("resumed event %d: seq %d id %s, want seq %d id %s", i, f.Seq, d.Record.ID, last+int64(i)+1, missed[i])
		}
	}
	// Live events follow the replay.
	create(1)
	if f := back.until("event"); f.Seq != 8 {
		t.Fatalf("live event after resume has seq %d, want 8", f.Seq)
	}
	back.quiet(100 * time.Millisecond)

	// Restart: the events come from the database.
	e.restart()
	writer = e.dial(e.seat(model.RoleRapporteur, 0))
	writer.join(e.room(0))
	after := create(2)
	again := e.dial(e.seat(model.RoleParticipant, 0))
	evs, synced = again.resume(e.room(0), 8)
	if len(evs) != 2 || synced != 10 {
		t.Fatalf("after restart: %d events up to %d, want 2 up to 10", len(evs), synced)
	}
	var d struct {
		Record model.Idea `json:"record"`
	}
	json.Unmarshal(evs[1].Data, &d)
	if d.Record.ID != after[1] {
		t.Fatalf("after restart: last event is %s, want %s", d.Record.ID, after[1])
	}
	// A seq beyond the room's (a replaced database) gets a fresh snapshot.
	stranger := e.dial(e.seat(model.RoleParticipant, 0))
	stranger.send(map[string]any{"type": "join", "room": e.room(0), "since": 999})
	stranger.until("welcome")
	if snap := stranger.until("snapshot"); !snap.Reset || snap.Seq != 10 {
		t.Fatalf("since beyond the room: snapshot reset=%v seq=%d", snap.Reset, snap.Seq)
	}
}

// The same UUID sent twice — on the same connection or after a reconnect —
// stores one record and is acknowledged twice with the same seq.
func TestLiveDuplicateUUIDStoresOneRecord(t *testing.T) {
	e := newLiveEnv(t)
	w := e.dial(e.seat(model.RoleRapporteur, 0))
	w.join(e.room(0))
	reader := e.dial(e.seat(model.RoleFacilitator, 0))
	reader.join(e.room(0))
	id := uuid.NewString()
	msg := map[string]any{"type": "create", "op": id, "kind": "user_story",
		"data": map[string]any{"id": id, "as_who": "madre de familia", "want": "consultar el presupuesto", "so_that": "vigilar las obras"}}
	w.send(msg)
	first := w.until("ack")
	w.send(msg)
	second := w.until("ack")
	if first.Dup || !second.Dup || first.Seq != second.Seq || first.Seq == 0 {
		t.Fatalf("acks: %+v then %+v", first, second)
	}
	w.conn.Close()
	w2 := e.dial(e.seat(model.RoleRapporteur, 0))
	w2.join(e.room(0))
	w2.send(msg)
	if third := w2.until("ack"); !third.Dup || third.Seq != first.Seq {
		t.Fatalf("resent after reconnect: %+v", third)
	}
	if f := reader.until("event"); f.Seq != first.Seq {
		t.Fatalf("reader event seq %d", f.Seq)
	}
	reader.quiet(150 * time.Millisecond)
	rec, _ := e.store.TableRecord(context.Background(), e.tables[0].ID, "")
	if len(rec.UserStories) != 1 || rec.Seq != 1 {
		t.Fatalf("%d stories at seq %d, want 1 at 1", len(rec.UserStories), rec.Seq)
	}
}

// Only the table's rapporteur (or an admin) writes contributions; the
// facilitator moves phases; nobody from outside the table even reads it.
func TestLiveWritesAreAuthorizedPerMessageType(t *testing.T) {
	e := newLiveEnv(t)
	tests := []struct {
		name     string
		token    string
		joinCode string // expected error code of join, "" when admitted
		msg      func() map[string]any
		wantCode string // expected error code of msg, "" for an ack
	}{
		{"participant creates", e.seat(model.RoleParticipant, 0), "", func() map[string]any { return ideaMsg(uuid.NewString(), "x", "integrity") }, "forbidden"},
		{"facilitator creates", e.seat(model.RoleFacilitator, 0), "", func() map[string]any { return ideaMsg(uuid.NewString(), "x", "integrity") }, "forbidden"},
		{"rapporteur of another table", e.seat(model.RoleRapporteur, 1), "forbidden", nil, ""},
		{"public", "", "forbidden", nil, ""},
		{"rapporteur moves the phase", e.seat(model.RoleRapporteur, 0), "", func() map[string]any {
			return map[string]any{"type": "phase", "op": uuid.NewString(), "from": "topic", "phase": "needs"}
		}, "forbidden"},
		{"participant starts the timer", e.seat(model.RoleParticipant, 0), "", func() map[string]any {
			return map[string]any{"type": "timer", "op": uuid.NewString(), "action": "start", "seconds": 300}
		}, "forbidden"},
		{"rapporteur creates", e.seat(model.RoleRapporteur, 0), "", func() map[string]any { return ideaMsg(uuid.NewString(), "x", "integrity") }, ""},
		{"facilitator moves the phase", e.seat(model.RoleFacilitator, 0), "", func() map[string]any {
			return map[string]any{"type": "phase", "op": uuid.NewString(), "from": "topic", "phase": "needs"}
		}, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c := e.dial(tt.token)
			c.send(map[string]any{"type": "join", "room": e.room(0)})
			f := c.next()
			if tt.joinCode != "" {
				if f.Type != "error" || f.Code != tt.joinCode || f.Message == "" {
					t.Fatalf("join: %+v, want error %s", f, tt.joinCode)
				}
				// Without a room, writing is refused too.
				c.send(ideaMsg(uuid.NewString(), "x", "integrity"))
				if f := c.until("error"); f.Code != "not_joined" {
					t.Fatalf("write without join: %+v", f)
				}
				return
			}
			if f.Type != "welcome" {
				t.Fatalf("join: %+v", f)
			}
			c.until("synced")
			m := tt.msg()
			c.send(m)
			for {
				f = c.next()
				if f.Type == "event" {
					continue
				}
				break
			}
			if tt.wantCode == "" {
				if f.Type != "ack" || f.Op != m["op"] {
					t.Fatalf("got %+v, want ack", f)
				}
				return
			}
			if f.Type != "error" || f.Code != tt.wantCode || f.Op != m["op"] || f.Message == "" {
				t.Fatalf("got %+v, want error %s", f, tt.wantCode)
			}
		})
	}
	rec, _ := e.store.TableRecord(context.Background(), e.tables[0].ID, "")
	if len(rec.Ideas) != 1 {
		t.Fatalf("table has %d ideas, want only the rapporteur's", len(rec.Ideas))
	}
	// The other table's rapporteur cannot reach table 0 through its own room either.
	other := e.dial(e.seat(model.RoleRapporteur, 1))
	other.join(e.room(1))
	other.send(ideaMsg(uuid.NewString(), "en mi mesa", "integrity"))
	other.until("ack")
	rec, _ = e.store.TableRecord(context.Background(), e.tables[0].ID, "")
	if len(rec.Ideas) != 1 {
		t.Fatalf("table 0 has %d ideas after table 1 wrote", len(rec.Ideas))
	}
}

// Garbage gets an error frame; the connection and the room carry on.
func TestLiveMalformedAndOversizedMessagesKeepTheRoomUsable(t *testing.T) {
	e := newLiveEnv(t)
	w := e.dial(e.seat(model.RoleRapporteur, 0))
	w.join(e.room(0))
	reader := e.dial(e.seat(model.RoleParticipant, 0))
	reader.join(e.room(0))
	op := uuid.NewString()
	tests := []struct {
		name     string
		typ      int
		body     string
		wantCode string
		wantOp   string
	}{
		{"not JSON", websocket.TextMessage, `{"type": "create", `, "bad_message", ""},
		{"no type", websocket.TextMessage, `{"op": "x"}`, "bad_message", ""},
		{"unknown type", websocket.TextMessage, `{"type": "explode"}`, "bad_message", ""},
		{"binary", websocket.BinaryMessage, `{"type":"ping"}`, "bad_message", ""},
		{"wrong field type", websocket.TextMessage, `{"type": "create", "op": "` + op + `", "kind": "idea", "data": "text"}`, "bad_message", op},
		{"unknown kind", websocket.TextMessage, `{"type": "create", "op": "` + op + `", "kind": "poem", "data": {"id": "` + op + `"}}`, "invalid", op},
		{"invalid field", websocket.TextMessage, `{"type": "create", "op": "` + op + `", "kind": "idea", "data": {"id": "` + op + `", "title": "", "principle": "magic"}}`, "invalid", op},
		{"oversized", websocket.TextMessage, `{"type":"create","data":"` + strings.Repeat("x", 100<<10) + `"}`, "too_large", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			w.sendRaw(tt.typ, []byte(tt.body))
			f := w.until("error")
			if f.Code != tt.wantCode || f.Op != tt.wantOp || f.Message == "" {
				t.Fatalf("got %+v, want code %s op %q", f, tt.wantCode, tt.wantOp)
			}
			if tt.wantCode == "invalid" && tt.name == "invalid field" && (f.Fields["title"] == "" || f.Fields["principle"] == "") {
				t.Fatalf("invalid fields not reported: %+v", f.Fields)
			}
		})
	}
	// Still usable: a good message is stored and reaches the room.
	id := uuid.NewString()
	w.send(ideaMsg(id, "Presupuesto participativo en línea", "participation"))
	if a := w.until("ack"); a.Op != id {
		t.Fatalf("ack %+v", a)
	}
	if f := reader.until("event"); f.Seq != 1 {
		t.Fatalf("reader got %+v", f)
	}
	// Spanish by default; the join may ask for English.
	en := e.dial(e.seat(model.RoleParticipant, 0))
	en.send(map[string]any{"type": "join", "room": e.room(0), "lang": "en"})
	en.until("synced")
	en.send(ideaMsg(uuid.NewString(), "x", "integrity"))
	es := e.dial(e.seat(model.RoleParticipant, 0))
	es.join(e.room(0))
	es.send(ideaMsg(uuid.NewString(), "x", "integrity"))
	if fen, fes := en.until("error"), es.until("error"); fen.Message == fes.Message {
		t.Fatalf("English and Spanish messages are the same: %q", fen.Message)
	}
}

// An edit or delete names the version it was made on; a stale one is
// refused with the current record and never overwrites the newer text.
func TestLiveStaleVersionIsRefused(t *testing.T) {
	e := newLiveEnv(t)
	a := e.dial(e.seat(model.RoleRapporteur, 0))
	a.join(e.room(0))
	b := e.dial(e.adminTok)
	b.join(e.room(0))
	id := uuid.NewString()
	a.send(map[string]any{"type": "create", "op": id, "kind": "profile_note", "data": map[string]any{"id": id, "kind": "pain", "text": "Trámites largos"}})
	a.until("ack")
	a.send(map[string]any{"type": "update", "op": uuid.NewString(), "kind": "profile_note", "id": id, "version": 1,
		"data": map[string]any{"kind": "pain", "text": "Trámites largos y presenciales"}})
	if ack := a.until("ack"); ack.Dup {
		t.Fatal("edit acknowledged as duplicate")
	}
	staleOp := uuid.NewString()
	b.send(map[string]any{"type": "update", "op": staleOp, "kind": "profile_note", "id": id, "version": 1,
		"data": map[string]any{"kind": "need", "text": "Otra cosa"}})
	f := b.until("error")
	var cur model.ProfileNote
	json.Unmarshal(f.Current, &cur)
	if f.Code != "stale" || f.Op != staleOp || cur.Version != 2 || cur.Text != "Trámites largos y presenciales" || !strings.Contains(f.Message, "modific") {
		t.Fatalf("stale edit: %+v current %+v", f, cur)
	}
	b.send(map[string]any{"type": "delete", "op": uuid.NewString(), "kind": "profile_note", "id": id, "version": 1})
	if f := b.until("error"); f.Code != "stale" {
		t.Fatalf("stale delete: %+v", f)
	}
	rec, _ := e.store.TableRecord(context.Background(), e.tables[0].ID, "")
	if len(rec.ProfileNotes) != 1 || rec.ProfileNotes[0].Text != "Trámites largos y presenciales" {
		t.Fatalf("stored notes: %+v", rec.ProfileNotes)
	}
	b.send(map[string]any{"type": "delete", "op": uuid.NewString(), "kind": "profile_note", "id": id, "version": 2})
	b.until("ack")
	a.send(map[string]any{"type": "update", "op": uuid.NewString(), "kind": "profile_note", "id": id, "version": 3,
		"data": map[string]any{"kind": "pain", "text": "revivir"}})
	if f := a.until("error"); f.Code != "not_found" {
		t.Fatalf("edit of a deleted record: %+v", f)
	}
	rec, _ = e.store.TableRecord(context.Background(), e.tables[0].ID, "")
	if len(rec.ProfileNotes) != 0 {
		t.Fatal("deleted note still in the record")
	}
}

// The facilitator moves phases (a double tap moves one phase), runs the
// timer and marks chosen ideas; participants rate in the prioritize phase
// only, one rating each, which they may change.
func TestLivePhasesTimerChoiceAndRatings(t *testing.T) {
	e := newLiveEnv(t)
	fac := e.dial(e.seat(model.RoleFacilitator, 0))
	fac.join(e.room(0))
	rap := e.dial(e.seat(model.RoleRapporteur, 0))
	rap.join(e.room(0))
	p1 := e.dial(e.seat(model.RoleParticipant, 0))
	p1.join(e.room(0))
	p2 := e.dial(e.seat(model.RoleParticipant, 0))
	p2.join(e.room(0))
	watcher := e.dial(e.seat(model.RoleParticipant, 0))
	watcher.join(e.room(0))

	ideaID := uuid.NewString()
	rap.send(ideaMsg(ideaID, "Mesa de partes digital", "transparency"))
	rap.until("ack")
	rate := func(c *wsClient, impact, feas int) frame {
		c.send(map[string]any{"type": "rate", "op": uuid.NewString(), "idea_id": ideaID, "impact": impact, "feasibility": feas})
		for {
			f := c.next()
			if f.Type == "ack" || f.Type == "error" {
				return f
			}
		}
	}
	if f := rate(p1, 5, 4); f.Code != "conflict" {
		t.Fatalf("rating outside prioritize: %+v", f)
	}
	move := func(from, to string) frame {
		fac.send(map[string]any{"type": "phase", "op": uuid.NewString(), "from": from, "phase": to})
		for {
			f := fac.next()
			if f.Type == "ack" || f.Type == "error" {
				return f
			}
		}
	}
	if f := move("topic", "prioritize"); f.Type != "ack" {
		t.Fatalf("phase: %+v", f)
	}
	if f := move("topic", "prioritize"); f.Code != "conflict" {
		t.Fatalf("second tap on the same move: %+v", f)
	}
	fac.send(map[string]any{"type": "timer", "op": uuid.NewString(), "action": "start", "seconds": 600})
	fac.until("ack")
	fac.send(map[string]any{"type": "timer", "op": uuid.NewString(), "action": "resume"})
	if f := fac.until("error"); f.Code != "conflict" {
		t.Fatalf("resume a running timer: %+v", f)
	}
	if f := rate(p1, 5, 4); f.Type != "ack" {
		t.Fatalf("rating: %+v", f)
	}
	if f := rate(p1, 3, 2); f.Type != "ack" { // changes p1's rating
		t.Fatalf("re-rating: %+v", f)
	}
	f := rate(p2, 4, 5)
	var d liveproto.RatingChange
	json.Unmarshal(f.Data, &d)
	if d.Ratings.Count != 2 || d.Ratings.Impact != 3.5 || d.Ratings.Feasibility != 3.5 {
		t.Fatalf("summary after two raters: %+v", d.Ratings)
	}
	fac.send(map[string]any{"type": "choose", "op": uuid.NewString(), "id": ideaID, "chosen": true})
	fac.until("ack")
	rec, err := e.store.TableRecord(context.Background(), e.tables[0].ID, "")
	if err != nil {
		t.Fatal(err)
	}
	if rec.Table.Phase != model.PhasePrioritize || !rec.Timer.Running || rec.Timer.DurationS != 600 ||
		len(rec.Ideas) != 1 || !rec.Ideas[0].Chosen || rec.Ideas[0].Version != 1 || rec.Ideas[0].Ratings.Count != 2 {
		t.Fatalf("record: phase %s timer %+v ideas %+v", rec.Table.Phase, rec.Timer, rec.Ideas)
	}
	// Every screen of the table saw the same story, in order.
	var types []string
	for {
		f := watcher.next()
		if f.Type == "event" {
			types = append(types, f.Event)
			if f.Event == "updated" {
				break
			}
		}
	}
	if got := strings.Join(types, ","); got != "created,phase,timer,rated,rated,rated,updated" {
		t.Fatalf("participant saw %s", got)
	}
}

// Pipelining: a client sends many operations without waiting for acks —
// creates, then edits of those records naming versions 1, 2, a stale one in
// between — and the server applies them in the order sent and answers them
// in that order, each ack after its commit.
func TestLivePipelinedOperationsAreAppliedAndAnsweredInOrder(t *testing.T) {
	e := newLiveEnv(t)
	a := e.dial(e.seat(model.RoleRapporteur, 0))
	a.join(e.room(0))
	var ops []string
	var want []string // "ack" or the error code, per op, in order
	const n = 40
	ids := make([]string, n)
	for i := range ids {
		ids[i] = uuid.NewString()
		ops, want = append(ops, ids[i]), append(want, "ack")
		a.send(ideaMsg(ids[i], fmt.Sprintf("¿Cómo podríamos probar %d?", i), "participation"))
	}
	for i, id := range ids {
		for v := 1; v <= 2; v++ {
			op := uuid.NewString()
			ops, want = append(ops, op), append(want, "ack")
			a.send(map[string]any{"type": "update", "op": op, "kind": "idea", "id": id, "version": v,
				"data": map[string]any{"title": fmt.Sprintf("¿Cómo podríamos probar %d, versión %d?", i, v+1), "principle": "integrity"}})
		}
		stale := uuid.NewString()
		ops, want = append(ops, stale), append(want, "stale")
		a.send(map[string]any{"type": "update", "op": stale, "kind": "idea", "id": id, "version": 1,
			"data": map[string]any{"title": "¿Cómo podríamos pisar una versión vieja?", "principle": "integrity"}})
	}
	var lastSeq int64
	for i := range ops {
		var f frame
		for {
			f = a.next()
			if f.Type == "ack" || f.Type == "error" {
				break
			}
		}
		got := f.Type
		if f.Type == "error" {
			got = f.Code
		}
		if f.Op != ops[i] || got != want[i] {
			t.Fatalf("answer %d: %s %s for op %s, want %s for op %s", i, got, f.Op, f.Op, want[i], ops[i])
		}
		if f.Type == "ack" {
			if f.Seq <= lastSeq {
				t.Fatalf("answer %d: ack seq %d after %d", i, f.Seq, lastSeq)
			}
			lastSeq = f.Seq
		}
	}
	rec, err := e.store.TableRecord(context.Background(), e.tables[0].ID, "")
	if err != nil {
		t.Fatal(err)
	}
	if len(rec.Ideas) != n || rec.Seq != 3*n {
		t.Fatalf("%d ideas at seq %d, want %d at %d", len(rec.Ideas), rec.Seq, n, 3*n)
	}
	for _, idea := range rec.Ideas {
		if idea.Version != 3 || !strings.HasSuffix(idea.Title, "versión 3?") {
			t.Fatalf("idea %s at version %d: %q", idea.ID, idea.Version, idea.Title)
		}
	}
}
