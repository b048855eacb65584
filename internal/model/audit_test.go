package model

import (
	"fmt"
	"testing"
)

func TestAuditChanges(t *testing.T) {
	tests := []struct {
		name          string
		before, after map[string]any
		want          string
	}{
		{"insert skips empty columns", nil, map[string]any{"city": "Lima", "venue": "", "checked_in_at": nil},
			"[{city  Lima}]"},
		{"update keeps changed columns only", map[string]any{"city": "Lima", "number": float64(1), "focus": ""},
			map[string]any{"city": "Piura", "number": float64(1), "focus": ""}, "[{city Lima Piura}]"},
		{"update to null", map[string]any{"checked_in_at": "2025-05-23T09:00:00Z"}, map[string]any{"checked_in_at": nil},
			"[{checked_in_at 2025-05-23T09:00:00Z ∅}]"},
		{"delete", map[string]any{"title": "Portal", "chosen": float64(0)}, nil, "[{chosen 0 } {title Portal }]"},
	}
	for _, tt := range tests {
		got := fmt.Sprint(AuditEntry{Before: tt.before, After: tt.after}.Changes())
		if got != tt.want {
			t.Errorf("%s: %s, want %s", tt.name, got, tt.want)
		}
	}
}

func TestAuditFilterValidate(t *testing.T) {
	tests := []struct {
		f     AuditFilter
		field string
	}{
		{AuditFilter{From: "2025-05-23", To: "2025-05-22"}, "to"},
		{AuditFilter{From: "23/05/2025"}, "from"},
		{AuditFilter{ActorRole: "root"}, "role"},
		{AuditFilter{From: "2025-05-23", To: "2025-05-23", ActorRole: "system"}, ""},
	}
	for _, tt := range tests {
		err := tt.f.Validate()
		e, _ := AsError(err)
		switch {
		case tt.field == "" && err != nil:
			t.Errorf("%+v: err = %v", tt.f, err)
		case tt.field != "" && (e == nil || e.Fields[tt.field].Key == ""):
			t.Errorf("%+v: err = %v, want an error on %s", tt.f, err, tt.field)
		}
	}
}
