package store_test

import (
	"context"
	"database/sql"
	"errors"
	"os"
	"path/filepath"
	"sync"
	"sync/atomic"
	"testing"

	"github.com/minka-gob/minka"
	"github.com/minka-gob/minka/internal/model"
	"github.com/minka-gob/minka/internal/store"
)

func openAt(t *testing.T, path string) *store.Store {
	t.Helper()
	st, err := store.Open(path, minka.Migrations, store.Options{})
	if err != nil {
		t.Fatal(err)
	}
	if err := st.Seed(context.Background()); err != nil {
		t.Fatal(err)
	}
	return st
}

// countIn counts rows of a table in a database file, opened on its own.
func countIn(t *testing.T, path, table string) int {
	t.Helper()
	db, err := sql.Open("sqlite3", "file:"+path+"?mode=ro")
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	var n int
	if err := db.QueryRow(`SELECT COUNT(*) FROM ` + table).Scan(&n); err != nil {
		t.Fatal(err)
	}
	return n
}

// Backups taken while writers are busy are consistent snapshots: every write
// inserts two workshops in one transaction, so a copy that caught half a
// write would hold an odd number.
func TestBackupWhileWritesAreRunning(t *testing.T) {
	dir := t.TempDir()
	dbPath := filepath.Join(dir, "minka.sqlite")
	st := openAt(t, dbPath)
	defer st.Close()
	ctx := as("admin", "A1")

	const writers, perWriter = 4, 150
	var done atomic.Int32
	var wg sync.WaitGroup
	for g := 0; g < writers; g++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			defer done.Add(1)
			for i := 0; i < perWriter; i++ {
				err := st.Write(ctx, func(tx *store.Tx) error {
					for k := 0; k < 2; k++ {
						w := model.Workshop{City: "Lima", Date: "2025-05-23", Status: "planned"}
						if _, err := tx.Exec(`INSERT INTO workshops(id, process_id, city, date, status, created_at, updated_at)
							SELECT ?, id, ?, ?, ?, '', '' FROM process`, store.NewID(), w.City, w.Date, w.Status); err != nil {
							return err
						}
					}
					return nil
				})
				if err != nil {
					t.Error(err)
					return
				}
			}
		}()
	}
	var counts []int
	for i := 0; done.Load() < writers && i < 50; i++ {
		dst := filepath.Join(dir, "copy-"+string(rune('a'+i))+".sqlite")
		var err error
		if i%2 == 0 {
			err = st.Backup(context.Background(), dst) // the admin page's way
		} else {
			err = store.BackupFile(context.Background(), dbPath, dst) // "minka backup"'s way
		}
		if err != nil {
			t.Fatalf("backup %d: %v", i, err)
		}
		if _, err := store.VerifyBackup(context.Background(), dst, minka.Migrations); err != nil {
			t.Fatalf("backup %d does not verify: %v", i, err)
		}
		if _, err := os.Stat(dst + "-wal"); err == nil {
			t.Errorf("backup %d has a -wal file beside it", i)
		}
		n := countIn(t, dst, "workshops")
		if n%2 != 0 {
			t.Fatalf("backup %d holds %d workshops: half a write", i, n)
		}
		// The audit log is part of the same snapshot.
		if a := countIn(t, dst, "audit_log WHERE table_name = 'workshops'"); a != n {
			t.Fatalf("backup %d: %d workshops but %d audit entries", i, n, a)
		}
		counts = append(counts, n)
	}
	wg.Wait()
	final := filepath.Join(dir, "final.sqlite")
	if err := st.Backup(context.Background(), final); err != nil {
		t.Fatal(err)
	}
	if n := countIn(t, final, "workshops"); n != 2*writers*perWriter {
		t.Fatalf("final backup holds %d workshops, want %d", n, 2*writers*perWriter)
	}
	if len(counts) < 2 {
		t.Logf("only %d backups ran during the writes", len(counts))
	}
	if err := st.Backup(context.Background(), final); err == nil {
		t.Error("backup over an existing file was allowed")
	}
}

func TestRestore(t *testing.T) {
	dir := t.TempDir()
	dbPath := filepath.Join(dir, "minka.sqlite")
	backup := filepath.Join(dir, "backup.sqlite")
	ctx := context.Background()
	st := openAt(t, dbPath)
	kept := model.Workshop{City: "Arequipa", Date: "2025-06-20"}
	if err := st.CreateWorkshop(ctx, &kept); err != nil {
		t.Fatal(err)
	}
	if err := st.Backup(ctx, backup); err != nil {
		t.Fatal(err)
	}
	later := model.Workshop{City: "Piura", Date: "2025-06-05"}
	if err := st.CreateWorkshop(ctx, &later); err != nil {
		t.Fatal(err)
	}

	// A running server keeps its database.
	if _, err := store.Restore(ctx, backup, dbPath, minka.Migrations); !errors.Is(err, store.ErrDatabaseInUse) {
		t.Fatalf("restore under a running server: err = %v, want ErrDatabaseInUse", err)
	}
	st.Close()

	res, err := store.Restore(ctx, backup, dbPath, minka.Migrations)
	if err != nil {
		t.Fatal(err)
	}
	if res.Previous == "" {
		t.Fatal("the replaced database was not kept")
	}
	if n := countIn(t, res.Previous, "workshops WHERE city = 'Piura'"); n != 1 {
		t.Errorf("the kept database lost the later write (%d)", n)
	}
	st = openAt(t, dbPath)
	defer st.Close()
	if _, err := st.Workshop(ctx, kept.ID); err != nil {
		t.Errorf("restored database lacks the backed-up workshop: %v", err)
	}
	if _, err := st.Workshop(ctx, later.ID); model.KindOf(err) != model.KindNotFound {
		t.Errorf("restored database has a workshop created after the backup: %v", err)
	}
	// While the server runs again, a restore attempt must not start either:
	// and a restore in progress keeps a server from opening the file.
	if _, err := store.Restore(ctx, backup, dbPath, minka.Migrations); !errors.Is(err, store.ErrDatabaseInUse) {
		t.Fatalf("second restore under a running server: err = %v", err)
	}
}

func TestRestoreRefusesBadFiles(t *testing.T) {
	dir := t.TempDir()
	ctx := context.Background()
	dbPath := filepath.Join(dir, "minka.sqlite")
	st := openAt(t, dbPath)
	good := model.Workshop{City: "Lima", Date: "2025-05-23"}
	st.CreateWorkshop(ctx, &good)
	st.Close()

	text := filepath.Join(dir, "notes.txt")
	os.WriteFile(text, []byte("this is not a database, just some text long enough to look like a header"), 0o600)

	other := filepath.Join(dir, "other.sqlite")
	db, _ := sql.Open("sqlite3", other)
	db.Exec(`CREATE TABLE foo(x)`)
	db.Close()

	newer := filepath.Join(dir, "newer.sqlite")
	nst, err := store.Open(newer, withMigrations(t, map[string]string{"999_future.sql": `CREATE TABLE future(x)`}), store.Options{})
	if err != nil {
		t.Fatal(err)
	}
	nst.Close()

	corrupt := filepath.Join(dir, "corrupt.sqlite")
	cst := openAt(t, filepath.Join(dir, "src.sqlite"))
	if err := cst.Backup(ctx, corrupt); err != nil {
		t.Fatal(err)
	}
	cst.Close()
	b, _ := os.ReadFile(corrupt)
	for i := 4096 * 2; i < len(b) && i < 4096*6; i++ { // scribble over pages 3 to 6
		b[i] = 0x5a
	}
	os.WriteFile(corrupt, b, 0o600)

	tests := []struct {
		name, path string
		want       error
	}{
		{"text file", text, store.ErrNotMinka},
		{"another SQLite database", other, store.ErrNotMinka},
		{"corrupt backup", corrupt, store.ErrNotMinka},
		{"missing file", filepath.Join(dir, "nope.sqlite"), os.ErrNotExist},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := store.Restore(ctx, tt.path, dbPath, minka.Migrations)
			if !errors.Is(err, tt.want) {
				t.Fatalf("err = %v, want %v", err, tt.want)
			}
		})
	}
	_, err = store.Restore(ctx, newer, dbPath, minka.Migrations)
	var ne *store.ErrNewerDatabase
	if !errors.As(err, &ne) || ne.Unknown[0] != "999_future" {
		t.Fatalf("newer backup: err = %v, want ErrNewerDatabase", err)
	}
	// Nothing was replaced.
	if n := countIn(t, dbPath, "workshops WHERE city = 'Lima'"); n != 1 {
		t.Fatalf("a refused restore changed the database")
	}
	matches, _ := filepath.Glob(dbPath + ".*.bak")
	if len(matches) != 0 {
		t.Errorf("a refused restore set the database aside: %v", matches)
	}
}
