package export_test

import (
	"testing"
	"time"

	"github.com/minka-gob/minka/internal/export"
	"github.com/minka-gob/minka/internal/model"
)

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
