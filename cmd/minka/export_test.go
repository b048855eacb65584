package main

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"

	"github.com/minka-gob/minka/internal/model"
)

func TestExportCommand(t *testing.T) {
	dir := t.TempDir()
	db := filepath.Join(dir, "minka.sqlite")
	st, err := openStore(db)
	if err != nil {
		t.Fatal(err)
	}
	w := model.Workshop{City: "Iquitos", Date: "2025-06-12"}
	if err := st.CreateWorkshop(context.Background(), &w); err != nil {
		t.Fatal(err)
	}
	st.Close()

	out := filepath.Join(dir, "exports")
	if err := run([]string{"export", "-db", db, "-out", out, "-workshop", w.ID, "-public", "-lang", "en"}); err != nil {
		t.Fatal(err)
	}
	files, _ := filepath.Glob(filepath.Join(out, "minka-workshop-iquitos-public-*.xlsx"))
	if len(files) != 1 {
		entries, _ := os.ReadDir(out)
		t.Fatalf("exports folder holds %v", entries)
	}
	f, err := excelize.OpenFile(files[0])
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	if v, _ := f.GetCellValue("Workshops", "A2"); v != "Iquitos" {
		t.Errorf("Workshops!A2 = %q", v)
	}

	// A file name instead of a folder; an unknown workshop; a missing database.
	named := filepath.Join(dir, "plan.xlsx")
	if err := run([]string{"export", "-db", db, "-out", named}); err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(named); err != nil {
		t.Error(err)
	}
	err = run([]string{"export", "-db", db, "-out", out, "-workshop", "00000000-0000-4000-8000-000000000000"})
	if err == nil || !strings.Contains(err.Error(), "Ese taller no existe.") {
		t.Errorf("unknown workshop: err = %v", err)
	}
	if err := run([]string{"export", "-db", filepath.Join(dir, "none.sqlite")}); err == nil {
		t.Error("a missing database was not reported")
	}
	if _, err := os.Stat(filepath.Join(dir, "none.sqlite")); err == nil {
		t.Error("export created a database")
	}
}
