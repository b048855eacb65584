package main

import (
	"context"
	"errors"
	"path/filepath"
	"testing"

	"github.com/minka-gob/minka"
	"github.com/minka-gob/minka/internal/model"
	"github.com/minka-gob/minka/internal/store"
)

// The subcommands as an operator types them, against a database that a
// "server" (an open store) is using.
func TestBackupAndRestoreCommands(t *testing.T) {
	dir := t.TempDir()
	db := filepath.Join(dir, "minka.sqlite")
	copy1 := filepath.Join(dir, "copia.sqlite")
	ctx := context.Background()

	st, err := openStore(db)
	if err != nil {
		t.Fatal(err)
	}
	w := model.Workshop{City: "Moquegua", Date: "2025-10-01"}
	if err := st.CreateWorkshop(ctx, &w); err != nil {
		t.Fatal(err)
	}
	if err := run([]string{"backup", copy1, "-db", db}); err != nil {
		t.Fatalf("backup while the server runs: %v", err)
	}
	if err := run([]string{"backup", "-db", db, copy1}); err == nil {
		t.Error("backup overwrote an existing file")
	}
	later := model.Workshop{City: "Tumbes", Date: "2025-10-02"}
	if err := st.CreateWorkshop(ctx, &later); err != nil {
		t.Fatal(err)
	}
	if err := run([]string{"restore", "-db", db, copy1}); !errors.Is(err, store.ErrDatabaseInUse) {
		t.Fatalf("restore while the server runs: err = %v, want ErrDatabaseInUse", err)
	}
	st.Close()
	if err := run([]string{"restore", "-db", db, copy1}); err != nil {
		t.Fatal(err)
	}
	st, err = store.Open(db, minka.Migrations, store.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	if _, err := st.Workshop(ctx, w.ID); err != nil {
		t.Errorf("restored database lacks the backed-up workshop: %v", err)
	}
	if _, err := st.Workshop(ctx, later.ID); err == nil {
		t.Error("restored database has the later workshop")
	}
	if err := run([]string{"restore", "-db", db}); err == nil {
		t.Error("restore without a file did not fail")
	}
}
