package store

import (
	"context"
	"database/sql"
	"errors"
	"path/filepath"
	"slices"
	"testing"
	"time"

	"github.com/minka-gob/minka"
	"github.com/minka-gob/minka/internal/liveproto"
)

// The seqs kept in memory by the writer: an operation rolled back gives its
// seq back (the next event takes it, no gap), operations of one batch count
// on from each other, and a reopened store continues from the database. The
// workshop's room numbers the same rows on its own.
func TestRoomSeqsInMemoryStayWithoutGaps(t *testing.T) {
	path := filepath.Join(t.TempDir(), "m.sqlite")
	st, err := Open(path, minka.Migrations, Options{})
	if err != nil {
		t.Fatal(err)
	}
	const tableID, workshopID = "00000000-0000-4000-8000-000000000001", "00000000-0000-4000-8000-000000000002"
	room := liveproto.TableRoom(tableID)
	now := time.Now()
	var wseqs []int64
	appendOne := func(tx *sql.Tx) (int64, error) {
		evs, err := st.appendEvent(tx, tableID, workshopID, liveproto.EventCreated, "", Actor{}, []byte(`{}`), now)
		if evs[1].Room != liveproto.WorkshopRoom(workshopID) {
			t.Fatalf("second event in room %q, want the workshop's", evs[1].Room)
		}
		wseqs = append(wseqs, evs[1].Seq)
		return evs[0].Seq, err
	}
	var told []int64 // the table's seqs told to OnCommit
	st.OnCommit(func(evs []liveproto.Event) {
		for _, ev := range evs {
			if ev.Room == room {
				told = append(told, ev.Seq)
			}
		}
	})
	var got []int64
	ok := func(tx *sql.Tx) error {
		seq, err := appendOne(tx)
		got = append(got, seq)
		return err
	}
	failing := func(tx *sql.Tx) error {
		if _, err := appendOne(tx); err != nil {
			return err
		}
		return errors.New("refused after appending")
	}
	// One batch by hand: ok, failing, ok, ok.
	batch := []writeOp{
		{fn: ok, done: make(chan error, 1), live: true},
		{fn: failing, done: make(chan error, 1), live: true},
		{fn: ok, done: make(chan error, 1), live: true},
		{fn: ok, done: make(chan error, 1), live: true},
	}
	st.writer.runBatch(batch)
	for i, op := range batch {
		if err := <-op.done; (err != nil) != (i == 1) {
			t.Fatalf("op %d: %v", i, err)
		}
	}
	if err := st.writer.doLive(context.Background(), ok); err != nil {
		t.Fatal(err)
	}
	if err := st.writer.doLive(context.Background(), failing); err == nil {
		t.Fatal("the failing write succeeded")
	}
	// The batch of live writes ran first without savepoints; the failure
	// rolled it all back (its seqs given back) and it ran again with a
	// savepoint per write, so the first write took seq 1 twice.
	if want := []int64{1, 1, 2, 3, 4}; !slices.Equal(got, want) {
		t.Fatalf("seqs %v, want %v", got, want)
	}
	if last, err := st.LastSeq(context.Background(), room); err != nil || last != 4 {
		t.Fatalf("last seq on disk %d (%v), want 4", last, err)
	}
	// Only what was committed was told, each once (OnCommit runs on the
	// writer's goroutine, before the write's caller hears back).
	if want := []int64{1, 2, 3, 4}; !slices.Equal(told, want) {
		t.Fatalf("told seqs %v, want %v", told, want)
	}
	// The workshop's room took 1, 2 (the run without savepoints, given
	// back), then 1, 2 (given back), 2, 3, 4, then 5 twice: the failing
	// write alone ran without a savepoint, then again with one, both given
	// back.
	if want := []int64{1, 2, 1, 2, 2, 3, 4, 5, 5}; !slices.Equal(wseqs, want) {
		t.Fatalf("workshop seqs %v, want %v", wseqs, want)
	}
	evs, err := st.EventsAfter(context.Background(), liveproto.WorkshopRoom(workshopID), 1, 10)
	if err != nil || len(evs) != 3 || evs[0].Seq != 2 || evs[2].Seq != 4 || evs[0].Room != liveproto.WorkshopRoom(workshopID) {
		t.Fatalf("workshop events after 1: %+v (%v), want seqs 2, 3, 4", evs, err)
	}
	if last, err := st.LastSeq(context.Background(), liveproto.WorkshopRoom(workshopID)); err != nil || last != 4 {
		t.Fatalf("workshop's last seq on disk %d (%v), want 4", last, err)
	}
	// A write outside the live path adds an event behind the writer's back
	// (a field import does): the next live event still takes the next seq.
	if err := st.Write(context.Background(), func(tx *sql.Tx) error {
		_, err := tx.Exec(`INSERT INTO live_events(room, seq, type, op, actor_role, actor_id, payload, created_at) VALUES (?, 5, 'created', '', '', '', '{}', '')`, room)
		return err
	}); err != nil {
		t.Fatal(err)
	}
	got = nil
	live := func(tx *sql.Tx) error { return ok(tx) }
	if err := st.writer.doLive(context.Background(), live); err != nil {
		t.Fatal(err)
	}
	if !slices.Equal(got, []int64{6}) {
		t.Fatalf("after an outside insert: %v, want [6]", got)
	}
	st.Close()
	st, err = Open(path, minka.Migrations, Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	got = nil
	if err := st.Write(context.Background(), ok); err != nil {
		t.Fatal(err)
	}
	if !slices.Equal(got, []int64{7}) {
		t.Fatalf("after reopening: %v, want [7]", got)
	}
}
