package store

import (
	"context"
	"fmt"
	"sort"
	"strings"
)

// The audit log is written by SQLite triggers, one AFTER INSERT, UPDATE and
// DELETE trigger per table, generated from the schema at every start (after
// the migrations). A table added by any later migration is therefore audited
// without anyone writing audit code for it, and a column added to a table is
// picked up at the next start because the trigger's text changes.
//
// The author of each change comes from the single row of audit_context,
// which the writer fills from the write's context (WithActor) inside each
// write's savepoint.

// auditExcluded are the tables whose changes are not audited: the log itself,
// the writer's context row, the migrations' bookkeeping, and sessions (a new
// row at every login and table join, holding token hashes). Add high-volume
// technical logs here (e.g. a websocket event log that only replays what is
// already audited in its own table).
var auditExcluded = map[string]bool{
	"audit_log":         true,
	"audit_context":     true,
	"schema_migrations": true,
	"sessions":          true,
	"live_events":       true, // replays changes already audited in their own tables
}

// secretColumns are never written to the audit log: password hashes, tokens
// and the table join codes (a code in an exported log would let its reader
// join the table). A change of a secret column shows as "[changed]".
var secretColumns = map[string]bool{
	"password":         true,
	"password_hash":    true,
	"token":            true,
	"token_hash":       true,
	"secret":           true,
	"join_code":        true,
	"facilitator_code": true,
	"rapporteur_code":  true,
	"participant_code": true,
	"screen_code":      true,
}

// secretSuffixes extend secretColumns to every column named like a secret.
var secretSuffixes = []string{"_hash", "_token", "_secret", "_password"}

// IsSecretColumn reports whether the audit log leaves column out.
func IsSecretColumn(column string) bool {
	if secretColumns[column] {
		return true
	}
	for _, s := range secretSuffixes {
		if strings.HasSuffix(column, s) {
			return true
		}
	}
	return false
}

// Redacted stands for a secret column's value in the audit log; Changed says
// that a secret column changed, without its value.
const (
	Redacted = "[redacted]"
	Changed  = "[changed]"
)

// auditTriggerPrefix starts the name of every generated trigger.
const auditTriggerPrefix = "audit_"

// auditedTable is a table and the columns the triggers record.
type auditedTable struct {
	name    string
	columns []string
	pk      []string
}

// auditedTables reads the schema: every ordinary table not excluded.
func auditedTables(ctx context.Context, q querier) ([]auditedTable, error) {
	rows, err := q.QueryContext(ctx, `SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite\_%' ESCAPE '\' ORDER BY name`)
	if err != nil {
		return nil, err
	}
	var names []string
	for rows.Next() {
		var n string
		if err := rows.Scan(&n); err != nil {
			rows.Close()
			return nil, err
		}
		if !auditExcluded[n] {
			names = append(names, n)
		}
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return nil, err
	}
	var out []auditedTable
	for _, n := range names {
		t := auditedTable{name: n}
		cols, err := q.QueryContext(ctx, `SELECT name, pk FROM pragma_table_info(?) ORDER BY cid`, n)
		if err != nil {
			return nil, err
		}
		type pkCol struct {
			name string
			pos  int
		}
		var pks []pkCol
		for cols.Next() {
			var c string
			var pk int
			if err := cols.Scan(&c, &pk); err != nil {
				cols.Close()
				return nil, err
			}
			t.columns = append(t.columns, c)
			if pk > 0 {
				pks = append(pks, pkCol{c, pk})
			}
		}
		cols.Close()
		if err := cols.Err(); err != nil {
			return nil, err
		}
		sort.Slice(pks, func(i, j int) bool { return pks[i].pos < pks[j].pos })
		for _, p := range pks {
			t.pk = append(t.pk, p.name)
		}
		out = append(out, t)
	}
	return out, nil
}

// maxAuditColumns keeps json_object under SQLite's limit on function arguments.
const maxAuditColumns = 60

func quoteIdent(s string) string { return `"` + strings.ReplaceAll(s, `"`, `""`) + `"` }

func quoteText(s string) string { return `'` + strings.ReplaceAll(s, `'`, `''`) + `'` }

// rowJSON is the json_object(...) of a row (OLD or NEW); secret columns are
// left as Redacted, or Changed in the NEW row of an update that changed them.
func (t auditedTable) rowJSON(ref string, update bool) string {
	var b strings.Builder
	b.WriteString("json_object(")
	for i, c := range t.columns {
		if i > 0 {
			b.WriteString(", ")
		}
		b.WriteString(quoteText(c))
		b.WriteString(", ")
		switch {
		case IsSecretColumn(c) && update && ref == "NEW":
			fmt.Fprintf(&b, "CASE WHEN OLD.%[1]s IS NOT NEW.%[1]s THEN '%[2]s' ELSE '%[3]s' END", quoteIdent(c), Changed, Redacted)
		case IsSecretColumn(c):
			fmt.Fprintf(&b, "'%s'", Redacted)
		default:
			b.WriteString(ref + "." + quoteIdent(c))
		}
	}
	b.WriteString(")")
	return b.String()
}

// rowID is the text identifying the changed row: its primary key (columns
// joined by "|"), or the rowid of a table without one.
func (t auditedTable) rowID(ref string) string {
	if len(t.pk) == 0 {
		return "CAST(" + ref + ".rowid AS TEXT)"
	}
	parts := make([]string, len(t.pk))
	for i, c := range t.pk {
		parts[i] = "COALESCE(CAST(" + ref + "." + quoteIdent(c) + " AS TEXT), '')"
	}
	return strings.Join(parts, " || '|' || ")
}

// auditInsert is the trigger body's INSERT INTO audit_log.
func (t auditedTable) auditInsert(action, rowRef, before, after string) string {
	return "INSERT INTO audit_log(at, actor_role, actor_id, table_name, row_id, action, before, after) VALUES (" +
		"strftime('%Y-%m-%dT%H:%M:%fZ', 'now'), " +
		"COALESCE((SELECT role FROM audit_context WHERE id = 1), ''), " +
		"COALESCE((SELECT actor_id FROM audit_context WHERE id = 1), ''), " +
		quoteText(t.name) + ", " + t.rowID(rowRef) + ", '" + action + "', " + before + ", " + after + ");"
}

// triggers returns the CREATE TRIGGER statements of t by trigger name.
func (t auditedTable) triggers() map[string]string {
	table := quoteIdent(t.name)
	name := func(action string) string { return auditTriggerPrefix + t.name + "_" + action }
	var changed []string
	for _, c := range t.columns {
		changed = append(changed, "OLD."+quoteIdent(c)+" IS NOT NEW."+quoteIdent(c))
	}
	return map[string]string{
		name("insert"): "CREATE TRIGGER " + quoteIdent(name("insert")) + " AFTER INSERT ON " + table + " BEGIN " +
			t.auditInsert("insert", "NEW", "NULL", t.rowJSON("NEW", false)) + " END",
		name("update"): "CREATE TRIGGER " + quoteIdent(name("update")) + " AFTER UPDATE ON " + table +
			" WHEN " + strings.Join(changed, " OR ") + " BEGIN " +
			t.auditInsert("update", "NEW", t.rowJSON("OLD", true), t.rowJSON("NEW", true)) + " END",
		name("delete"): "CREATE TRIGGER " + quoteIdent(name("delete")) + " AFTER DELETE ON " + table + " BEGIN " +
			t.auditInsert("delete", "OLD", t.rowJSON("OLD", false), "NULL") + " END",
	}
}

// hasAuditLog reports whether the audit migration is applied.
func hasAuditLog(ctx context.Context, q querier) (bool, error) {
	rows, err := q.QueryContext(ctx, `SELECT 1 FROM sqlite_master WHERE type = 'table' AND name IN ('audit_log', 'audit_context')`)
	if err != nil {
		return false, err
	}
	defer rows.Close()
	n := 0
	for rows.Next() {
		n++
	}
	return n == 2, rows.Err()
}

// existingAuditTriggers maps each generated trigger's name to its SQL.
func existingAuditTriggers(ctx context.Context, q querier) (map[string]string, error) {
	rows, err := q.QueryContext(ctx, `SELECT name, sql FROM sqlite_master WHERE type = 'trigger' AND name LIKE 'audit\_%' ESCAPE '\'`)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	out := map[string]string{}
	for rows.Next() {
		var n, s string
		if err := rows.Scan(&n, &s); err != nil {
			return nil, err
		}
		out[n] = s
	}
	return out, rows.Err()
}

// syncAuditTriggers makes the audit triggers match the schema: it creates the
// missing ones, replaces those whose table changed and drops those of
// excluded tables, in one transaction. It does nothing before the audit
// migration is applied.
func (s *Store) syncAuditTriggers(ctx context.Context) error {
	ok, err := hasAuditLog(ctx, s.write)
	if err != nil || !ok {
		return err
	}
	tx, err := s.write.BeginTx(ctx, nil)
	if err != nil {
		return err
	}
	defer tx.Rollback()
	tables, err := auditedTables(ctx, tx)
	if err != nil {
		return err
	}
	want := map[string]string{}
	for _, t := range tables {
		if len(t.columns) > maxAuditColumns {
			return fmt.Errorf("store: audit: table %s has %d columns, more than the %d the audit triggers handle", t.name, len(t.columns), maxAuditColumns)
		}
		for n, q := range t.triggers() {
			want[n] = q
		}
	}
	have, err := existingAuditTriggers(ctx, tx)
	if err != nil {
		return err
	}
	changed := false
	for n, q := range have {
		if want[n] != q {
			if _, err := tx.ExecContext(ctx, "DROP TRIGGER "+quoteIdent(n)); err != nil {
				return fmt.Errorf("store: audit: drop trigger %s: %w", n, err)
			}
			changed = true
		}
	}
	for n, q := range want {
		if have[n] == q {
			continue
		}
		if _, err := tx.ExecContext(ctx, q); err != nil {
			return fmt.Errorf("store: audit: create trigger %s: %w", n, err)
		}
		changed = true
	}
	if !changed {
		return nil
	}
	return tx.Commit()
}

// dropAuditTriggers removes every generated trigger before migrations run:
// a migration may drop or rename a column a trigger names (SQLite refuses
// that), and the data a migration moves is not a user's change.
// syncAuditTriggers recreates them afterwards.
func (s *Store) dropAuditTriggers(ctx context.Context) error {
	have, err := existingAuditTriggers(ctx, s.write)
	if err != nil {
		return err
	}
	for n := range have {
		if _, err := s.write.ExecContext(ctx, "DROP TRIGGER "+quoteIdent(n)); err != nil {
			return fmt.Errorf("store: audit: drop trigger %s: %w", n, err)
		}
	}
	return nil
}

// AuditCoverage lists, for the tests and the health of a deployment, every
// table that is neither excluded nor fully covered: a table missing one of
// its three triggers, or whose triggers do not record its current columns.
func (s *Store) AuditCoverage(ctx context.Context) (missing []string, err error) {
	tables, err := auditedTables(ctx, s.read)
	if err != nil {
		return nil, err
	}
	have, err := existingAuditTriggers(ctx, s.read)
	if err != nil {
		return nil, err
	}
	for _, t := range tables {
		for n, q := range t.triggers() {
			if have[n] != q {
				missing = append(missing, t.name)
				break
			}
		}
	}
	sort.Strings(missing)
	return missing, nil
}

// AuditedTables names the tables whose changes the audit log records.
func (s *Store) AuditedTables(ctx context.Context) ([]string, error) {
	tables, err := auditedTables(ctx, s.read)
	if err != nil {
		return nil, err
	}
	names := make([]string, len(tables))
	for i, t := range tables {
		names[i] = t.name
	}
	return names, nil
}
