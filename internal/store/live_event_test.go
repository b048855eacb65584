package store_test

import (
	"context"
	"io/fs"
	"path/filepath"
	"reflect"
	"testing"
	"testing/fstest"
	"time"

	"github.com/minka-gob/minka"
	"github.com/minka-gob/minka/internal/liveproto"
	"github.com/minka-gob/minka/internal/model"
	"github.com/minka-gob/minka/internal/store"
	"github.com/minka-gob/minka/internal/storetest"
)

// migrationsBefore is the real migrations numbered below n: a database as
// an older Minka left it.
func migrationsBefore(t *testing.T, n int) fs.FS {
	t.Helper()
	m := withMigrations(t, nil).(fstest.MapFS)
	for name := range m {
		if num, err := store.MigrationNumber(name); err != nil || num >= n {
			delete(m, name)
		}
	}
	return m
}

// Before migration 009 a workshop's room had a mirror row of every event
// of its tables; after it, one row is the event of both rooms. A plenary
// screen resuming across the upgrade gets the old events and then the new
// ones, numbered on without a gap or a repeat.
func TestWorkshopRoomContinuesAcrossTheOneRowMigration(t *testing.T) {
	path := filepath.Join(t.TempDir(), "m.sqlite")
	ctx := context.Background()
	old, err := store.Open(path, migrationsBefore(t, 9), store.Options{})
	if err != nil {
		t.Fatal(err)
	}
	// The process and principle rows an older Seed made (today's Seed writes columns of later migrations).
	if err := old.Write(ctx, func(tx *store.Tx) error {
		if _, err := tx.Exec(`INSERT INTO principles(code, position) VALUES ('transparency', 1), ('participation', 2), ('accountability', 3), ('integrity', 4)`); err != nil {
			return err
		}
		_, err := tx.Exec(`INSERT INTO process(id, name, period, created_at, updated_at) VALUES (?, 'VI Plan', '2026-2027', '2026-01-01T00:00:00Z', '2026-01-01T00:00:00Z')`, store.NewID())
		return err
	}); err != nil {
		t.Fatal(err)
	}
	w := model.Workshop{City: "Cusco", Date: "2026-05-23"}
	if err := old.CreateWorkshop(ctx, &w); err != nil {
		t.Fatal(err)
	}
	tb := model.Table{WorkshopID: w.ID, Number: 1}
	if err := old.CreateTable(ctx, &tb); err != nil {
		t.Fatal(err)
	}
	// What the older writer stored for one contribution: its table's event and the mirror.
	if err := old.Write(ctx, func(tx *store.Tx) error {
		_, err := tx.Exec(`INSERT INTO live_events(room, seq, type, op, payload, created_at) VALUES
			(?, 1, 'created', 'op-1', '{"old":1}', '2026-05-23T10:00:00.000Z'),
			(?, 1, 'created', 'op-1', '{"old":1}', '2026-05-23T10:00:00.000Z')`, liveproto.TableRoom(tb.ID), liveproto.WorkshopRoom(w.ID))
		return err
	}); err != nil {
		t.Fatal(err)
	}
	old.Close()

	st, err := store.Open(path, minka.Migrations, store.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	a, err := st.CreateContribution(ctx, tb.ID, &model.Idea{ID: store.NewID(), Title: "Ventanilla única", Principle: model.PrincipleTransparency})
	if err != nil {
		t.Fatal(err)
	}
	if len(a.Events) != 2 || a.Events[0].Seq != 2 || a.Events[1].Seq != 2 || a.Events[1].Room != liveproto.WorkshopRoom(w.ID) {
		t.Fatalf("new events %+v, want seq 2 in the table's room and in the workshop's", a.Events)
	}
	for _, room := range []string{liveproto.TableRoom(tb.ID), liveproto.WorkshopRoom(w.ID)} {
		evs, err := st.EventsAfter(ctx, room, 0, 10)
		if err != nil {
			t.Fatal(err)
		}
		if len(evs) != 2 || evs[0].Seq != 1 || string(evs[0].Payload) != `{"old":1}` || evs[1].Seq != 2 || evs[1].Op != a.Events[0].Op {
			t.Fatalf("%s: events %+v, want the old one (1) and the new one (2)", room, evs)
		}
		if last, err := st.LastSeq(ctx, room); err != nil || last != 2 {
			t.Fatalf("%s: last seq %d (%v), want 2", room, last, err)
		}
	}
	var rows int
	if err := st.Write(ctx, func(tx *store.Tx) error {
		return tx.QueryRow(`SELECT COUNT(*) FROM live_events WHERE op = ?`, a.Events[0].Op).Scan(&rows)
	}); err != nil || rows != 1 {
		t.Fatalf("the new contribution has %d event rows (%v), want 1", rows, err)
	}
}

// Live operations keep in memory whether their workshop is in the field;
// a checkout made after a live write is still seen by the next one, and
// so is the workshop's return.
func TestLiveWritesSeeACheckoutMadeAfterThem(t *testing.T) {
	st := storetest.Open(t)
	ctx := context.Background()
	w := storetest.Workshop(t, st, model.Workshop{})
	tb := storetest.Table(t, st, model.Table{WorkshopID: w.ID})
	idea := func() error {
		_, err := st.CreateContribution(ctx, tb.ID, &model.Idea{ID: store.NewID(), Title: "Mesa de partes digital", Principle: model.PrincipleTransparency})
		return err
	}
	if err := idea(); err != nil {
		t.Fatal(err)
	}
	tok := store.FieldToken{WorkshopID: w.ID, Label: "Laptop 1", SecretHash: "x"}
	if err := st.CreateFieldToken(ctx, &tok); err != nil {
		t.Fatal(err)
	}
	if err := st.CheckoutWorkshop(ctx, tok.ID, w.ID, store.NewID()); err != nil {
		t.Fatal(err)
	}
	if err := idea(); model.KindOf(err) != model.KindConflict {
		t.Fatalf("a live write to a workshop in the field: %v, want a conflict", err)
	}
	if err := st.ReturnFieldCheckout(ctx, w.ID); err != nil {
		t.Fatal(err)
	}
	if err := idea(); err != nil {
		t.Fatalf("after the return: %v", err)
	}
}

// Live operations keep in memory when their session expires; a session
// ended after a live write (its join code regenerated, a logout) refuses
// the next one, and so does the clock passing its expiry.
func TestLiveWritesSeeASessionEndedAfterThem(t *testing.T) {
	now := time.Date(2025, 5, 23, 9, 0, 0, 0, time.UTC)
	st := storetest.OpenWith(t, store.Options{Now: func() time.Time { return now }})
	ctx := context.Background()
	w := storetest.Workshop(t, st, model.Workshop{})
	tb := storetest.Table(t, st, model.Table{WorkshopID: w.ID})
	session := func() (token string, guarded context.Context) {
		tbl, err := st.Table(ctx, tb.ID)
		if err != nil {
			t.Fatal(err)
		}
		token, err = st.CreateSession(ctx, model.Session{Role: model.RoleRapporteur, TableID: tb.ID, JoinCode: tbl.RapporteurCode}, time.Hour)
		if err != nil {
			t.Fatal(err)
		}
		return token, st.RequireSession(ctx, store.HashToken(token))
	}
	idea := func(ctx context.Context) error {
		_, err := st.CreateContribution(ctx, tb.ID, &model.Idea{ID: store.NewID(), Title: "Mesa de partes digital", Principle: model.PrincipleTransparency})
		return err
	}
	refused := func(what string, err error) {
		t.Helper()
		if model.KindOf(err) != model.KindForbidden {
			t.Fatalf("%s: %v, want forbidden", what, err)
		}
	}

	_, gctx := session()
	if err := idea(gctx); err != nil {
		t.Fatal(err)
	}
	if _, err := st.RegenerateTableCode(ctx, tb.ID, model.RoleRapporteur); err != nil {
		t.Fatal(err)
	}
	refused("after the code was regenerated", idea(gctx))

	token, gctx := session()
	if err := idea(gctx); err != nil {
		t.Fatal(err)
	}
	if err := st.DeleteSession(ctx, token); err != nil {
		t.Fatal(err)
	}
	refused("after logging out", idea(gctx))

	// A write outside the live path, under the same session, that ends it
	// (its guard read the session alive just before).
	token, gctx = session()
	if err := st.Write(gctx, func(tx *store.Tx) error {
		_, err := tx.Exec(`DELETE FROM sessions WHERE token_hash = ?`, store.HashToken(token))
		return err
	}); err != nil {
		t.Fatal(err)
	}
	refused("after a guarded write ended the session", idea(gctx))

	_, gctx = session()
	if err := idea(gctx); err != nil {
		t.Fatal(err)
	}
	now = now.Add(time.Hour)
	refused("at the session's expiry", idea(gctx))
}

// Migration 014 moves live_events to a table in the order written: every
// event keeps its room, seq, op, payload and place in the workshop's room,
// a resent operation is still recognised, and seqs go on without a gap.
func TestLiveEventsSurviveTheMoveToRowidOrder(t *testing.T) {
	path := filepath.Join(t.TempDir(), "m.sqlite")
	ctx := context.Background()
	old, err := store.Open(path, migrationsBefore(t, 14), store.Options{})
	if err != nil {
		t.Fatal(err)
	}
	if err := old.Seed(ctx); err != nil {
		t.Fatal(err)
	}
	w := storetest.Workshop(t, old, model.Workshop{})
	tb := storetest.Table(t, old, model.Table{WorkshopID: w.ID})
	first := &model.Idea{ID: store.NewID(), Title: "Ventanilla única", Principle: model.PrincipleTransparency}
	for _, idea := range []*model.Idea{first, {ID: store.NewID(), Title: "Mesa de partes digital", Principle: model.PrincipleParticipation}} {
		if _, err := old.CreateContribution(ctx, tb.ID, idea); err != nil {
			t.Fatal(err)
		}
	}
	rooms := []string{liveproto.TableRoom(tb.ID), liveproto.WorkshopRoom(w.ID)}
	before := map[string][]liveproto.Event{}
	for _, room := range rooms {
		if before[room], err = old.EventsAfter(ctx, room, 0, 10); err != nil || len(before[room]) != 2 {
			t.Fatalf("%s before the migration: %d events (%v), want 2", room, len(before[room]), err)
		}
	}
	old.Close()

	st, err := store.Open(path, minka.Migrations, store.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	for _, room := range rooms {
		after, err := st.EventsAfter(ctx, room, 0, 10)
		if err != nil {
			t.Fatal(err)
		}
		if !reflect.DeepEqual(after, before[room]) {
			t.Fatalf("%s after the migration:\n%+v\nwant\n%+v", room, after, before[room])
		}
	}
	again, err := st.CreateContribution(ctx, tb.ID, first)
	if err != nil || !again.Dup || again.Seq != 1 {
		t.Fatalf("resending the first idea: %+v (%v), want a duplicate of seq 1", again, err)
	}
	a, err := st.CreateContribution(ctx, tb.ID, &model.Idea{ID: store.NewID(), Title: "Datos abiertos", Principle: model.PrincipleTransparency})
	if err != nil {
		t.Fatal(err)
	}
	if a.Events[0].Seq != 3 || a.Events[1].Seq != 3 {
		t.Fatalf("the next event took seqs %d and %d, want 3 in both rooms", a.Events[0].Seq, a.Events[1].Seq)
	}
}

// An op sent again is answered with its first result and changes nothing,
// whether it comes alone (in a batch of its own) or next to its first copy
// (in the same batch, which then runs with a savepoint per write).
func TestAnOpSentAgainIsAnsweredWithItsFirstResult(t *testing.T) {
	ctx := context.Background()
	st := storetest.Open(t)
	w := storetest.Workshop(t, st, model.Workshop{})
	tb := storetest.Table(t, st, model.Table{WorkshopID: w.ID, Number: 1})
	idea := &model.Idea{ID: store.NewID(), Title: "Ventanilla única", Principle: model.PrincipleParticipation}
	editOp, deleteOp, phaseOp := store.NewID(), store.NewID(), store.NewID()
	ops := []struct {
		name  string
		apply func() (store.Applied, error)
	}{
		{"create", func() (store.Applied, error) { return st.CreateContribution(ctx, tb.ID, idea) }},
		{"edit", func() (store.Applied, error) {
			return st.UpdateContribution(ctx, editOp, tb.ID, &model.Idea{ID: idea.ID, Title: "Ventanilla única móvil", Principle: model.PrincipleParticipation}, 1)
		}},
		{"phase", func() (store.Applied, error) {
			return st.SetPhase(ctx, phaseOp, tb.ID, model.PhaseTopic, model.PhaseNeeds)
		}},
		{"delete", func() (store.Applied, error) {
			return st.DeleteContribution(ctx, deleteOp, tb.ID, model.KindIdea, idea.ID, 2)
		}},
	}
	room := liveproto.TableRoom(tb.ID)
	for i, op := range ops {
		first, err := op.apply()
		if err != nil || first.Dup || first.Seq != int64(i+1) {
			t.Fatalf("%s: %+v (%v), want seq %d applied", op.name, first, err, i+1)
		}
		again, err := op.apply()
		if err != nil || !again.Dup || again.Seq != first.Seq || string(again.Data) != string(first.Data) {
			t.Fatalf("%s sent again alone: %+v (%v), want a duplicate of seq %d", op.name, again, err, first.Seq)
		}
	}

	// Copies of one new op sent at once: one is applied, the others answer with its result.
	copies := make(chan store.Applied, 8)
	second := &model.Idea{ID: store.NewID(), Title: "Datos abiertos", Principle: model.PrincipleTransparency}
	for range cap(copies) {
		go func() {
			copy := *second // each copy is its own message
			a, err := st.CreateContribution(ctx, tb.ID, &copy)
			if err != nil {
				t.Error(err)
			}
			copies <- a
		}()
	}
	applied := 0
	for range cap(copies) {
		a := <-copies
		if !a.Dup {
			applied++
		}
		if a.Seq != int64(len(ops)+1) {
			t.Fatalf("a copy answered seq %d, want %d", a.Seq, len(ops)+1)
		}
	}
	if applied != 1 {
		t.Fatalf("%d copies applied, want 1", applied)
	}
	evs, err := st.EventsAfter(ctx, room, 0, 100)
	if err != nil || len(evs) != len(ops)+1 {
		t.Fatalf("%d events in the table's room (%v), want %d: one per op", len(evs), err, len(ops)+1)
	}
}

// OnCommit is told of every committed event once, in seq order, and of
// nothing a refused operation appended: batches that mix refused and
// accepted operations are rolled back and run again, which must not tell
// an event twice.
func TestOnCommitTellsEachCommittedEventOnce(t *testing.T) {
	ctx := context.Background()
	st := storetest.Open(t)
	w := storetest.Workshop(t, st, model.Workshop{})
	tb := storetest.Table(t, st, model.Table{WorkshopID: w.ID, Number: 1})
	idea := storetest.Idea(t, st, model.Idea{TableID: tb.ID, Title: "Ventanilla única"})
	told := make(chan []liveproto.Event, 100)
	st.OnCommit(func(evs []liveproto.Event) { told <- evs })
	defer st.OnCommit(nil)

	const n = 40
	results := make(chan store.Applied, n)
	for i := range n {
		go func() {
			var a store.Applied
			var err error
			if i%2 == 0 {
				a, err = st.CreateContribution(ctx, tb.ID, &model.Idea{ID: store.NewID(), Title: "Idea", Principle: model.PrincipleParticipation})
			} else {
				// A stale version: refused after the batch began.
				_, err = st.UpdateContribution(ctx, store.NewID(), tb.ID, &model.Idea{ID: idea.ID, Title: "Otra", Principle: model.PrincipleParticipation}, 99)
				if err == nil {
					t.Error("a stale edit was applied")
				}
			}
			if i%2 == 0 && err != nil {
				t.Error(err)
			}
			results <- a
		}()
	}
	applied := map[int64]bool{}
	for range n {
		if a := <-results; a.Seq != 0 {
			applied[a.Seq] = true
		}
	}
	room := liveproto.TableRoom(tb.ID)
	var seqs []int64
	for len(seqs) < len(applied) {
		select {
		case evs := <-told:
			for _, ev := range evs {
				if ev.Room == room {
					seqs = append(seqs, ev.Seq)
				}
			}
		case <-time.After(10 * time.Second):
			t.Fatalf("told %v, want the %d events applied", seqs, len(applied))
		}
	}
	first := seqs[0]
	for i, seq := range seqs {
		if seq != first+int64(i) || !applied[seq] {
			t.Fatalf("told seqs %v, want each applied seq once in order %v", seqs, applied)
		}
	}
	if len(seqs) != n/2 {
		t.Fatalf("told %d events, want %d", len(seqs), n/2)
	}
	// The next commit tells its own event alone.
	last, err := st.CreateContribution(ctx, tb.ID, &model.Idea{ID: store.NewID(), Title: "La última", Principle: model.PrincipleParticipation})
	if err != nil {
		t.Fatal(err)
	}
	select {
	case evs := <-told:
		if len(evs) != 2 || evs[0].Seq != last.Seq || evs[0].Room != room {
			t.Fatalf("the last commit told %+v, want its two events (seq %d in the table's room)", evs, last.Seq)
		}
	case <-time.After(10 * time.Second):
		t.Fatal("the last commit told nothing")
	}
}
