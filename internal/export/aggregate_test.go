package export_test

import (
	"math"
	"reflect"
	"testing"
	"time"

	"github.com/minka-gob/minka/internal/export"
	"github.com/minka-gob/minka/internal/model"
)

func TestParticipantsByCityAndGenderReproducesTable2(t *testing.T) {
	r := viReport()
	got := export.ParticipantsByCityAndGender(r.Workshops, r.Participants)
	want := []struct {
		label             string
		total, men, women int
		registered        int
		basis             string
	}{
		{"Lima", 48, 19, 29, 51, export.BasisAttended}, // 3 registered never came
		{"Piura", 29, 14, 15, 29, export.BasisAttended},
		{"Iquitos", 31, 19, 12, 31, export.BasisAttended},
		{"Arequipa", 27, 14, 13, 27, export.BasisRegistered}, // no check-in recorded
		{"Lima (Justicia Abierta)", 32, 13, 19, 32, export.BasisAttended},
	}
	if len(got.Rows) != len(want) {
		t.Fatalf("rows = %d, want %d", len(got.Rows), len(want))
	}
	for i, w := range want {
		g := got.Rows[i]
		if g.Workshop.Label != w.label || g.Counted.Total() != w.total || g.Counted.Male != w.men ||
			g.Counted.Female != w.women || g.Registered != w.registered || g.Basis != w.basis {
			t.Errorf("row %d = %+v, want %+v", i, g, w)
		}
	}
	if got.Total.Total() != 167 || got.Total.Male != 79 || got.Total.Female != 88 || got.TotalRegistered != 170 {
		t.Errorf("TOTAL = %+v (registered %d), want 167 = 79 men + 88 women (170 registered)", got.Total, got.TotalRegistered)
	}
}

func TestAggregatesNeverDropARow(t *testing.T) {
	// A participant and an idea of a workshop missing from the list still count.
	ps := []model.ParticipantRow{{Place: model.Place{WorkshopID: "x", Workshop: "Cusco", City: "Cusco"}, Gender: "other", Sector: "academic"}}
	t2 := export.ParticipantsByCityAndGender(nil, ps)
	if len(t2.Rows) != 1 || t2.Rows[0].Workshop.Label != "Cusco" || t2.Rows[0].Counted.Other != 1 || t2.Total.Total() != 1 {
		t.Errorf("table 2 = %+v", t2)
	}
	ideas := []model.IdeaRow{{Place: model.Place{WorkshopID: "x", City: "Cusco"}, Principle: model.PrincipleIntegrity, Chosen: true}}
	t3 := export.IdeasByPrincipleAndCity(nil, ideas, true)
	if len(t3.Rows) != 1 || t3.Rows[0].Workshop.Label != "Cusco" || t3.Totals[3] != 1 || t3.Total != 1 {
		t.Errorf("table 3 = %+v", t3)
	}
	// Nothing at all: zero totals, no division by zero.
	rows, total := export.ParticipantsBySector(nil)
	if total != 0 || len(rows) != len(model.Sectors) || rows[0].Share != 0 {
		t.Errorf("empty sectors = %+v, %d", rows, total)
	}
}

func TestParticipantsBySectorReproducesFigure1(t *testing.T) {
	r := viReport()
	rows, total := export.ParticipantsBySector(r.Participants)
	if total != 167 {
		t.Fatalf("total = %d, want 167 (the 3 absent registrants are not counted)", total)
	}
	wantPct := []float64{56.9, 32.3, 5.4, 4.2, 1.2} // as printed in the plan
	sum := 0.0
	for i, s := range rows {
		if s.Sector != model.Sectors[i] || s.Count != sectorPlan[i] {
			t.Errorf("sector %d = %+v, want %s %d", i, s, model.Sectors[i], sectorPlan[i])
		}
		if math.Round(s.Share*1000)/10 != wantPct[i] {
			t.Errorf("%s share = %.4f, want %.1f%%", s.Sector, s.Share, wantPct[i])
		}
		sum += s.Share
	}
	if math.Abs(sum-1) > 1e-9 {
		t.Errorf("shares sum to %v", sum)
	}
}

func TestIdeasByPrincipleAndCityReproducesTable3(t *testing.T) {
	r := viReport()
	chosen := export.IdeasByPrincipleAndCity(r.Workshops, r.Ideas, true)
	if !reflect.DeepEqual(chosen.Totals, []int{13, 10, 4, 2}) || chosen.Total != 29 {
		t.Fatalf("chosen totals = %v / %d, want [13 10 4 2] / 29", chosen.Totals, chosen.Total)
	}
	wantRows := [][]int{{4, 3, 1, 1}, {2, 2, 1, 0}, {2, 2, 0, 0}, {2, 2, 1, 0}, {3, 1, 1, 1}}
	for i, w := range wantRows {
		if !reflect.DeepEqual(chosen.Rows[i].Counts, w) {
			t.Errorf("%s = %v, want %v", chosen.Rows[i].Workshop.Label, chosen.Rows[i].Counts, w)
		}
	}
	// Each row total is its sum, and the row totals add up to the grand total.
	sum := 0
	for _, row := range chosen.Rows {
		s := 0
		for _, n := range row.Counts {
			s += n
		}
		if s != row.Total {
			t.Errorf("%s total = %d, counts sum to %d", row.Workshop.Label, row.Total, s)
		}
		sum += row.Total
	}
	if sum != chosen.Total {
		t.Errorf("row totals sum to %d, grand total %d", sum, chosen.Total)
	}
	all := export.IdeasByPrincipleAndCity(r.Workshops, r.Ideas, false)
	if !reflect.DeepEqual(all.Totals, []int{13, 39, 4, 2}) || all.Total != 58 {
		t.Errorf("all ideas totals = %v / %d, want [13 39 4 2] / 58", all.Totals, all.Total)
	}
}

func TestSatisfactionIsComputedFromDistribution(t *testing.T) {
	tests := []struct {
		name      string
		rows      []model.SatisfactionRow
		responses []int
		averages  []float64
		total     int
		average   float64
	}{
		{"none", nil, nil, nil, 0, 0},
		{"unanswered workshop", []model.SatisfactionRow{{Workshop: "Piura"}}, []int{0}, []float64{0}, 0, 0},
		{"pooled, not averaged per workshop", []model.SatisfactionRow{
			{Workshop: "Lima", Distribution: [5]int{0, 0, 0, 0, 10}},   // 10 × 5
			{Workshop: "Piura", Distribution: [5]int{0, 0, 0, 10, 30}}, // 10 × 4 + 30 × 5
		}, []int{10, 40}, []float64{5, 4.75}, 50, 4.8},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			lines, total := export.Satisfaction(tt.rows)
			for i, l := range lines {
				if l.Responses != tt.responses[i] || l.Average != tt.averages[i] {
					t.Errorf("line %d = %d, %v; want %d, %v", i, l.Responses, l.Average, tt.responses[i], tt.averages[i])
				}
			}
			if total.Responses != tt.total || total.Average != tt.average {
				t.Errorf("total = %d, %v; want %d, %v", total.Responses, total.Average, tt.total, tt.average)
			}
		})
	}
}

func TestFileNames(t *testing.T) {
	now := time.Date(2026, 11, 23, 20, 4, 5, 0, time.UTC) // 15:04:05 in Lima
	lima := &model.WorkshopRow{City: "Lima", Focus: "Justicia Abierta"}
	tests := []struct {
		r    *model.Report
		req  export.Request
		want string
	}{
		{&model.Report{}, export.Request{Now: now}, "minka-proceso-2026-11-23T150405.xlsx"},
		{&model.Report{}, export.Request{Now: now, Public: true, Lang: "en"}, "minka-process-public-2026-11-23T150405.xlsx"},
		{&model.Report{Workshop: lima}, export.Request{Now: now, Public: true}, "minka-taller-lima-justicia-abierta-publico-2026-11-23T150405.xlsx"},
		{&model.Report{Workshop: &model.WorkshopRow{City: "Ñuñoa  ¿Perú?"}}, export.Request{Now: now}, "minka-taller-nunoa-peru-2026-11-23T150405.xlsx"},
	}
	for _, tt := range tests {
		got := export.FileName(tt.r, tt.req)
		if got != tt.want {
			t.Errorf("FileName = %q, want %q", got, tt.want)
		}
		if !export.ValidName(got) {
			t.Errorf("ValidName(%q) = false", got)
		}
	}
	for _, bad := range []string{"../minka-proceso-2026-11-23T150405.xlsx", "minka-proceso.xlsx", "x.xlsx", "minka-a/b-2026-11-23T150405.xlsx", ".minka-export-1.tmp"} {
		if export.ValidName(bad) {
			t.Errorf("ValidName(%q) = true", bad)
		}
	}
}
