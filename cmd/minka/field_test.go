package main

import (
	"context"
	"path/filepath"
	"testing"
)

// `minka demo -field` writes a national instance and two laptops, each
// holding its workshop checked out, ready for a dry run.
func TestDemoFieldWritesANationalInstanceAndTwoLaptops(t *testing.T) {
	dir := t.TempDir()
	if err := run([]string{"demo", "-field", dir}); err != nil {
		t.Fatal(err)
	}
	ctx := context.Background()
	nat, err := openStore(filepath.Join(dir, "national.sqlite"))
	if err != nil {
		t.Fatal(err)
	}
	defer nat.Close()
	inField, err := nat.WorkshopsInField(ctx)
	if err != nil || len(inField) != 2 {
		t.Fatalf("workshops in the field: %v %v", inField, err)
	}
	for _, name := range []string{"piura", "iquitos"} {
		lap, err := openFieldStore(filepath.Join(dir, name+".sqlite"))
		if err != nil {
			t.Fatal(err)
		}
		o, err := lap.Origin(ctx)
		if err != nil || !inField[o.WorkshopID] {
			t.Fatalf("%s: origin %+v %v", name, o, err)
		}
		if c, err := nat.ActiveFieldCheckout(ctx, o.WorkshopID); err != nil || c == nil || c.ID != o.CheckoutID {
			t.Fatalf("%s: checkout %+v %v, laptop has %s", name, c, err, o.CheckoutID)
		}
		tables, err := lap.Tables(ctx, o.WorkshopID)
		if err != nil || len(tables) == 0 {
			t.Fatalf("%s: tables %d %v", name, len(tables), err)
		}
		lap.Close()
	}
	// The folder is not overwritten.
	if err := run([]string{"demo", "-field", dir}); err == nil {
		t.Fatal("a second dry run into the same folder was accepted")
	}
}
