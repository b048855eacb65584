package model

import (
	"strings"
	"testing"
)

func fieldKeys(err error) map[string]string {
	out := map[string]string{}
	if e, ok := AsError(err); ok {
		for f, m := range e.Fields {
			out[f] = m.Key
		}
	}
	return out
}

func TestParticipantValidate(t *testing.T) {
	ok := func() Participant {
		return Participant{Name: "Rosa Quispe", Gender: "female", Sector: "civil_society", Email: "rosa@example.org", Consent: true}
	}
	tests := []struct {
		name   string
		change func(p *Participant)
		want   map[string]string
	}{
		{"valid", func(p *Participant) {}, map[string]string{}},
		{"phone instead of e-mail", func(p *Participant) { p.Email, p.Phone = "", "+51 987 654 321" }, map[string]string{}},
		{"no name", func(p *Participant) { p.Name = "   " }, map[string]string{"name": "validation.required"}},
		{"name too long", func(p *Participant) { p.Name = strings.Repeat("á", 121) }, map[string]string{"name": "validation.too_long"}},
		{"control character", func(p *Participant) { p.Name = "Rosa\x00" }, map[string]string{"name": "validation.control"}},
		{"invalid UTF-8", func(p *Participant) { p.Organization = "\xff\xfe" }, map[string]string{"organization": "validation.utf8"}},
		{"unknown gender", func(p *Participant) { p.Gender = "mujer" }, map[string]string{"gender": "validation.choice"}},
		{"unknown sector", func(p *Participant) { p.Sector = "gobierno" }, map[string]string{"sector": "validation.choice"}},
		{"no contact", func(p *Participant) { p.Email = "" }, map[string]string{"email": "validation.contact"}},
		{"bad e-mail", func(p *Participant) { p.Email = "rosa@" }, map[string]string{"email": "validation.email"}},
		{"display-name e-mail", func(p *Participant) { p.Email = "Rosa <rosa@example.org>" }, map[string]string{"email": "validation.email"}},
		{"bad phone", func(p *Participant) { p.Email, p.Phone = "", "llámame" }, map[string]string{"phone": "validation.phone"}},
		{"no consent", func(p *Participant) { p.Consent = false }, map[string]string{"consent": "validation.consent"}},
		{"malformed table", func(p *Participant) { p.TableID = "mesa-1" }, map[string]string{"table_id": "validation.id"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			p := ok()
			tt.change(&p)
			p.Normalize()
			got := fieldKeys(p.Validate())
			if len(got) != len(tt.want) {
				t.Fatalf("errors = %v, want %v", got, tt.want)
			}
			for f, k := range tt.want {
				if got[f] != k {
					t.Errorf("%s = %q, want %q", f, got[f], k)
				}
			}
		})
	}
}

func TestWorkshopValidateAndLabel(t *testing.T) {
	w := Workshop{City: " Lima ", Date: "2025-07-18", Focus: "Justicia Abierta"}
	w.Normalize()
	if err := w.Validate(); err != nil || w.Status != WorkshopPlanned || w.City != "Lima" {
		t.Fatalf("workshop = %+v, %v", w, err)
	}
	if w.Label() != "Lima (Justicia Abierta)" {
		t.Errorf("label = %q", w.Label())
	}
	bad := Workshop{City: "", Date: "18/07/2025", Status: "done"}
	got := fieldKeys(bad.Validate())
	want := map[string]string{"city": "validation.required", "date": "validation.date", "status": "validation.choice"}
	for f, k := range want {
		if got[f] != k {
			t.Errorf("%s = %q, want %q", f, got[f], k)
		}
	}
}

func TestSetupValidate(t *testing.T) {
	if got := fieldKeys((&Problem{Title: ""}).Validate()); got["title"] != "validation.required" {
		t.Errorf("problem without title: %v", got)
	}
	if got := fieldKeys((&UserProfile{Name: "X", ProblemID: "nope"}).Validate()); got["problem_id"] != "validation.id" {
		t.Errorf("profile with a malformed problem: %v", got)
	}
	tb := Table{Number: 0}
	tb.Normalize()
	if got := fieldKeys(tb.Validate()); got["number"] != "validation.range" {
		t.Errorf("table number 0: %v", got)
	}
	if got := fieldKeys((&Process{Name: "VI Plan", Period: strings.Repeat("x", 51)}).Validate()); got["period"] != "validation.too_long" {
		t.Errorf("long period: %v", got)
	}
}

func TestFold(t *testing.T) {
	tests := map[string]string{
		"  MARÍA  Ñañez ":       "maria nanez",
		"José Pérez":            "jose perez",
		"Ahuanari\tShupingahua": "ahuanari shupingahua",
		"":                      "",
	}
	for in, want := range tests {
		if got := Fold(in); got != want {
			t.Errorf("Fold(%q) = %q, want %q", in, got, want)
		}
	}
}
