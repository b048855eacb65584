package store_test

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"sync"
	"testing"
	"testing/fstest"

	"github.com/minka-gob/minka"
	"github.com/minka-gob/minka/internal/model"
	"github.com/minka-gob/minka/internal/store"
	"github.com/minka-gob/minka/internal/storetest"
)

func TestSeedCreatesProcessTemplateOnce(t *testing.T) {
	st := storetest.Open(t)
	ctx := context.Background()
	if err := st.Seed(ctx); err != nil { // a second start must not duplicate anything
		t.Fatal(err)
	}
	p, err := st.Process(ctx)
	if err != nil || p.Period != "2026-2027" {
		t.Fatalf("process = %+v, %v", p, err)
	}
	principles, _ := st.Principles(ctx)
	if len(principles) != 4 || principles[0] != model.PrincipleTransparency {
		t.Errorf("principles = %v", principles)
	}
	criteria, _ := st.Criteria(ctx)
	if len(criteria) != 5 {
		t.Fatalf("criteria = %d, want 5", len(criteria))
	}
	for _, c := range criteria {
		if c.Weight != 1 {
			t.Errorf("criterion %s weight = %v, want 1 (equal by default)", c.Code, c.Weight)
		}
	}
}

func TestNewerDatabaseIsRefused(t *testing.T) {
	path := filepath.Join(t.TempDir(), "m.sqlite")
	newer := fstest.MapFS{
		"001_init.sql":   {Data: mustRead(t, "db/migrations/001_init.sql")},
		"999_future.sql": {Data: []byte("CREATE TABLE future(x);")},
	}
	st, err := store.Open(path, newer, store.Options{})
	if err != nil {
		t.Fatal(err)
	}
	st.Close()
	_, err = store.Open(path, fstest.MapFS{"001_init.sql": newer["001_init.sql"]}, store.Options{})
	var ne *store.ErrNewerDatabase
	if !errors.As(err, &ne) || len(ne.Unknown) != 1 || ne.Unknown[0] != "999_future" {
		t.Fatalf("err = %v, want ErrNewerDatabase naming 999_future", err)
	}
}

func mustRead(t *testing.T, name string) []byte {
	t.Helper()
	b, err := minka.Migrations.ReadFile(name)
	if err != nil {
		t.Fatal(err)
	}
	return b
}

// A failing write in a batch must not undo the other writes committed with it.
func TestWriteFailureIsIsolatedWithinBatch(t *testing.T) {
	st := storetest.Open(t)
	ctx := context.Background()
	var wg sync.WaitGroup
	errs := make([]error, 40)
	for i := range errs {
		wg.Add(1)
		go func(i int) {
			defer wg.Done()
			w := model.Workshop{City: "Lima", Date: "2025-05-23"}
			if i%2 == 1 {
				w.Date = "nonsense"
			}
			errs[i] = st.CreateWorkshop(ctx, &w)
		}(i)
	}
	wg.Wait()
	for i, err := range errs {
		if (i%2 == 1) != (err != nil) {
			t.Errorf("write %d: err = %v", i, err)
		}
	}
	ws, _ := st.Workshops(ctx)
	if len(ws) != 20 {
		t.Fatalf("workshops = %d, want 20", len(ws))
	}
}

func TestWriteErrorRollsBackOnlyThatWrite(t *testing.T) {
	st := storetest.Open(t)
	ctx := context.Background()
	w := model.Workshop{City: "Piura", Date: "2025-06-05"}
	if err := st.CreateWorkshop(ctx, &w); err != nil {
		t.Fatal(err)
	}
	boom := errors.New("boom")
	err := st.Write(ctx, func(tx *store.Tx) error {
		if _, err := tx.Exec(`UPDATE workshops SET city = 'X'`); err != nil {
			return err
		}
		return boom
	})
	if !errors.Is(err, boom) {
		t.Fatalf("err = %v", err)
	}
	got, _ := st.Workshop(ctx, w.ID)
	if got.City != "Piura" {
		t.Fatalf("city = %q: the failed write was not rolled back", got.City)
	}
}

func TestTableNumbersAndCodes(t *testing.T) {
	st := storetest.Open(t)
	ctx := context.Background()
	w := model.Workshop{City: "Iquitos", Date: "2025-06-12"}
	if err := st.CreateWorkshop(ctx, &w); err != nil {
		t.Fatal(err)
	}
	t1 := model.Table{WorkshopID: w.ID, Number: 1}
	if err := st.CreateTable(ctx, &t1); err != nil {
		t.Fatal(err)
	}
	dup := model.Table{WorkshopID: w.ID, Number: 1}
	err := st.CreateTable(ctx, &dup)
	if e, ok := model.AsError(err); !ok || e.Fields["number"].Key != "validation.table_number_taken" {
		t.Fatalf("duplicate number: err = %v", err)
	}
	got, role, err := st.TableByCode(ctx, " "+t1.RapporteurCode+" ")
	if err != nil || got.ID != t1.ID || role != model.RoleRapporteur {
		t.Fatalf("TableByCode = %v %q %v", got.ID, role, err)
	}
	if _, _, err := st.TableByCode(ctx, "NOPE"); model.KindOf(err) != model.KindNotFound {
		t.Fatalf("unknown code: err = %v", err)
	}
}

// The database and its WAL are readable by their owner only.
func TestDatabaseFilesArePrivate(t *testing.T) {
	path := filepath.Join(t.TempDir(), "minka.sqlite")
	st, err := store.Open(path, minka.Migrations, store.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	if err := st.Write(context.Background(), func(tx *store.Tx) error {
		_, err := tx.Exec(`CREATE TABLE IF NOT EXISTS private_probe(x)`)
		return err
	}); err != nil {
		t.Fatal(err)
	}
	for _, p := range []string{path, path + "-wal"} {
		fi, err := os.Stat(p)
		if err != nil {
			t.Fatal(err)
		}
		if fi.Mode().Perm() != 0o600 {
			t.Errorf("%s: mode %v, want 0600", filepath.Base(p), fi.Mode().Perm())
		}
	}
}
