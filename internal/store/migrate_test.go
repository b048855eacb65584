package store_test

import (
	"context"
	"database/sql"
	"io/fs"
	"path/filepath"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/minka-gob/minka"
	"github.com/minka-gob/minka/internal/store"
)

// The shipped migrations are numbered 001..N: no number twice, none missing.
func TestMigrationsAreNumberedWithoutGapsOrDuplicates(t *testing.T) {
	names, err := fs.Glob(minka.Migrations, "db/migrations/*.sql")
	if err != nil || len(names) == 0 {
		t.Fatalf("migrations = %v, %v", names, err)
	}
	seen := map[int]string{}
	for _, name := range names {
		n, err := store.MigrationNumber(filepath.Base(name))
		if err != nil {
			t.Fatal(err)
		}
		if other, dup := seen[n]; dup {
			t.Errorf("%s and %s share the number %03d", other, name, n)
		}
		seen[n] = name
	}
	for n := 1; n <= len(names); n++ {
		if _, ok := seen[n]; !ok {
			t.Errorf("no migration numbered %03d (have %v)", n, names)
		}
	}
}

// Two files with one number are refused at start instead of being applied in an order nobody chose.
func TestDuplicateMigrationNumberIsRefused(t *testing.T) {
	first := mustRead(t, "db/migrations/001_init.sql")
	for name, fsys := range map[string]fstest.MapFS{
		"duplicate": {"001_init.sql": {Data: first}, "002_a.sql": {Data: []byte("CREATE TABLE a(x);")}, "002_b.sql": {Data: []byte("CREATE TABLE b(x);")}},
		"misnamed":  {"001_init.sql": {Data: first}, "2_a.sql": {Data: []byte("CREATE TABLE a(x);")}},
	} {
		_, err := store.Open(filepath.Join(t.TempDir(), "m.sqlite"), fsys, store.Options{})
		if err == nil || !strings.Contains(err.Error(), "migration") {
			t.Errorf("%s: err = %v, want a migration naming error", name, err)
		}
	}
}

// A database that applied 006_audit before the renumbering (now 005_audit)
// opens without applying it again, and its backups still verify.
func TestRenumberedMigrationKeepsOldDatabasesWorking(t *testing.T) {
	path := filepath.Join(t.TempDir(), "old.sqlite")
	st, err := store.Open(path, minka.Migrations, store.Options{})
	if err != nil {
		t.Fatal(err)
	}
	st.Close()
	db, err := sql.Open("sqlite3", path)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := db.Exec(`UPDATE schema_migrations SET version = '006_audit' WHERE version = '005_audit'`); err != nil {
		t.Fatal(err)
	}
	db.Close()

	ctx := context.Background()
	info, err := store.VerifyBackup(ctx, path, minka.Migrations)
	if err != nil || len(info.Pending) != 0 {
		t.Fatalf("verify old database: pending %v, err %v", info.Pending, err)
	}
	st, err = store.Open(path, minka.Migrations, store.Options{}) // applying 005_audit again would fail: audit_log exists
	if err != nil {
		t.Fatalf("open old database: %v", err)
	}
	defer st.Close()
	versions, err := st.SchemaVersions(ctx)
	if err != nil {
		t.Fatal(err)
	}
	got := strings.Join(versions, " ")
	if !strings.Contains(got, "005_audit") || strings.Contains(got, "006_audit") {
		t.Errorf("recorded migrations = %s, want 005_audit and no 006_audit", got)
	}
}
