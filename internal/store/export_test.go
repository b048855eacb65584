package store_test

import (
	"context"
	"testing"
	"time"

	"github.com/minka-gob/minka/internal/model"
	"github.com/minka-gob/minka/internal/store"
	"github.com/minka-gob/minka/internal/storetest"
)

// exportFixture is a small process recorded through the database: two
// workshops (Lima on two tables, Piura on one), participants, and one of each
// contribution, some deleted.
type exportFixture struct {
	lima, piura       model.Workshop
	lima1, lima2, pi1 model.Table
}

const formulaName = `=HYPERLINK("http://x","y")`

func newExportFixture(t *testing.T, st *store.Store) exportFixture {
	t.Helper()
	ctx := context.Background()
	var fx exportFixture
	// Created out of date order: the report orders by date.
	fx.piura = model.Workshop{City: "Piura", Date: "2025-06-05", Venue: "Centro MAC Piura"}
	fx.lima = model.Workshop{City: "Lima", Date: "2025-05-23", Venue: "Centro MAC Lima Norte", Status: model.WorkshopClosed}
	for _, w := range []*model.Workshop{&fx.piura, &fx.lima} {
		if err := st.CreateWorkshop(ctx, w); err != nil {
			t.Fatal(err)
		}
	}
	fx.lima1 = model.Table{WorkshopID: fx.lima.ID, Number: 1}
	fx.lima2 = model.Table{WorkshopID: fx.lima.ID, Number: 2}
	fx.pi1 = model.Table{WorkshopID: fx.piura.ID, Number: 1}
	for _, tb := range []*model.Table{&fx.lima2, &fx.lima1, &fx.pi1} {
		if err := st.CreateTable(ctx, tb); err != nil {
			t.Fatal(err)
		}
	}
	err := st.Write(ctx, func(tx *store.Tx) error {
		var problemID string
		if err := tx.QueryRow(`SELECT id FROM problems ORDER BY position LIMIT 1`).Scan(&problemID); err != nil {
			return err
		}
		now := "2025-05-23T14:00:00.000Z"
		stmts := []struct {
			q    string
			args []any
		}{
			{`INSERT INTO user_profiles(id, problem_id, name, created_at, updated_at) VALUES ('u1', ?, 'Joven rural', ?, ?)`, []any{problemID, now, now}},
			{`UPDATE workshop_tables SET problem_id = ?, profile_id = 'u1' WHERE id = ?`, []any{problemID, fx.lima1.ID}},
			// Lima: three registered, two checked in (one of them named with a formula); Piura: one, no check-ins.
			{`INSERT INTO participants(id, workshop_id, name, gender, sector, organization, email, phone, consent_at, registered_at, checked_in_at, table_id)
				VALUES ('p1', ?, ?, 'male', 'public', '+Org', 'p1@example.pe', '', ?, '2025-05-20T10:00:00.000Z', '2025-05-23T14:01:00.000Z', ?)`,
				[]any{fx.lima.ID, formulaName, now, fx.lima1.ID}},
			{`INSERT INTO participants(id, workshop_id, name, gender, sector, consent_at, registered_at, checked_in_at)
				VALUES ('p2', ?, 'Ana', 'female', 'civil_society', ?, '2025-05-20T11:00:00.000Z', '2025-05-23T14:02:00.000Z')`, []any{fx.lima.ID, now}},
			{`INSERT INTO participants(id, workshop_id, name, gender, sector, consent_at, registered_at)
				VALUES ('p3', ?, 'Ausente', 'female', 'private', ?, '2025-05-20T12:00:00.000Z')`, []any{fx.lima.ID, now}},
			{`INSERT INTO participants(id, workshop_id, name, gender, sector, consent_at, registered_at)
				VALUES ('p4', ?, 'Beto', 'male', 'academic', ?, '2025-06-01T12:00:00.000Z')`, []any{fx.piura.ID, now}},
			{`INSERT INTO profile_notes(id, table_id, kind, text, created_at, updated_at) VALUES ('n1', ?, 'pain', 'No sabe dónde ver becas', '2025-05-23T15:00:00.000Z', ?)`, []any{fx.lima1.ID, now}},
			{`INSERT INTO profile_notes(id, table_id, kind, text, created_at, updated_at, deleted_at) VALUES ('n2', ?, 'need', 'borrada', ?, ?, ?)`, []any{fx.lima1.ID, now, now, now}},
			{`INSERT INTO user_stories(id, table_id, as_who, want, so_that, created_at, updated_at) VALUES ('s1', ?, 'joven', 'ver becas', 'postular', '2025-05-23T15:30:00.000Z', ?)`, []any{fx.lima1.ID, now}},
			// Ideas: table 2's comes before table 1's in time, but tables order first.
			{`INSERT INTO ideas(id, table_id, title, principle, chosen, created_at, updated_at) VALUES ('i2', ?, 'Idea de la mesa 2', 'integrity', 0, '2025-05-23T15:00:00.000Z', ?)`, []any{fx.lima2.ID, now}},
			{`INSERT INTO ideas(id, table_id, title, description, principle, chosen, created_at, updated_at) VALUES ('i1', ?, 'Becas en línea', 'Un portal', 'transparency', 1, '2025-05-23T16:00:00.000Z', ?)`, []any{fx.lima1.ID, now}},
			{`INSERT INTO ideas(id, table_id, title, principle, created_at, updated_at, deleted_at) VALUES ('i3', ?, 'Borrada', 'transparency', ?, ?, ?)`, []any{fx.lima1.ID, now, now, now}},
			{`INSERT INTO ideas(id, table_id, title, principle, chosen, created_at, updated_at) VALUES ('i4', ?, 'Idea de Piura', 'participation', 1, '2025-06-05T16:00:00.000Z', ?)`, []any{fx.pi1.ID, now}},
			{`INSERT INTO idea_ratings(id, idea_id, rater, impact, feasibility, created_at, updated_at) VALUES ('r1', 'i1', 'a', 5, 3, ?, ?), ('r2', 'i1', 'b', 4, 4, ?, ?)`, []any{now, now, now, now}},
			{`INSERT INTO prototypes(id, table_id, idea_id, description, iteration, created_at, updated_at) VALUES ('pr1', ?, 'i1', 'Maqueta', 'Se agregó audio', '2025-05-23T17:00:00.000Z', ?)`, []any{fx.lima1.ID, now}},
			{`INSERT INTO prototypes(id, table_id, description, created_at, updated_at) VALUES ('pr2', ?, 'Prototipo sin idea', '2025-06-05T17:00:00.000Z', ?)`, []any{fx.pi1.ID, now}},
			{`INSERT INTO feedback(id, prototype_id, kind, text, created_at, updated_at) VALUES ('f1', 'pr1', 'doubt', '¿Y sin internet?', '2025-05-23T17:10:00.000Z', ?)`, []any{now}},
			{`INSERT INTO feedback(id, prototype_id, kind, text, created_at, updated_at) VALUES ('f2', 'pr2', 'like', 'Muy claro', '2025-06-05T17:10:00.000Z', ?)`, []any{now}},
		}
		for _, s := range stmts {
			if _, err := tx.Exec(s.q, s.args...); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return fx
}

func TestReportReadsEveryRecordInProcessOrder(t *testing.T) {
	st := storetest.Open(t)
	fx := newExportFixture(t, st)
	r, err := st.Report(context.Background(), "")
	if err != nil {
		t.Fatal(err)
	}
	if r.ProcessName != "VI Plan de Acción de Estado Abierto" || r.Period != "2026-2027" || r.Workshop != nil {
		t.Errorf("process = %q %q, scope %v", r.ProcessName, r.Period, r.Workshop)
	}
	if cs := r.Snapshot.Forum.Criteria; len(cs) != 5 || cs[0].Code != model.CriterionRelevance || cs[0].Weight != 1 {
		t.Errorf("criteria = %+v", cs)
	}
	if len(r.Workshops) != 2 || r.Workshops[0].ID != fx.lima.ID || r.Workshops[0].Tables != 2 || r.Workshops[1].Tables != 1 ||
		r.Workshops[0].Status != model.WorkshopClosed || r.Workshops[0].Venue != "Centro MAC Lima Norte" {
		t.Fatalf("workshops = %+v", r.Workshops)
	}

	if len(r.Participants) != 4 {
		t.Fatalf("participants = %d, want 4", len(r.Participants))
	}
	p := r.Participants[0]
	if p.Name != formulaName || p.Workshop != "Lima" || p.City != "Lima" || p.Table != 1 || p.Organization != "+Org" ||
		p.Email != "p1@example.pe" || p.Source != "form" || p.CheckedInAt == nil ||
		!p.CheckedInAt.Equal(time.Date(2025, 5, 23, 14, 1, 0, 0, time.UTC)) || !p.RegisteredAt.Equal(time.Date(2025, 5, 20, 10, 0, 0, 0, time.UTC)) {
		t.Errorf("first participant = %+v", p)
	}
	if r.Participants[2].CheckedInAt != nil || r.Participants[2].Table != 0 || r.Participants[3].Workshop != "Piura" {
		t.Errorf("participants = %+v", r.Participants)
	}

	if len(r.ProfileNotes) != 1 || r.ProfileNotes[0].Text != "No sabe dónde ver becas" || r.ProfileNotes[0].Profile != "Joven rural" ||
		r.ProfileNotes[0].Table != 1 || r.ProfileNotes[0].Kind != "pain" {
		t.Errorf("profile notes (deleted left out) = %+v", r.ProfileNotes)
	}
	if len(r.Stories) != 1 || r.Stories[0].AsWho != "joven" || r.Stories[0].SoThat != "postular" || r.Stories[0].Workshop != "Lima" {
		t.Errorf("stories = %+v", r.Stories)
	}
	titles := []string{}
	for _, d := range r.Ideas {
		titles = append(titles, d.Title)
	}
	if len(r.Ideas) != 3 || titles[0] != "Becas en línea" || titles[1] != "Idea de la mesa 2" || titles[2] != "Idea de Piura" {
		t.Fatalf("ideas = %q, want table 1, table 2, then Piura, without the deleted one", titles)
	}
	d := r.Ideas[0]
	if !d.Chosen || d.Principle != model.PrincipleTransparency || d.Ratings != 2 || d.Impact != 4.5 || d.Feasibility != 3.5 ||
		d.Problem != "Capacidades ciudadanas" || d.Description != "Un portal" || !d.CreatedAt.Equal(time.Date(2025, 5, 23, 16, 0, 0, 0, time.UTC)) {
		t.Errorf("rated idea = %+v", d)
	}
	if r.Ideas[1].Ratings != 0 || r.Ideas[1].Impact != 0 || r.Ideas[1].Problem != "" || r.Ideas[1].Table != 2 {
		t.Errorf("unrated idea = %+v", r.Ideas[1])
	}
	if len(r.Prototypes) != 2 || r.Prototypes[0].Idea != "Becas en línea" || r.Prototypes[0].Iteration != "Se agregó audio" || r.Prototypes[1].Idea != "" {
		t.Errorf("prototypes = %+v", r.Prototypes)
	}
	if len(r.Feedback) != 2 || r.Feedback[0].Prototype != "Becas en línea" || r.Feedback[0].Kind != "doubt" ||
		r.Feedback[1].Prototype != "Prototipo sin idea" || r.Feedback[1].City != "Piura" {
		t.Errorf("feedback = %+v", r.Feedback)
	}
}

func TestReportForOneWorkshop(t *testing.T) {
	st := storetest.Open(t)
	fx := newExportFixture(t, st)
	ctx := context.Background()
	r, err := st.Report(ctx, fx.piura.ID)
	if err != nil {
		t.Fatal(err)
	}
	if r.Workshop == nil || r.Workshop.ID != fx.piura.ID || len(r.Workshops) != 1 {
		t.Fatalf("scope = %+v, workshops %+v", r.Workshop, r.Workshops)
	}
	if len(r.Participants) != 1 || len(r.Ideas) != 1 || len(r.ProfileNotes) != 0 || len(r.Prototypes) != 1 || len(r.Feedback) != 1 {
		t.Errorf("Piura rows: %d participants, %d ideas, %d notes, %d prototypes, %d feedback",
			len(r.Participants), len(r.Ideas), len(r.ProfileNotes), len(r.Prototypes), len(r.Feedback))
	}
	for _, id := range []string{"no-such-workshop", "00000000-0000-0000-0000-000000000000"} {
		if _, err := st.Report(ctx, id); model.KindOf(err) != model.KindNotFound {
			t.Errorf("Report(%q) err = %v, want not found", id, err)
		}
	}
}
