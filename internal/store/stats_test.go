package store_test

import (
	"context"
	"fmt"
	"reflect"
	"testing"
	"time"

	"github.com/minka-gob/minka/internal/model"
	"github.com/minka-gob/minka/internal/report"
	"github.com/minka-gob/minka/internal/store"
	"github.com/minka-gob/minka/internal/storetest"
)

func TestStatsCountAttendanceByGenderAndSector(t *testing.T) {
	st := storetest.Open(t)
	ctx := context.Background()
	lima, limaTables := newWorkshop(t, st, "Lima", "2025-05-23", 2)
	piura, _ := newWorkshop(t, st, "Piura", "2025-06-05", 1)
	_, _ = newWorkshop(t, st, "Iquitos", "2025-06-12", 0) // no one yet: a row of zeros

	// Lima: 6 registered; 4 attend (2 women, 1 man, 1 other), 3 of them seated.
	limaPeople := []model.Participant{
		person("A", "female", "public", "a@example.org"),
		person("B", "female", "civil_society", "b@example.org"),
		person("C", "male", "public", "c@example.org"),
		person("D", "other", "academic", "d@example.org"),
		person("E", "male", "private", "e@example.org"),  // registered, absent
		person("F", "female", "public", "f@example.org"), // registered, absent
	}
	if err := st.ImportParticipants(ctx, lima.ID, limaPeople); err != nil {
		t.Fatal(err)
	}
	seats := []string{limaTables[0].ID, limaTables[0].ID, limaTables[1].ID, ""}
	for i, table := range seats {
		if _, err := st.CheckIn(ctx, limaPeople[i].ID, table); err != nil {
			t.Fatal(err)
		}
	}
	// Piura: 2 registered, 1 man attends.
	piuraPeople := []model.Participant{person("G", "male", "international", "g@example.org"), person("H", "female", "public", "h@example.org")}
	if err := st.ImportParticipants(ctx, piura.ID, piuraPeople); err != nil {
		t.Fatal(err)
	}
	if _, err := st.CheckIn(ctx, piuraPeople[0].ID, ""); err != nil {
		t.Fatal(err)
	}

	snap, err := st.AttendanceSnapshot(ctx)
	if err != nil {
		t.Fatal(err)
	}
	s, err := report.Attendance(snap, "")
	if err != nil {
		t.Fatal(err)
	}
	row := func(r model.WorkshopStats) string {
		return fmt.Sprintf("%s %s reg=%d att=%d m=%d w=%d o=%d seated=%d", r.Label, r.Date, r.Registered, r.Attended, r.Men, r.Women, r.Other, r.Seated)
	}
	want := []string{
		"Lima 2025-05-23 reg=6 att=4 m=1 w=2 o=1 seated=3",
		"Piura 2025-06-05 reg=2 att=1 m=1 w=0 o=0 seated=0",
		"Iquitos 2025-06-12 reg=0 att=0 m=0 w=0 o=0 seated=0",
	}
	if len(s.Workshops) != len(want) {
		t.Fatalf("rows = %d, want %d", len(s.Workshops), len(want))
	}
	for i, w := range want {
		if got := row(s.Workshops[i]); got != w {
			t.Errorf("row %d = %q, want %q", i, got, w)
		}
	}
	if got := row(s.Total); got != "  reg=8 att=5 m=2 w=2 o=1 seated=3" {
		t.Errorf("total = %q", got)
	}
	sectors := map[string][2]int{}
	for _, sc := range s.Sectors {
		sectors[sc.Sector] = [2]int{sc.Attended, sc.Registered}
	}
	wantSectors := map[string][2]int{"public": {2, 4}, "civil_society": {1, 1}, "academic": {1, 1}, "private": {0, 1}, "international": {1, 1}}
	if fmt.Sprint(sectors) != fmt.Sprint(wantSectors) || len(s.Sectors) != 5 || s.Sectors[0].Sector != "public" {
		t.Errorf("sectors = %v, want %v in the plan's order", s.Sectors, wantSectors)
	}
	if s.Sectors[0].Percent != 40 {
		t.Errorf("public percent = %v, want 40", s.Sectors[0].Percent)
	}

	ws, err := report.Attendance(snap, lima.ID)
	if err != nil {
		t.Fatal(err)
	}
	if len(ws.Workshops) != 1 || ws.Total.Attended != 4 || len(ws.Tables) != 2 || ws.Tables[0].Seated != 2 || ws.Tables[1].Seated != 1 {
		t.Errorf("Lima stats = %+v", ws)
	}
	if _, err := report.Attendance(snap, "bogus"); model.KindOf(err) != model.KindNotFound {
		t.Errorf("unknown workshop: err = %v", err)
	}
}

// BenchmarkProcessStats measures reading and computing the statistics over a process the
// size of the VI plan's (5 workshops, 167 attendees) times ten.
func BenchmarkProcessStats(b *testing.B) {
	st := storetest.Open(b)
	ctx := context.Background()
	for w := 0; w < 5; w++ {
		ws := model.Workshop{City: fmt.Sprintf("Ciudad %d", w), Date: "2025-05-23"}
		if err := st.CreateWorkshop(ctx, &ws); err != nil {
			b.Fatal(err)
		}
		var ps []model.Participant
		for i := 0; i < 334; i++ {
			now := time.Now()
			p := person(fmt.Sprintf("Persona %d", i), model.Genders[i%2], model.Sectors[i%5], fmt.Sprintf("p%d@example.org", i))
			if i%3 != 0 {
				p.CheckedInAt = &now
			}
			ps = append(ps, p)
		}
		if err := st.ImportParticipants(ctx, ws.ID, ps); err != nil {
			b.Fatal(err)
		}
	}
	b.ResetTimer()
	for b.Loop() {
		snap, err := st.AttendanceSnapshot(ctx)
		if err != nil {
			b.Fatal(err)
		}
		if _, err := report.Attendance(snap, ""); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkImport500 measures importing a 500-row registration list in one write.
func BenchmarkImport500(b *testing.B) {
	st := storetest.Open(b)
	ctx := context.Background()
	for n := 0; b.Loop(); n++ {
		ws := model.Workshop{City: "Lima", Date: "2025-05-23"}
		if err := st.CreateWorkshop(ctx, &ws); err != nil {
			b.Fatal(err)
		}
		ps := make([]model.Participant, 500)
		for i := range ps {
			ps[i] = person(fmt.Sprintf("Persona %d", i), "female", "public", fmt.Sprintf("p%d@example.org", i))
		}
		if err := st.ImportParticipants(ctx, ws.ID, ps); err != nil {
			b.Fatal(err)
		}
	}
}

// One workshop read alone (WorkshopSnapshot) has only its own rows, and
// internal/report computes the same figures for it as from everything.
func TestWorkshopSnapshotReadsOneWorkshopAndAgrees(t *testing.T) {
	st := storetest.Open(t)
	ctx := context.Background()
	lima, limaTables := newWorkshop(t, st, "Lima", "2025-05-23", 2)
	piura, piuraTables := newWorkshop(t, st, "Piura", "2025-06-05", 1)
	people := map[string][]model.Participant{
		lima.ID:  {person("A", "female", "public", "a@example.org"), person("B", "male", "private", "b@example.org")},
		piura.ID: {person("C", "other", "academic", "c@example.org")},
	}
	for w, ps := range people {
		if err := st.ImportParticipants(ctx, w, ps); err != nil {
			t.Fatal(err)
		}
	}
	if _, err := st.CheckIn(ctx, people[lima.ID][0].ID, limaTables[1].ID); err != nil {
		t.Fatal(err)
	}
	if _, err := st.CheckIn(ctx, people[piura.ID][0].ID, piuraTables[0].ID); err != nil {
		t.Fatal(err)
	}
	storetest.Idea(t, st, model.Idea{TableID: limaTables[0].ID, Title: "Lima 1", Principle: model.PrincipleTransparency})
	storetest.Idea(t, st, model.Idea{TableID: limaTables[1].ID, Title: "Lima 2", Principle: model.PrincipleParticipation, Chosen: true})
	storetest.Idea(t, st, model.Idea{TableID: piuraTables[0].ID, Title: "Piura", Principle: model.PrincipleTransparency})

	whole, err := st.Snapshot(ctx)
	if err != nil {
		t.Fatal(err)
	}
	for _, w := range []model.Workshop{lima, piura} {
		one, err := st.WorkshopSnapshot(ctx, w.ID)
		if err != nil {
			t.Fatal(err)
		}
		if len(one.Workshops) != 1 || one.Workshops[0].ID != w.ID {
			t.Fatalf("%s: workshops read %+v", w.City, one.Workshops)
		}
		for _, tb := range one.Tables {
			if tb.WorkshopID != w.ID {
				t.Errorf("%s: read another workshop's table %+v", w.City, tb)
			}
		}
		for _, p := range one.Participants {
			if p.WorkshopID != w.ID {
				t.Errorf("%s: read another workshop's registration %+v", w.City, p)
			}
		}
		for _, o := range one.Ideas {
			if o.WorkshopID != w.ID {
				t.Errorf("%s: read another workshop's idea %q", w.City, o.Title)
			}
		}
		if len(one.Participants) != len(people[w.ID]) {
			t.Errorf("%s: %d registrations read, want %d", w.City, len(one.Participants), len(people[w.ID]))
		}
		a, err := report.Attendance(one, w.ID)
		if err != nil {
			t.Fatal(err)
		}
		b, _ := report.Attendance(whole, w.ID)
		if !reflect.DeepEqual(a, b) {
			t.Errorf("%s: attendance read alone %+v, from everything %+v", w.City, a, b)
		}
		ia := report.IdeasByPrinciple(one, report.Captured, w.ID).ByPrinciple(w.ID)
		ib := report.IdeasByPrinciple(whole, report.Captured, w.ID).ByPrinciple(w.ID)
		if !reflect.DeepEqual(ia, ib) {
			t.Errorf("%s: ideas by principle read alone %+v, from everything %+v", w.City, ia, ib)
		}
	}
	one, err := st.WorkshopSnapshot(ctx, store.NewID())
	if err != nil {
		t.Fatal(err)
	}
	if _, err := report.Attendance(one, "x"); model.KindOf(err) != model.KindNotFound {
		t.Errorf("an unknown workshop: %v, want not found", err)
	}
}
