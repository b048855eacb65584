package store_test

import (
	"context"
	"errors"
	"fmt"
	"testing"

	"github.com/minka-gob/minka/internal/model"
	"github.com/minka-gob/minka/internal/store"
	"github.com/minka-gob/minka/internal/storetest"
)

func newWorkshop(t *testing.T, st *store.Store, city, date string, tables int) (model.Workshop, []model.Table) {
	t.Helper()
	ctx := context.Background()
	w := model.Workshop{City: city, Date: date, Status: model.WorkshopOpen}
	if err := st.CreateWorkshop(ctx, &w); err != nil {
		t.Fatal(err)
	}
	var ts []model.Table
	for i := 1; i <= tables; i++ {
		tb := model.Table{WorkshopID: w.ID, Number: i}
		if err := st.CreateTable(ctx, &tb); err != nil {
			t.Fatal(err)
		}
		ts = append(ts, tb)
	}
	return w, ts
}

func person(name, gender, sector, email string) model.Participant {
	return model.Participant{Name: name, Gender: gender, Sector: sector, Email: email, Consent: true}
}

func TestCreateParticipantRules(t *testing.T) {
	st := storetest.Open(t)
	ctx := context.Background()
	w, _ := newWorkshop(t, st, "Piura", "2025-06-05", 0)
	tests := []struct {
		name  string
		p     model.Participant
		field string // "" = accepted
		key   string
	}{
		{"valid", person("Rosa Quispe", "female", "civil_society", "rosa@example.org"), "", ""},
		{"no consent", model.Participant{Name: "Ana", Gender: "female", Sector: "public", Email: "ana@example.org"}, "consent", "validation.consent"},
		{"no contact", model.Participant{Name: "Ana", Gender: "female", Sector: "public", Consent: true}, "email", "validation.contact"},
		{"bad gender", person("Ana", "mujer", "public", "ana@example.org"), "gender", "validation.choice"},
		{"bad email", person("Ana", "female", "public", "ana@"), "email", "validation.email"},
		{"same person again, other case and accents", person("ROSA QUÍSPE", "female", "civil_society", "Rosa@Example.org"), "email", "participants.error.duplicate"},
		{"same name, other person's e-mail", person("Rosa Quispe", "female", "public", "rosa.q@example.org"), "", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			p := tt.p
			p.WorkshopID = w.ID
			err := st.CreateParticipant(ctx, &p)
			if tt.field == "" {
				if err != nil {
					t.Fatalf("err = %v", err)
				}
				return
			}
			e, ok := model.AsError(err)
			if !ok || e.Fields[tt.field].Key != tt.key {
				t.Fatalf("err = %v, want %s=%s", err, tt.field, tt.key)
			}
		})
	}
	ps, _ := st.Participants(ctx, w.ID, "")
	if len(ps) != 2 {
		t.Errorf("stored %d participants, want 2", len(ps))
	}
	if ps[0].Source != model.SourceForm || !ps[0].Consent {
		t.Errorf("stored participant = %+v", ps[0])
	}
}

func TestRegistrationRefusedWhenWorkshopClosed(t *testing.T) {
	st := storetest.Open(t)
	ctx := context.Background()
	w, _ := newWorkshop(t, st, "Iquitos", "2025-06-12", 0)
	w.Status = model.WorkshopClosed
	if err := st.UpdateWorkshop(ctx, &w); err != nil {
		t.Fatal(err)
	}
	p := person("Luis Tello", "male", "public", "luis@example.org")
	p.WorkshopID = w.ID
	if err := st.CreateParticipant(ctx, &p); model.KindOf(err) != model.KindConflict {
		t.Fatalf("form registration on a closed workshop: err = %v, want conflict", err)
	}
	p.Source = model.SourceAPI // the Secretariat may still add a person
	if err := st.CreateParticipant(ctx, &p); err != nil {
		t.Fatalf("API registration on a closed workshop: %v", err)
	}
	ghost := person("X", "male", "public", "x@example.org")
	ghost.WorkshopID = "00000000-0000-4000-8000-000000000000"
	if err := st.CreateParticipant(ctx, &ghost); model.KindOf(err) != model.KindNotFound {
		t.Fatalf("unknown workshop: err = %v", err)
	}
}

func TestImportIsAllOrNothing(t *testing.T) {
	st := storetest.Open(t)
	ctx := context.Background()
	w, _ := newWorkshop(t, st, "Arequipa", "2025-06-20", 0)
	existing := person("Carmen Flores", "female", "academic", "carmen@example.org")
	existing.WorkshopID = w.ID
	if err := st.CreateParticipant(ctx, &existing); err != nil {
		t.Fatal(err)
	}
	var batch []model.Participant
	for i := 0; i < 10; i++ {
		batch = append(batch, person(fmt.Sprintf("Persona %d", i), "male", "public", fmt.Sprintf("p%d@example.org", i)))
	}
	batch[3].Sector = "gobierno"                                                   // invalid value
	batch[7] = person("carmen flores", "female", "academic", "carmen@example.org") // already registered
	batch[9] = person("Persona 1", "male", "public", "p1@example.org")             // twice in the file
	err := st.ImportParticipants(ctx, w.ID, batch)
	var re *store.RowsError
	if !errors.As(err, &re) {
		t.Fatalf("err = %v, want *RowsError", err)
	}
	want := map[int]string{3: "sector", 7: "email", 9: "email"}
	if len(re.Rows) != len(want) {
		t.Errorf("bad rows = %v, want %v", re.Rows, want)
	}
	for i, field := range want {
		if _, ok := re.Rows[i][field]; !ok {
			t.Errorf("row %d: errors %v lack %q", i, re.Rows[i], field)
		}
	}
	if model.KindOf(err) != model.KindInvalid {
		t.Errorf("kind = %q, want invalid", model.KindOf(err))
	}
	ps, _ := st.Participants(ctx, w.ID, "")
	if len(ps) != 1 {
		t.Fatalf("after a refused import: %d participants, want 1 (nothing imported)", len(ps))
	}
	batch[3].Sector, batch[7].Email, batch[9].Email = "public", "carmen.f@example.org", "otro@example.org"
	batch[7].Name, batch[9].Name = "Carmen Flores Díaz", "Persona Nueve"
	if err := st.ImportParticipants(ctx, w.ID, batch); err != nil {
		t.Fatal(err)
	}
	ps, _ = st.Participants(ctx, w.ID, "")
	if len(ps) != 11 || ps[0].Source == "" {
		t.Fatalf("after import: %d participants, want 11", len(ps))
	}
}

func TestSearchIgnoresCaseAndAccents(t *testing.T) {
	st := storetest.Open(t)
	ctx := context.Background()
	w, _ := newWorkshop(t, st, "Lima", "2025-05-23", 0)
	other, _ := newWorkshop(t, st, "Piura", "2025-06-05", 0)
	people := []model.Participant{
		person("María Ñañez", "female", "public", "maria@example.org"),
		person("José Pérez", "male", "civil_society", "jose@example.org"),
		person("Ana 100%_real", "female", "private", "ana@example.org"),
	}
	people[1].Organization = "Colectivo Amazonía"
	if err := st.ImportParticipants(ctx, w.ID, people); err != nil {
		t.Fatal(err)
	}
	p := person("María Otra", "female", "public", "mo@example.org")
	p.WorkshopID = other.ID
	if err := st.CreateParticipant(ctx, &p); err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		q    string
		want []string
	}{
		{"", []string{"Ana 100%_real", "José Pérez", "María Ñañez"}},
		{"maria", []string{"María Ñañez"}},
		{"NANEZ", []string{"María Ñañez"}},
		{"amazonia", []string{"José Pérez"}},
		{"jose@", []string{"José Pérez"}},
		{"jose amazon", []string{"José Pérez"}},
		{"jose lima", nil},
		{"%", []string{"Ana 100%_real"}},
		{"_", []string{"Ana 100%_real"}},
	}
	for _, tt := range tests {
		ps, err := st.Participants(ctx, w.ID, tt.q)
		if err != nil {
			t.Fatal(err)
		}
		var got []string
		for _, p := range ps {
			got = append(got, p.Name)
		}
		if fmt.Sprint(got) != fmt.Sprint(tt.want) {
			t.Errorf("search %q = %v, want %v", tt.q, got, tt.want)
		}
	}
}

func TestCheckInSeatsOnlyAtOwnWorkshopTables(t *testing.T) {
	st := storetest.Open(t)
	ctx := context.Background()
	w, tables := newWorkshop(t, st, "Lima", "2025-05-23", 2)
	_, otherTables := newWorkshop(t, st, "Piura", "2025-06-05", 1)
	p := person("Rosa Quispe", "female", "civil_society", "rosa@example.org")
	p.WorkshopID = w.ID
	if err := st.CreateParticipant(ctx, &p); err != nil {
		t.Fatal(err)
	}
	_, err := st.CheckIn(ctx, p.ID, otherTables[0].ID)
	if e, ok := model.AsError(err); !ok || e.Fields["table_id"].Key != "participants.error.table_other_workshop" {
		t.Fatalf("table of another workshop: err = %v", err)
	}
	if _, err := st.CheckIn(ctx, p.ID, "nope"); model.KindOf(err) != model.KindInvalid {
		t.Fatalf("malformed table id: err = %v", err)
	}
	if _, err := st.CheckIn(ctx, "00000000-0000-4000-8000-000000000000", ""); model.KindOf(err) != model.KindNotFound {
		t.Fatalf("unknown participant: err = %v", err)
	}
	got, err := st.CheckIn(ctx, p.ID, tables[0].ID)
	if err != nil || got.CheckedInAt == nil || got.TableID != tables[0].ID {
		t.Fatalf("CheckIn = %+v, %v", got, err)
	}
	first := *got.CheckedInAt
	got, err = st.CheckIn(ctx, p.ID, tables[1].ID) // moved to another table
	if err != nil || got.TableID != tables[1].ID || !got.CheckedInAt.Equal(first) {
		t.Fatalf("re-seat = %+v, %v; arrival time must stay %v", got, err, first)
	}
	got, err = st.UndoCheckIn(ctx, p.ID)
	if err != nil || got.CheckedInAt != nil || got.TableID != "" {
		t.Fatalf("UndoCheckIn = %+v, %v", got, err)
	}
	stored, _ := st.Participant(ctx, p.ID)
	if stored.CheckedInAt != nil || stored.TableID != "" {
		t.Fatalf("stored after undo = %+v", stored)
	}
}
