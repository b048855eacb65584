package model

import (
	"encoding/json"
	"sort"
	"strconv"
	"time"
)

// Audit actions: the three kinds of change the triggers record, and the
// events Minka records itself (a backup or an export of personal data).
const (
	AuditInsert = "insert"
	AuditUpdate = "update"
	AuditDelete = "delete"
	AuditBackup = "backup"
	AuditExport = "export"
	AuditErase  = "erase"
)

// AuditEntry is one row of the audit log: who (role, id, and a name when
// known) did what to which row, when, with the row before and after.
type AuditEntry struct {
	ID        int64          `json:"id"`
	At        time.Time      `json:"at"`
	ActorRole string         `json:"actor_role"`
	ActorID   string         `json:"actor_id"`
	ActorName string         `json:"actor_name,omitempty"`
	Table     string         `json:"table"`
	RowID     string         `json:"row_id"`
	Action    string         `json:"action"`
	Before    map[string]any `json:"before,omitempty"`
	After     map[string]any `json:"after,omitempty"`
}

// AuditChange is one column's value before and after a change.
type AuditChange struct {
	Column string
	Before string
	After  string
}

// Changes lists what changed: every column of an inserted or deleted row, and
// only the changed columns of an update, sorted by column name.
func (e AuditEntry) Changes() []AuditChange {
	cols := map[string]bool{}
	for c := range e.Before {
		cols[c] = true
	}
	for c := range e.After {
		cols[c] = true
	}
	var out []AuditChange
	for c := range cols {
		b, bok := e.Before[c]
		a, aok := e.After[c]
		if bok && aok && AuditValue(b) == AuditValue(a) {
			continue
		}
		if (!bok || !aok) && isEmptyValue(b) && isEmptyValue(a) {
			continue // an empty column of a created or deleted row says nothing
		}
		ch := AuditChange{Column: c}
		if bok {
			ch.Before = AuditValue(b)
		}
		if aok {
			ch.After = AuditValue(a)
		}
		out = append(out, ch)
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Column < out[j].Column })
	return out
}

func isEmptyValue(v any) bool { return v == nil || v == "" }

// AuditValue shows a JSON value of the log as text: null as "∅".
func AuditValue(v any) string {
	switch x := v.(type) {
	case nil:
		return "∅"
	case string:
		return x
	case float64:
		return strconv.FormatFloat(x, 'f', -1, 64)
	case bool:
		return strconv.FormatBool(x)
	}
	b, _ := json.Marshal(v)
	return string(b)
}

// AuditFilter selects audit entries; empty fields select everything.
type AuditFilter struct {
	Table     string
	ActorRole string
	ActorID   string
	From      string // YYYY-MM-DD, first day included (Lima time)
	To        string // YYYY-MM-DD, last day included (Lima time)
	Page      int    // 1-based
}

// AuditRoles are the roles the filter offers; "system" means no author
// (migrations, the seed, changes made outside Minka).
var AuditRoles = []string{RoleAdmin, RoleFacilitator, RoleRapporteur, RoleParticipant, RoleForum, "public", "system"}

// Normalize trims the filter and puts the page in range.
func (f *AuditFilter) Normalize() {
	f.Table, f.ActorRole, f.ActorID = Clean(f.Table), Clean(f.ActorRole), Clean(f.ActorID)
	f.From, f.To = Clean(f.From), Clean(f.To)
	if f.Page < 1 {
		f.Page = 1
	}
}

// Validate checks the filter's dates and role.
func (f *AuditFilter) Validate() error {
	var v Validator
	v.Text("table", f.Table, false, 64)
	v.Text("actor", f.ActorID, false, 100)
	if f.ActorRole != "" {
		v.OneOf("role", f.ActorRole, AuditRoles)
	}
	if f.From != "" {
		v.Date("from", f.From)
	}
	if f.To != "" {
		v.Date("to", f.To)
	}
	if f.From != "" && f.To != "" && !v.Has("from") && !v.Has("to") && f.To < f.From {
		v.Add("to", "audit.to_before_from")
	}
	return v.Err()
}
