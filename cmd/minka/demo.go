package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"strings"

	"github.com/minka-gob/minka/internal/demo"
	"github.com/minka-gob/minka/internal/field"
	"github.com/minka-gob/minka/internal/store"
)

// demoCmd loads the VI plan's workshops with sample participants into a
// database without workshops (see internal/demo).
func demoCmd(args []string) error {
	fs := flag.NewFlagSet("demo", flag.ContinueOnError)
	dbPath := fs.String("db", env("MINKA_DB", "db/minka.sqlite"), "SQLite database file")
	fieldDir := fs.String("field", "", "dry run of docs/FIELD.md: write a national instance and two field laptops (Piura, Iquitos) into this new folder")
	nationalURL := fs.String("national-url", "http://localhost:8080", "with -field: where the laptops will push")
	if err := fs.Parse(args); err != nil {
		return err
	}
	if *fieldDir != "" {
		return demoField(*fieldDir, *nationalURL)
	}
	st, err := openStore(*dbPath)
	if err != nil {
		return err
	}
	defer st.Close()
	sum, err := demo.Load(context.Background(), st)
	if errors.Is(err, demo.ErrNotEmpty) {
		return fmt.Errorf("demo not loaded: %s has workshops already; nothing was changed", *dbPath)
	}
	if err != nil {
		return err
	}
	fmt.Fprintf(os.Stdout, "Demo loaded into %s: %d workshops, %d tables, %d participants (all checked in and seated).\n",
		*dbPath, len(sum.Workshops), sum.Tables, sum.Participants)
	for _, w := range sum.Workshops {
		fmt.Fprintf(os.Stdout, "  %s  %s\n", w.Date, w.Label())
	}
	for _, name := range sum.Extensions {
		if what, ok := demoParts[name]; ok {
			fmt.Fprintf(os.Stdout, "Also loaded: %s\n", what)
		}
	}
	fmt.Fprintln(os.Stdout, "Start the server (make run) and open /stats to see the plan's Table 2 and Figure 1, /process for the Forum's trace.")
	return nil
}

// demoParts says in words what each of the demo's loaders adds.
var demoParts = map[string]string{
	"forum":  "the plan's solution ideas at the tables, their idea sheets, the sample Forum members' scores, the ranking and the decisions with their rationales",
	"survey": "the workshops' satisfaction survey answers",
}

// demoField writes the demo as a national instance and two field laptops,
// each holding one workshop checked out with its own token.
func demoField(dir, nationalURL string) error {
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return err
	}
	ctx := context.Background()
	natPath := filepath.Join(dir, "national.sqlite")
	if _, err := os.Stat(natPath); err == nil {
		return fmt.Errorf("demo not loaded: %s exists; use a new folder", natPath)
	}
	nat, err := openStore(natPath)
	if err != nil {
		return err
	}
	defer nat.Close()
	sum, err := demo.Load(ctx, nat)
	if err != nil {
		return err
	}
	sv := &field.Service{Store: nat, UploadsDir: filepath.Join(dir, "national-uploads")}
	fmt.Printf("National instance: %s (%d workshops)\n  minka serve -addr :8080 -db %s -uploads %s\n",
		natPath, len(sum.Workshops), natPath, sv.UploadsDir)
	port := 8081
	for _, w := range sum.Workshops[1:3] {
		id, secret, text := field.NewToken()
		t := store.FieldToken{ID: id, WorkshopID: w.ID, Label: "Demo " + w.City, SecretHash: field.SecretHash(secret), BundleKey: field.BundleKey(secret)}
		if err := nat.CreateFieldToken(ctx, &t); err != nil {
			return err
		}
		name := strings.ToLower(w.City)
		lapPath := filepath.Join(dir, name+".sqlite")
		lap, err := openFieldStore(lapPath)
		if err != nil {
			return err
		}
		err = field.PullLocal(ctx, sv, lap, nationalURL, text, w.ID)
		lap.Close()
		if err != nil {
			return err
		}
		up := filepath.Join(dir, name+"-uploads")
		fmt.Printf("Field laptop %s: %s (workshop checked out)\n  minka serve -addr :%d -db %s -uploads %s\n  minka field push -db %s -uploads %s   (or: minka field bundle -db %s -uploads %s -out %s.minka)\n",
			w.Label(), lapPath, port, lapPath, up, lapPath, up, lapPath, up, filepath.Join(dir, name))
		port++
	}
	fmt.Println("See docs/FIELD.md.")
	return nil
}
