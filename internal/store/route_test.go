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

// A database made before the route guides (migration 010) gets the
// standard route and, for the VI plan's five problems it was seeded with,
// the same "¿Cómo podríamos…?" challenges a new database is seeded with; a
// problem the Secretariat renamed or added gets none.
func TestRouteMigrationOnAnOlderDatabase(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "old.sqlite")
	fresh := storetest.Open(t)
	freshProblems, err := fresh.Problems(ctx)
	if err != nil {
		t.Fatal(err)
	}
	old, err := store.Open(path, migrationsBefore(t, 10), store.Options{})
	if err != nil {
		t.Fatal(err)
	}
	old.Close()
	// What an older Minka's Seed wrote: the process and the five problems, without challenges.
	db, err := sql.Open("sqlite3", path)
	if err != nil {
		t.Fatal(err)
	}
	const now = "2025-05-01T00:00:00Z"
	if _, err := db.ExecContext(ctx, `INSERT INTO process(id, name, period, created_at, updated_at) VALUES ('p1', 'VI Plan', '2026-2027', ?, ?)`, now, now); err != nil {
		t.Fatal(err)
	}
	for i, p := range freshProblems {
		title := p.Title
		if i == 0 {
			title += " (Loreto)" // renamed by the Secretariat: not the seeded problem any more
		}
		if _, err := db.ExecContext(ctx, `INSERT INTO problems(id, process_id, title, description, position, created_at, updated_at) VALUES (?, 'p1', ?, ?, ?, ?, ?)`,
			store.NewID(), title, p.Description, i+1, now, now); err != nil {
			t.Fatal(err)
		}
	}
	db.Close()

	st, err := store.Open(path, minka.Migrations, store.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	want := map[string]string{}
	for _, p := range freshProblems {
		if p.Challenge == "" {
			t.Errorf("seeded problem %q has no challenge", p.Title)
		}
		want[p.Title] = p.Challenge
	}
	ps, err := st.Problems(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if len(ps) != 5 {
		t.Fatalf("problems after the migration: %d", len(ps))
	}
	for _, p := range ps {
		if p.Challenge != want[p.Title] {
			t.Errorf("problem %q: challenge %q, want %q", p.Title, p.Challenge, want[p.Title])
		}
	}
	for _, db := range []*store.Store{st, fresh} {
		gs, err := db.PhaseGuides(ctx)
		if err != nil {
			t.Fatal(err)
		}
		if len(gs) != len(model.Phases) {
			t.Fatalf("phase guides: %+v", gs)
		}
		for i, g := range gs {
			if g.Phase != model.Phases[i] || g.Goal != "" || g.Prompt != "" || g.Output != "" || g.Minutes < 10 || g.Minutes > 30 {
				t.Errorf("guide %d = %+v, want the standard guide of %s", i, g, model.Phases[i])
			}
		}
	}
}

// The route is saved whole or not at all.
func TestUpdatePhaseGuidesIsAllOrNothing(t *testing.T) {
	ctx := context.Background()
	st := storetest.Open(t)
	gs, err := st.PhaseGuides(ctx)
	if err != nil {
		t.Fatal(err)
	}
	gs[0].Goal = "  Elegir el problema.  "
	gs[5].Minutes = 500
	if err := st.UpdatePhaseGuides(ctx, gs); model.KindOf(err) != model.KindInvalid {
		t.Fatalf("a guide with 500 minutes: err %v, want invalid", err)
	}
	now, _ := st.PhaseGuides(ctx)
	if now[0].Goal != "" || now[5].Minutes != 30 {
		t.Fatalf("a refused route was partly saved: %+v", now)
	}
	gs[5].Minutes = 0
	if err := st.UpdatePhaseGuides(ctx, gs); err != nil {
		t.Fatal(err)
	}
	now, _ = st.PhaseGuides(ctx)
	if now[0].Goal != "Elegir el problema." || now[5].Minutes != 0 || now[0].UpdatedAt.IsZero() {
		t.Fatalf("saved route: %+v", now)
	}
}

// TableRoute gives the table's problem and profile in full, or zero values.
func TestTableRoute(t *testing.T) {
	ctx := context.Background()
	st := storetest.Open(t)
	ps, _ := st.Problems(ctx)
	prof := model.UserProfile{ProblemID: ps[0].ID, Name: "Joven rural", Needs: "Internet en el colegio", Pains: "Viajar horas"}
	if err := st.CreateProfile(ctx, &prof); err != nil {
		t.Fatal(err)
	}
	ws := storetest.Workshop(t, st, model.Workshop{})
	tbl := storetest.Table(t, st, model.Table{WorkshopID: ws.ID, ProblemID: ps[0].ID, ProfileID: prof.ID})
	r, err := st.TableRoute(ctx, tbl.ID)
	if err != nil {
		t.Fatal(err)
	}
	if r.Problem.Challenge != ps[0].Challenge || r.Profile.Needs != "Internet en el colegio" || r.Profile.Pains != "Viajar horas" {
		t.Fatalf("route = %+v", r)
	}
	bare := storetest.Table(t, st, model.Table{WorkshopID: ws.ID, Number: 2})
	if r, err := st.TableRoute(ctx, bare.ID); err != nil || r.Problem.ID != "" || r.Profile.ID != "" {
		t.Fatalf("table without problem/profile: %+v, %v", r, err)
	}
	if _, err := st.TableRoute(ctx, store.NewID()); model.KindOf(err) != model.KindNotFound {
		t.Fatalf("unknown table: %v", err)
	}
}
