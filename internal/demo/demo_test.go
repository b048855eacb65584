package demo

import (
	"context"
	"errors"
	"fmt"
	"testing"

	"github.com/minka-gob/minka/internal/model"
	"github.com/minka-gob/minka/internal/report"
	"github.com/minka-gob/minka/internal/store"
	"github.com/minka-gob/minka/internal/storetest"
)

// The demo must reproduce the VI plan's Table 2 and Figure 1 through the
// store's statistics — the same numbers the pages and the API show.
func TestDemoReproducesThePlansTables(t *testing.T) {
	st := storetest.Open(t)
	ctx := context.Background()
	sum, err := Load(ctx, st)
	if err != nil {
		t.Fatal(err)
	}
	if len(sum.Workshops) != 5 || sum.Participants != 167 || sum.Tables != 22 {
		t.Fatalf("summary = %d workshops, %d participants, %d tables", len(sum.Workshops), sum.Participants, sum.Tables)
	}
	snap, err := st.AttendanceSnapshot(ctx)
	if err != nil {
		t.Fatal(err)
	}
	s, err := report.Attendance(snap, "")
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, r := range s.Workshops {
		got = append(got, fmt.Sprintf("%s|%s|%d|%d|%d|%d|%d", r.Label, r.Date, r.Attended, r.Men, r.Women, r.Registered, r.Seated))
	}
	want := []string{
		"Lima|2025-05-23|48|19|29|48|48",
		"Piura|2025-06-05|29|14|15|29|29",
		"Iquitos|2025-06-12|31|19|12|31|31",
		"Arequipa|2025-06-20|27|14|13|27|27",
		"Lima (Justicia Abierta)|2025-07-18|32|13|19|32|32",
	}
	if fmt.Sprint(got) != fmt.Sprint(want) {
		t.Errorf("Table 2\n got %v\nwant %v", got, want)
	}
	if s.Total.Attended != 167 || s.Total.Men != 79 || s.Total.Women != 88 || s.Total.Other != 0 {
		t.Errorf("TOTAL = %+v, want 167 = 79 men + 88 women", s.Total)
	}
	var sectors []string
	for _, sc := range s.Sectors {
		sectors = append(sectors, fmt.Sprintf("%s=%d(%.1f)", sc.Sector, sc.Attended, sc.Percent))
	}
	wantSectors := "[public=95(56.9) civil_society=54(32.3) academic=9(5.4) private=7(4.2) international=2(1.2)]"
	if fmt.Sprint(sectors) != wantSectors {
		t.Errorf("Figure 1 = %v, want %s", sectors, wantSectors)
	}
	for _, w := range sum.Workshops {
		if w.Venue != "Centro MAC "+w.City || w.Status != model.WorkshopClosed {
			t.Errorf("workshop %s: venue %q status %q", w.Label(), w.Venue, w.Status)
		}
	}
}

func TestDemoRefusesANonEmptyDatabase(t *testing.T) {
	st := storetest.Open(t)
	ctx := context.Background()
	storetest.Workshop(t, st, model.Workshop{City: "Cusco", Date: "2026-03-01"})
	if _, err := Load(ctx, st); !errors.Is(err, ErrNotEmpty) {
		t.Fatalf("err = %v, want ErrNotEmpty", err)
	}
	ws, _ := st.Workshops(ctx)
	if len(ws) != 1 {
		t.Fatalf("workshops = %d: the demo must not add anything", len(ws))
	}
}

func TestStepsRunInOrderAfterTheFoundation(t *testing.T) {
	var ran []string
	record := func(name string) StepFunc {
		return func(ctx context.Context, st *store.Store, ws []model.Workshop) error {
			ps, err := st.Participants(ctx, ws[0].ID, "")
			if err != nil || len(ps) != 48 {
				return fmt.Errorf("participants not loaded before %s: %d, %v", name, len(ps), err)
			}
			ran = append(ran, name)
			return nil
		}
	}
	sum, err := load(context.Background(), storetest.Open(t), []step{{"aar", record("aar")}, {"ideas", record("ideas")}, {"forum", record("forum")}})
	if err != nil {
		t.Fatal(err)
	}
	if fmt.Sprint(ran) != "[aar ideas forum]" || fmt.Sprint(sum.Extensions) != "[aar ideas forum]" {
		t.Errorf("ran %v (summary %v), want [aar ideas forum]", ran, sum.Extensions)
	}

	broken := []step{{"broken", func(context.Context, *store.Store, []model.Workshop) error { return errors.New("boom") }}}
	if _, err := load(context.Background(), storetest.Open(t), broken); err == nil || err.Error() != "demo: broken: boom" {
		t.Errorf("a failing step: err = %v", err)
	}
}
