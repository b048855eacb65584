package store_test

import (
	"context"
	"database/sql"
	"path/filepath"
	"testing"

	"github.com/minka-gob/minka"
	"github.com/minka-gob/minka/internal/model"
	"github.com/minka-gob/minka/internal/store"
	"github.com/minka-gob/minka/internal/storetest"
)

// count runs a COUNT query on a database file.
func count(t *testing.T, db *sql.DB, q string) int {
	t.Helper()
	var n int
	if err := db.QueryRow(q).Scan(&n); err != nil {
		t.Fatalf("%s: %v", q, err)
	}
	return n
}

// Migration 011 rebuilds the ideas table so that the principle may be
// empty. On a database full of records every row stays, in its order, with
// everything that refers to it (ratings, prototypes, sheets), the foreign
// keys and the index hold, the audit still logs changes of ideas, and an
// idea can then be saved without a principle.
func TestIdeaPrincipleMigrationKeepsEverything(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "old.sqlite")
	old, err := store.Open(path, migrationsBefore(t, 11), store.Options{})
	if err != nil {
		t.Fatal(err)
	}
	if err := old.Seed(ctx); err != nil {
		t.Fatal(err)
	}
	ws := storetest.Workshop(t, old, model.Workshop{})
	tbl := storetest.Table(t, old, model.Table{WorkshopID: ws.ID})
	var ideas []model.Idea
	for i, p := range []string{"transparency", "integrity", "participation", "accountability", "transparency"} {
		ideas = append(ideas, storetest.Idea(t, old, model.Idea{TableID: tbl.ID, Title: "Idea " + string(rune('A'+i)), Principle: p, Chosen: i%2 == 0}))
	}
	if _, err := old.SetPhase(ctx, store.NewID(), tbl.ID, model.PhaseTopic, model.PhasePrioritize); err != nil {
		t.Fatal(err)
	}
	if _, err := old.RateIdea(ctx, store.NewID(), tbl.ID, &model.Rating{ID: store.NewID(), IdeaID: ideas[0].ID, Rater: "anon:1", Impact: 4, Feasibility: 3}); err != nil {
		t.Fatal(err)
	}
	if _, err := old.CreateContribution(ctx, tbl.ID, &model.Prototype{ID: store.NewID(), IdeaID: ideas[2].ID, Description: "Maqueta"}); err != nil {
		t.Fatal(err)
	}
	if _, err := old.DeleteContribution(ctx, store.NewID(), tbl.ID, model.KindIdea, ideas[4].ID, 1); err != nil {
		t.Fatal(err)
	}
	if _, err := old.GenerateSheets(ctx, false); err != nil {
		t.Fatal(err)
	}
	before, err := old.IdeaOrigins(ctx, false)
	if err != nil {
		t.Fatal(err)
	}
	old.Close()
	db, err := sql.Open("sqlite3", path)
	if err != nil {
		t.Fatal(err)
	}
	queries := []string{`SELECT COUNT(*) FROM ideas`, `SELECT COUNT(*) FROM ideas WHERE deleted_at IS NOT NULL`, `SELECT COUNT(*) FROM ideas WHERE chosen = 1`,
		`SELECT COUNT(*) FROM idea_ratings`, `SELECT COUNT(*) FROM prototypes WHERE idea_id IS NOT NULL`, `SELECT COUNT(*) FROM sheets WHERE idea_id IS NOT NULL`}
	counts := map[string]int{}
	for _, q := range queries {
		counts[q] = count(t, db, q)
	}
	db.Close()
	if counts[queries[3]] != 1 || counts[queries[4]] != 1 || counts[queries[5]] != 4 {
		t.Fatalf("fixture: %v", counts)
	}

	st, err := store.Open(path, minka.Migrations, store.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	after, err := st.IdeaOrigins(ctx, false)
	if err != nil {
		t.Fatal(err)
	}
	if len(after) != len(before) {
		t.Fatalf("ideas after the migration: %d, before %d", len(after), len(before))
	}
	for i := range before {
		a, b := after[i], before[i]
		if a.IdeaID != b.IdeaID || a.Title != b.Title || a.Principle != b.Principle || a.Chosen != b.Chosen || a.Deleted != b.Deleted || a.SheetID != b.SheetID {
			t.Errorf("idea %d after the migration: %+v, before %+v", i, after[i], before[i])
		}
	}
	// A new idea without a principle, and a change of an old one, after the migration.
	none := model.Idea{ID: store.NewID(), Title: "Sin principio todavía"}
	if _, err := st.CreateContribution(ctx, tbl.ID, &none); err != nil {
		t.Fatalf("an idea without a principle: %v", err)
	}
	bare := model.Idea{ID: store.NewID(), Title: "Otra sin principio"}
	if _, err := st.CreateContribution(ctx, tbl.ID, &bare); err != nil {
		t.Fatalf("an idea without a principle: %v", err)
	}
	if _, err := st.ClassifyIdea(ctx, store.NewID(), bare.ID, model.PrincipleIntegrity); err != nil {
		t.Fatal(err)
	}

	db, err = sql.Open("sqlite3", "file:"+path+"?mode=ro")
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	for _, q := range queries {
		want := counts[q]
		if q == queries[0] {
			want += 2
		}
		if got := count(t, db, q); got != want {
			t.Errorf("%s = %d after the migration, want %d", q, got, want)
		}
	}
	if n := count(t, db, `SELECT COUNT(*) FROM pragma_table_info('ideas') WHERE name = 'principle' AND "notnull" = 0`); n != 1 {
		t.Errorf("ideas.principle is still NOT NULL")
	}
	if n := count(t, db, `SELECT COUNT(*) FROM pragma_foreign_key_list('ideas') WHERE "table" = 'principles'`); n != 1 {
		t.Errorf("ideas.principle lost its reference to principles")
	}
	if n := count(t, db, `SELECT COUNT(*) FROM sqlite_master WHERE type = 'index' AND name = 'ideas_table' AND tbl_name = 'ideas'`); n != 1 {
		t.Errorf("index ideas_table missing")
	}
	if n := count(t, db, `SELECT COUNT(*) FROM sqlite_master WHERE name = 'ideas_new' OR sql LIKE '%ideas_new%'`); n != 0 {
		t.Errorf("something still refers to ideas_new")
	}
	if n := count(t, db, `SELECT COUNT(*) FROM pragma_foreign_key_check`); n != 0 {
		t.Errorf("foreign key check: %d rows refer to missing rows", n)
	}
	var ok string
	if err := db.QueryRow(`PRAGMA integrity_check`).Scan(&ok); err != nil || ok != "ok" {
		t.Errorf("integrity check: %q, %v", ok, err)
	}
	if n := count(t, db, `SELECT COUNT(*) FROM ideas WHERE id = '`+none.ID+`' AND principle IS NULL`); n != 1 {
		t.Errorf("an idea without a principle is not stored as NULL")
	}
	// The audit triggers of ideas were made again at start: the classification is logged.
	if n := count(t, db, `SELECT COUNT(*) FROM audit_log WHERE table_name = 'ideas' AND row_id = '`+bare.ID+`' AND action = 'update'`); n != 1 {
		t.Errorf("audit rows of the classified idea's update: %d, want 1", n)
	}
	// The references into ideas still hold: a rating of an idea that does not exist is refused.
	if _, err := st.RateIdea(ctx, store.NewID(), tbl.ID, &model.Rating{ID: store.NewID(), IdeaID: store.NewID(), Rater: "anon:2", Impact: 1, Feasibility: 1}); err == nil {
		t.Errorf("a rating of a missing idea was accepted")
	}
}

// Sheet generation asks for the principles still missing instead of making
// sheets without one: it refuses, making nothing, and says how many; once
// the Secretariat classifies them, it makes every sheet.
func TestSheetGenerationAsksForMissingPrinciples(t *testing.T) {
	ctx := context.Background()
	st := storetest.Open(t)
	ws := storetest.Workshop(t, st, model.Workshop{})
	tbl := storetest.Table(t, st, model.Table{WorkshopID: ws.ID})
	storetest.Idea(t, st, model.Idea{TableID: tbl.ID, Title: "Con principio", Principle: model.PrincipleTransparency, Chosen: true})
	loose := model.Idea{ID: store.NewID(), Title: "Sin principio"}
	if _, err := st.CreateContribution(ctx, tbl.ID, &loose); err != nil {
		t.Fatal(err)
	}
	other := model.Idea{ID: store.NewID(), Title: "Otra sin principio"}
	if _, err := st.CreateContribution(ctx, tbl.ID, &other); err != nil {
		t.Fatal(err)
	}

	// Only the chosen ideas: none lacks its principle, so it goes ahead.
	if n, err := st.GenerateSheets(ctx, true); err != nil || n != 1 {
		t.Fatalf("chosen ideas only: %d sheets, %v", n, err)
	}
	n, err := st.GenerateSheets(ctx, false)
	if e, ok := model.AsError(err); !ok || e.Kind != model.KindConflict || e.Msg.Key != "forum.error.unclassified" || len(e.Msg.Args) != 1 || e.Msg.Args[0] != 2 || n != 0 {
		t.Fatalf("generation with two ideas without principle: %d, %v", n, err)
	}
	if shs, _ := st.Sheets(ctx); len(shs) != 1 {
		t.Fatalf("a refused generation made sheets: %d", len(shs))
	}
	missing, err := st.UnclassifiedIdeas(ctx, false)
	if err != nil || len(missing) != 2 || missing[0].Title != "Sin principio" || missing[1].Title != "Otra sin principio" {
		t.Fatalf("unclassified ideas: %+v, %v", missing, err)
	}

	if _, err := st.ClassifyIdea(ctx, store.NewID(), loose.ID, ""); model.KindOf(err) != model.KindInvalid {
		t.Fatalf("classify without a principle: %v", err)
	}
	if _, err := st.ClassifyIdea(ctx, store.NewID(), loose.ID, "honesty"); model.KindOf(err) != model.KindInvalid {
		t.Fatalf("classify with an unknown principle: %v", err)
	}
	if _, err := st.ClassifyIdea(ctx, store.NewID(), store.NewID(), model.PrincipleIntegrity); model.KindOf(err) != model.KindNotFound {
		t.Fatalf("classify an unknown idea: %v", err)
	}
	a, err := st.ClassifyIdea(ctx, store.NewID(), loose.ID, model.PrincipleIntegrity)
	if err != nil || len(a.Events) == 0 || a.Events[0].Type != "updated" {
		t.Fatalf("classify: events %d, %v", len(a.Events), err)
	}
	if _, err := st.ClassifyIdea(ctx, store.NewID(), other.ID, model.PrincipleAccountability); err != nil {
		t.Fatal(err)
	}
	if n, err := st.GenerateSheets(ctx, false); err != nil || n != 2 {
		t.Fatalf("generation after classifying: %d, %v", n, err)
	}
	shs, _ := st.Sheets(ctx)
	got := map[string]string{}
	for _, sh := range shs {
		got[sh.Name] = sh.Principle
	}
	if got["Sin principio"] != model.PrincipleIntegrity || got["Otra sin principio"] != model.PrincipleAccountability {
		t.Fatalf("sheets' principles: %v", got)
	}
}
