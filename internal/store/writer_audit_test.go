package store

import (
	"context"
	"database/sql"
	"errors"
	"path/filepath"
	"strings"
	"testing"

	"github.com/minka-gob/minka"
)

// One batch, built by hand: a write by X, a failing write by Y (its author
// row is rolled back with it), then a write by Y. The last must still be Y's.
func TestBatchAuthorAfterAFailedWrite(t *testing.T) {
	st := openSeeded(t)
	insert := func(id string) func(tx *sql.Tx) error { return addWorkshopRow(id, nil) }
	x, y := Actor{Role: "admin", ID: "X"}, Actor{Role: "rapporteur", ID: "Y"}
	batch := []writeOp{
		{fn: insert("w1"), actor: x, done: make(chan error, 1)},
		{fn: func(tx *sql.Tx) error { insert("w-failed")(tx); return errors.New("boom") }, actor: y, done: make(chan error, 1)},
		{fn: insert("w2"), actor: y, done: make(chan error, 1)},
		{fn: insert("w3"), actor: x, done: make(chan error, 1)},
	}
	st.writer.runBatch(batch)
	for i, op := range batch {
		if err := <-op.done; (err != nil) != (i == 1) {
			t.Fatalf("op %d: err = %v", i, err)
		}
	}
	want := map[string]string{"w1": "X", "w2": "Y", "w3": "X"}
	for id, actor := range want {
		var got string
		if err := st.read.QueryRow(`SELECT actor_id FROM audit_log WHERE table_name = 'workshops' AND row_id = ?`, id).Scan(&got); err != nil {
			t.Fatal(err)
		}
		if got != actor {
			t.Errorf("%s attributed to %q, want %q", id, got, actor)
		}
	}
	var n int
	st.read.QueryRow(`SELECT COUNT(*) FROM audit_context`).Scan(&n)
	if n != 0 {
		t.Error("the author row outlived its batch")
	}
}

// Writes of one batch are grouped by author; each author's writes keep the
// order they were queued in, and each is still recorded under its author.
func TestBatchGroupsAuthorsAndKeepsEachOnesOrder(t *testing.T) {
	st := openSeeded(t)
	var ran []string
	insert := func(id string) func(tx *sql.Tx) error { return addWorkshopRow(id, &ran) }
	x, y := Actor{Role: "rapporteur", ID: "X"}, Actor{Role: "rapporteur", ID: "Y"}
	batch := []writeOp{
		{fn: insert("y1"), actor: y, done: make(chan error, 1)},
		{fn: insert("x1"), actor: x, done: make(chan error, 1)},
		{fn: insert("y2"), actor: y, done: make(chan error, 1)},
		{fn: insert("x2"), actor: x, done: make(chan error, 1)},
		{fn: insert("y3"), actor: y, done: make(chan error, 1)},
	}
	st.writer.runBatch(batch)
	for _, op := range batch {
		if err := <-op.done; err != nil {
			t.Fatal(err)
		}
	}
	if got, want := strings.Join(ran, " "), "x1 x2 y1 y2 y3"; got != want {
		t.Fatalf("ran %s, want %s", got, want)
	}
	for _, id := range ran {
		var got string
		if err := st.read.QueryRow(`SELECT actor_id FROM audit_log WHERE table_name = 'workshops' AND row_id = ?`, id).Scan(&got); err != nil {
			t.Fatal(err)
		}
		if want := strings.ToUpper(id[:1]); got != want {
			t.Errorf("%s attributed to %q, want %q", id, got, want)
		}
	}
}

// openSeeded opens a store on a new database with the seed rows (the process).
func openSeeded(t testing.TB) *Store {
	t.Helper()
	st, err := Open(filepath.Join(t.TempDir(), "m.sqlite"), minka.Migrations, Options{})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	if err := st.Seed(context.Background()); err != nil {
		t.Fatal(err)
	}
	return st
}

// addWorkshopRow is a write adding workshop id, noting it in ran (when not nil) as it runs.
func addWorkshopRow(id string, ran *[]string) func(tx *sql.Tx) error {
	return func(tx *sql.Tx) error {
		if ran != nil {
			*ran = append(*ran, id)
		}
		_, err := tx.Exec(`INSERT INTO workshops(id, process_id, city, date, created_at, updated_at) SELECT ?, id, 'Lima', '2025-05-23', '', '' FROM process`, id)
		return err
	}
}
