package store

import (
	"context"
	"database/sql"
	"encoding/json"
	"strings"
	"time"

	"github.com/minka-gob/minka/internal/model"
)

// AuditPageSize is how many entries one page of the audit log shows.
const AuditPageSize = 50

// AuditRange turns a filter's Lima dates into the UTC instants stored in
// audit_log.at: [from, to) with to the start of the day after the last day.
type AuditRange struct {
	From, To time.Time // zero means open
}

const auditColumns = `a.id, a.at, a.actor_role, a.actor_id, COALESCE(ad.username, ''), a.table_name, a.row_id, a.action,
	COALESCE(a.before, ''), COALESCE(a.after, '')`

// auditWhere builds the WHERE clause of a filter.
func auditWhere(f model.AuditFilter, r AuditRange) (string, []any) {
	var conds []string
	var args []any
	if f.Table != "" {
		conds = append(conds, "a.table_name = ?")
		args = append(args, f.Table)
	}
	switch f.ActorRole {
	case "":
	case "system":
		conds = append(conds, "a.actor_role = ''")
	default:
		conds = append(conds, "a.actor_role = ?")
		args = append(args, f.ActorRole)
	}
	if f.ActorID != "" {
		// An admin is found by username too.
		conds = append(conds, "(a.actor_id = ? OR ad.username = ?)")
		args = append(args, f.ActorID, f.ActorID)
	}
	if !r.From.IsZero() {
		conds = append(conds, "a.at >= ?")
		args = append(args, formatTime(r.From))
	}
	if !r.To.IsZero() {
		conds = append(conds, "a.at < ?")
		args = append(args, formatTime(r.To))
	}
	if len(conds) == 0 {
		return "", nil
	}
	return " WHERE " + strings.Join(conds, " AND "), args
}

const auditFrom = ` FROM audit_log a LEFT JOIN admins ad ON a.actor_role = 'admin' AND ad.id = a.actor_id`

func scanAudit(row interface{ Scan(...any) error }) (model.AuditEntry, error) {
	var e model.AuditEntry
	var at, before, after string
	if err := row.Scan(&e.ID, &at, &e.ActorRole, &e.ActorID, &e.ActorName, &e.Table, &e.RowID, &e.Action, &before, &after); err != nil {
		return e, err
	}
	e.At = parseTime(at)
	if before != "" {
		if err := json.Unmarshal([]byte(before), &e.Before); err != nil {
			return e, err
		}
	}
	if after != "" {
		if err := json.Unmarshal([]byte(after), &e.After); err != nil {
			return e, err
		}
	}
	return e, nil
}

// AuditLog returns one page of the audit log, newest first, and how many
// entries the filter selects in all.
func (s *Store) AuditLog(ctx context.Context, f model.AuditFilter, r AuditRange) ([]model.AuditEntry, int, error) {
	f.Normalize()
	if err := f.Validate(); err != nil {
		return nil, 0, err
	}
	where, args := auditWhere(f, r)
	var total int
	if err := s.read.QueryRowContext(ctx, `SELECT COUNT(*)`+auditFrom+where, args...).Scan(&total); err != nil {
		return nil, 0, err
	}
	rows, err := s.read.QueryContext(ctx, `SELECT `+auditColumns+auditFrom+where+` ORDER BY a.id DESC LIMIT ? OFFSET ?`,
		append(args, AuditPageSize, (f.Page-1)*AuditPageSize)...)
	if err != nil {
		return nil, 0, err
	}
	defer rows.Close()
	var out []model.AuditEntry
	for rows.Next() {
		e, err := scanAudit(rows)
		if err != nil {
			return nil, 0, err
		}
		out = append(out, e)
	}
	return out, total, rows.Err()
}

// EachAudit calls fn for every entry the filter selects, oldest first
// (the CSV export streams them without holding the log in memory).
func (s *Store) EachAudit(ctx context.Context, f model.AuditFilter, r AuditRange, fn func(model.AuditEntry) error) error {
	f.Normalize()
	if err := f.Validate(); err != nil {
		return err
	}
	where, args := auditWhere(f, r)
	rows, err := s.read.QueryContext(ctx, `SELECT `+auditColumns+auditFrom+where+` ORDER BY a.id`, args...)
	if err != nil {
		return err
	}
	defer rows.Close()
	for rows.Next() {
		e, err := scanAudit(rows)
		if err != nil {
			return err
		}
		if err := fn(e); err != nil {
			return err
		}
	}
	return rows.Err()
}

// AuditLoggedTables lists the table names that appear in the audit log (for the filter).
func (s *Store) AuditLoggedTables(ctx context.Context) ([]string, error) {
	rows, err := s.read.QueryContext(ctx, `SELECT DISTINCT table_name FROM audit_log WHERE table_name <> '' ORDER BY table_name`)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []string
	for rows.Next() {
		var n string
		if err := rows.Scan(&n); err != nil {
			return nil, err
		}
		out = append(out, n)
	}
	return out, rows.Err()
}

// RecordAuditEvent logs something that is not a change of a row but matters
// for the protection of the data, such as a backup being downloaded or the
// audit log being exported. The author comes from ctx.
func (s *Store) RecordAuditEvent(ctx context.Context, action string, detail map[string]any) error {
	a := ActorFrom(ctx)
	var after sql.NullString
	if detail != nil {
		b, err := json.Marshal(detail)
		if err != nil {
			return err
		}
		after = sql.NullString{String: string(b), Valid: true}
	}
	return s.Write(ctx, func(tx *Tx) error {
		_, err := tx.Exec(`INSERT INTO audit_log(at, actor_role, actor_id, action, after) VALUES (?,?,?,?,?)`,
			s.nowText(), a.Role, a.ID, action, after)
		return err
	})
}
