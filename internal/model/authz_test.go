package model

import "testing"

// Every role against every rule, at the caller's own table ("t1") and another ("t2").
func TestPrincipalAuthorization(t *testing.T) {
	seat := func(role string) Principal { return Principal{Role: role, TableID: "t1"} }
	people := map[string]Principal{
		"public":       {},
		"participant":  seat(RoleParticipant),
		"rapporteur":   seat(RoleRapporteur),
		"facilitator":  seat(RoleFacilitator),
		"forum":        {Role: RoleForum, ForumMemberID: "m1"},
		"forum-nolink": {Role: RoleForum},
		"admin":        {Role: RoleAdmin, AdminID: "a1"},
	}
	// want: the people allowed, for table t1 (own) — nobody but the admin is allowed at t2.
	rules := []struct {
		name string
		can  func(Principal, string) bool
		want []string
	}{
		{"read", Principal.CanReadTable, []string{"participant", "rapporteur", "facilitator", "admin"}},
		{"write", Principal.CanWriteTable, []string{"rapporteur", "admin"}},
		{"facilitate", Principal.CanFacilitateTable, []string{"facilitator", "admin"}},
		{"rate", Principal.CanRateTable, []string{"participant", "rapporteur", "admin"}},
		{"read workshop", func(p Principal, table string) bool {
			seatWorkshop := map[string]string{"t1": "w1", "t2": "w2"}[p.TableID]
			return p.CanReadWorkshop(map[string]string{"t1": "w1", "t2": "w2"}[table], seatWorkshop)
		}, []string{"participant", "rapporteur", "facilitator", "admin"}},
	}
	for _, r := range rules {
		allowed := map[string]bool{}
		for _, name := range r.want {
			allowed[name] = true
		}
		for name, p := range people {
			if got := r.can(p, "t1"); got != allowed[name] {
				t.Errorf("%s may %s its own table: %v, want %v", name, r.name, got, allowed[name])
			}
			if got := r.can(p, "t2"); got != (name == "admin") {
				t.Errorf("%s may %s another table: %v, want %v", name, r.name, got, name == "admin")
			}
		}
	}
	if (Principal{Role: RoleParticipant, TableID: ""}).CanReadTable("") {
		t.Error("a participant without a table reads the table with no id")
	}
	if (Principal{}).CanReadWorkshop("w1", "") || (Principal{Role: RoleParticipant, TableID: "t1"}).CanReadWorkshop("w1", "") {
		t.Error("a caller whose table's workshop is unknown reads a workshop")
	}
	for name, p := range people {
		if got := p.CanScore(); got != (name == "forum") {
			t.Errorf("%s may score: %v", name, got)
		}
	}
}
