package store

import (
	"context"
	"crypto/sha256"
	"database/sql"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"sort"
	"strings"

	"github.com/minka-gob/minka/internal/model"
)

// Moving a workshop between a field laptop and the national instance
// (docs/FIELD.md). Records travel as rows: a table's column names and its
// values, keyed by their UUIDs (or natural key), so bringing them back twice
// changes nothing. Only the tables listed here travel, only the rows of one
// workshop, and every row a field laptop sends is checked to belong to the
// workshop it may write.

// FieldRows is some rows of one table, as column names and values (string,
// int64, float64 or nil, in column order).
type FieldRows struct {
	Table string   `json:"table"`
	Cols  []string `json:"cols"`
	Rows  [][]any  `json:"rows"`
}

// FieldTemplateTables are the process template a field laptop copies at
// pull. The national instance owns them: they never travel back.
var FieldTemplateTables = []string{"process", "principles", "criteria", "problems", "user_profiles", "phase_guides"}

// FieldWorkshopTables are a workshop's records, in the order they can be
// written (a row's references come before it).
var FieldWorkshopTables = []string{"workshops", "workshop_tables", "participants", "table_timers",
	"profile_notes", "user_stories", "ideas", "idea_ratings", "prototypes", "feedback",
	"survey_answers", "after_action_reviews", "live_events"}

const fieldTablesOf = `(SELECT id FROM workshop_tables WHERE workshop_id = ?1)`

// fieldScope selects a workshop's rows of each workshop table (?1 is the workshop id).
var fieldScope = map[string]string{
	"workshops":            `id = ?1`,
	"workshop_tables":      `workshop_id = ?1`,
	"participants":         `workshop_id = ?1`,
	"table_timers":         `table_id IN ` + fieldTablesOf,
	"profile_notes":        `table_id IN ` + fieldTablesOf,
	"user_stories":         `table_id IN ` + fieldTablesOf,
	"ideas":                `table_id IN ` + fieldTablesOf,
	"idea_ratings":         `idea_id IN (SELECT id FROM ideas WHERE table_id IN ` + fieldTablesOf + `)`,
	"prototypes":           `table_id IN ` + fieldTablesOf,
	"feedback":             `prototype_id IN (SELECT id FROM prototypes WHERE table_id IN ` + fieldTablesOf + `)`,
	"survey_answers":       `workshop_id = ?1`,
	"after_action_reviews": `workshop_id = ?1`,
	"live_events":          `(room = 'workshop:' || ?1 OR room IN (SELECT 'table:' || id FROM workshop_tables WHERE workshop_id = ?1))`,
}

// fieldKeys are the columns that name a row, when not just "id".
var fieldKeys = map[string][]string{
	"principles":           {"code"},
	"phase_guides":         {"phase"},
	"table_timers":         {"table_id"},
	"after_action_reviews": {"workshop_id"},
	"live_events":          {"room", "seq"},
}

func fieldKey(table string) []string {
	if k, ok := fieldKeys[table]; ok {
		return k
	}
	return []string{"id"}
}

func isFieldTable(table string, tables []string) bool {
	for _, t := range tables {
		if t == table {
			return true
		}
	}
	return false
}

// ReadFieldTemplate returns the process template (every row of FieldTemplateTables).
func (s *Store) ReadFieldTemplate(ctx context.Context) ([]FieldRows, error) {
	return s.readField(ctx, FieldTemplateTables, "")
}

// ReadFieldWorkshop returns every row of one workshop's records, in
// FieldWorkshopTables order, each table in recording order, read in one
// transaction (a consistent picture).
func (s *Store) ReadFieldWorkshop(ctx context.Context, workshopID string) ([]FieldRows, error) {
	return s.readField(ctx, FieldWorkshopTables, workshopID)
}

func (s *Store) readField(ctx context.Context, tables []string, workshopID string) ([]FieldRows, error) {
	tx, err := s.read.BeginTx(ctx, &sql.TxOptions{ReadOnly: true})
	if err != nil {
		return nil, err
	}
	defer tx.Rollback()
	out := make([]FieldRows, 0, len(tables))
	for _, t := range tables {
		q := `SELECT * FROM ` + t
		var args []any
		if workshopID != "" {
			q += ` WHERE ` + fieldScope[t]
			args = append(args, workshopID)
		}
		// In recording order (rowid): the receiving side then records them in
		// the same order, so lists that break ties of equal timestamps by
		// rowid list them alike on both sides.
		order := "rowid"
		if t == "live_events" {
			order = "room, seq" // WITHOUT ROWID
		}
		q += ` ORDER BY ` + order
		fr, err := queryFieldRows(ctx, tx, t, q, args...)
		if err != nil {
			return nil, err
		}
		out = append(out, fr)
	}
	return out, nil
}

func queryFieldRows(ctx context.Context, q querier, table, query string, args ...any) (FieldRows, error) {
	fr := FieldRows{Table: table, Rows: [][]any{}}
	rows, err := q.QueryContext(ctx, query, args...)
	if err != nil {
		return fr, fmt.Errorf("store: read %s: %w", table, err)
	}
	defer rows.Close()
	if fr.Cols, err = rows.Columns(); err != nil {
		return fr, err
	}
	for rows.Next() {
		vals := make([]any, len(fr.Cols))
		ptrs := make([]any, len(vals))
		for i := range vals {
			ptrs[i] = &vals[i]
		}
		if err := rows.Scan(ptrs...); err != nil {
			return fr, err
		}
		for i, v := range vals {
			if b, ok := v.([]byte); ok {
				vals[i] = string(b)
			}
		}
		fr.Rows = append(fr.Rows, vals)
	}
	return fr, rows.Err()
}

// FieldRowHash is the digest of one row: its table, columns and values in a
// canonical JSON form. Both sides compute it over what they hold, so equal
// hashes mean the national instance stores exactly what the laptop sent.
func FieldRowHash(table string, cols []string, row []any) string {
	b, _ := json.Marshal([]any{table, cols, row})
	sum := sha256.Sum256(b)
	return hex.EncodeToString(sum[:16])
}

// FieldKeyOf is the key of a row as one string (key values joined by a tab).
func FieldKeyOf(table string, cols []string, row []any) (string, error) {
	var vals []any
	for _, k := range fieldKey(table) {
		i := indexOf(cols, k)
		if i < 0 || i >= len(row) {
			return "", model.InvalidMsg("field.error.bad_rows", table)
		}
		vals = append(vals, row[i])
	}
	return keyString(vals), nil
}

func keyString(vals []any) string {
	parts := make([]string, len(vals))
	for i, v := range vals {
		parts[i] = fmt.Sprint(v)
	}
	return strings.Join(parts, "\t")
}

func indexOf(list []string, s string) int {
	for i, x := range list {
		if x == s {
			return i
		}
	}
	return -1
}

// sqlColumnsOf returns the columns of a table in this database.
func sqlColumnsOf(q querier, table string) (map[string]bool, error) {
	return stringSet(context.Background(), q, `SELECT name FROM pragma_table_info(?)`, table)
}

// checkFieldRows refuses rows of a table that does not travel, unknown or
// repeated columns, a missing key and rows of the wrong width.
func checkFieldRows(tx *Tx, fr FieldRows, tables []string) error {
	bad := model.InvalidMsg("field.error.bad_rows", fr.Table)
	if !isFieldTable(fr.Table, tables) {
		return bad
	}
	have, err := sqlColumnsOf(tx, fr.Table)
	if err != nil {
		return err
	}
	seen := map[string]bool{}
	for _, c := range fr.Cols {
		if !have[c] || seen[c] {
			return bad
		}
		seen[c] = true
	}
	for _, k := range fieldKey(fr.Table) {
		if !seen[k] {
			return bad
		}
	}
	for _, r := range fr.Rows {
		if len(r) != len(fr.Cols) {
			return bad
		}
		for _, v := range r {
			switch v.(type) {
			case nil, string, int64, float64:
			default:
				return bad
			}
		}
	}
	return nil
}

// fieldKeyMatch is an SQL condition matching the rows of fr by key, and its arguments.
func fieldKeyMatch(fr FieldRows, rows [][]any) (string, []any) {
	key := fieldKey(fr.Table)
	idx := make([]int, len(key))
	for i, k := range key {
		idx[i] = indexOf(fr.Cols, k)
	}
	var b strings.Builder
	args := make([]any, 0, len(rows)*len(key))
	b.WriteString("(" + strings.Join(key, ", ") + ") IN (VALUES ")
	for n, r := range rows {
		if n > 0 {
			b.WriteString(", ")
		}
		b.WriteString("(" + strings.TrimSuffix(strings.Repeat("?, ", len(key)), ", ") + ")")
		for _, i := range idx {
			args = append(args, r[i])
		}
	}
	b.WriteString(")")
	return b.String(), args
}

// fieldChunk bounds the rows of one statement (SQLite's parameter limit).
const fieldChunk = 200

// applyFieldRows writes rows into their table: new rows are inserted,
// existing rows take the sent values, identical rows are left untouched (no
// write, no audit entry). With a workshop id, every row must belong to that
// workshop before and after the write, or nothing of the batch is kept.
func (s *Store) applyFieldRows(tx *Tx, fr FieldRows, tables []string, workshopID string) error {
	if err := checkFieldRows(tx, fr, tables); err != nil {
		return err
	}
	if len(fr.Rows) == 0 {
		return nil
	}
	key := fieldKey(fr.Table)
	var sets, differs []string
	for _, c := range fr.Cols {
		if indexOf(key, c) >= 0 {
			continue
		}
		sets = append(sets, c+" = excluded."+c)
		differs = append(differs, fr.Table+"."+c+" IS NOT excluded."+c)
	}
	conflict := " DO NOTHING"
	if len(sets) > 0 {
		where := strings.Join(differs, " OR ")
		if fr.Table == "participants" {
			// A person erased on the national instance stays erased.
			where = "participants.erased_at IS NULL AND (" + where + ")"
		}
		conflict = " DO UPDATE SET " + strings.Join(sets, ", ") + " WHERE " + where
	}
	insert := `INSERT INTO ` + fr.Table + ` (` + strings.Join(fr.Cols, ", ") + `) VALUES (` +
		strings.TrimSuffix(strings.Repeat("?, ", len(fr.Cols)), ", ") + `) ON CONFLICT (` + strings.Join(key, ", ") + `)` + conflict
	stmt, err := tx.Prepare(insert)
	if err != nil {
		return err
	}
	defer stmt.Close()
	for start := 0; start < len(fr.Rows); start += fieldChunk {
		chunk := fr.Rows[min(start, len(fr.Rows)):min(start+fieldChunk, len(fr.Rows))]
		match, args := fieldKeyMatch(fr, chunk)
		if workshopID != "" {
			// Rows already here must be this workshop's: a laptop cannot take over another's records.
			var foreign int
			if err := tx.QueryRow(`SELECT COUNT(*) FROM `+fr.Table+` WHERE `+match+` AND NOT (`+
				strings.ReplaceAll(fieldScope[fr.Table], "?1", "?")+`)`, append(args, workshopIDArgs(fr.Table, workshopID)...)...).Scan(&foreign); err != nil {
				return err
			}
			if foreign > 0 {
				return model.Forbidden("field.error.foreign_rows")
			}
		}
		for _, r := range chunk {
			if err := validateFieldRow(fr.Table, fr.Cols, r); err != nil {
				return err
			}
			if fr.Table == "participants" {
				if err := mergeFieldParticipant(tx, fr.Cols, r); err != nil {
					return err
				}
			}
			if _, err := stmt.Exec(r...); err != nil {
				return fieldWriteError(fr.Table, err)
			}
		}
		if workshopID != "" {
			var in int
			if err := tx.QueryRow(`SELECT COUNT(*) FROM `+fr.Table+` WHERE `+match+` AND (`+
				strings.ReplaceAll(fieldScope[fr.Table], "?1", "?")+`)`, append(args, workshopIDArgs(fr.Table, workshopID)...)...).Scan(&in); err != nil {
				return err
			}
			if in != len(chunk) {
				return model.Forbidden("field.error.foreign_rows")
			}
		}
	}
	return nil
}

// workshopIDArgs repeats the workshop id once per "?1" of the table's scope
// (rewritten to plain "?" after the key arguments).
func workshopIDArgs(table, workshopID string) []any {
	n := strings.Count(fieldScope[table], "?1")
	args := make([]any, n)
	for i := range args {
		args[i] = workshopID
	}
	return args
}

// mergeFieldParticipant resolves a person registered twice while the
// workshop was in the field: on the national instance (online form) and at
// the venue. The laptop's record (with the check-in and the seat) is kept;
// the national copy, which nothing can reference while the workshop is in
// the field, is removed, and its contact fills what the laptop's lacks.
func mergeFieldParticipant(tx *Tx, cols []string, r []any) error {
	iID, iW, iK := indexOf(cols, "id"), indexOf(cols, "workshop_id"), indexOf(cols, "dedupe_key")
	if iID < 0 || iW < 0 || iK < 0 || r[iK] == nil {
		return nil
	}
	var other, email, phone, org string
	err := tx.QueryRow(`SELECT id, email, phone, organization FROM participants WHERE workshop_id = ? AND dedupe_key = ? AND id <> ?`,
		r[iW], r[iK], r[iID]).Scan(&other, &email, &phone, &org)
	if errors.Is(err, sql.ErrNoRows) {
		return nil
	}
	if err != nil {
		return err
	}
	for col, v := range map[string]string{"email": email, "phone": phone, "organization": org} {
		if i := indexOf(cols, col); i >= 0 && (r[i] == nil || r[i] == "") && v != "" {
			r[i] = v
		}
	}
	_, err = tx.Exec(`DELETE FROM participants WHERE id = ?`, other)
	return err
}

func fieldWriteError(table string, err error) error {
	msg := err.Error()
	if strings.Contains(msg, "constraint failed") {
		return model.InvalidMsg("field.error.rows_refused", table)
	}
	return err
}

// FieldRowHashes returns, for the rows of table named by keys (as
// FieldKeyOf gives them), the hash of each over cols as this database holds
// it. Rows not found are absent from the map.
func fieldRowHashes(ctx context.Context, q querier, table string, cols []string, keys [][]any) (map[string]string, error) {
	out := make(map[string]string, len(keys))
	for start := 0; start < len(keys); start += fieldChunk {
		chunk := keys[start:min(start+fieldChunk, len(keys))]
		fr := FieldRows{Table: table, Cols: fieldKey(table)}
		match, args := fieldKeyMatch(fr, chunk)
		got, err := queryFieldRows(ctx, q, table, `SELECT `+strings.Join(cols, ", ")+` FROM `+table+` WHERE `+match, args...)
		if err != nil {
			return nil, err
		}
		for _, r := range got.Rows {
			k, err := FieldKeyOf(table, cols, r)
			if err != nil {
				return nil, err
			}
			out[k] = FieldRowHash(table, cols, r)
		}
	}
	return out, nil
}

// FieldManifest lists what a laptop sent: per table, its columns and each
// row's key values and hash.
type FieldManifest struct {
	Tables []FieldManifestTable `json:"tables"`
}

// FieldManifestTable is one table of a manifest.
type FieldManifestTable struct {
	Table  string   `json:"table"`
	Cols   []string `json:"cols"`
	Keys   [][]any  `json:"keys"`   // key values of each row, in fieldKey order
	Hashes []string `json:"hashes"` // FieldRowHash of each row
}

// FieldVerification compares what was sent with what is stored.
type FieldVerification struct {
	Counts    map[string]int `json:"counts"`        // rows sent, per table
	Stored    map[string]int `json:"stored"`        // of those, rows stored identically
	Kept      map[string]int `json:"kept"`          // rows the national instance kept as they were (a person erased here)
	Digest    string         `json:"digest"`        // digest of what was sent
	StoredDig string         `json:"stored_digest"` // the same over what is stored
	OK        bool           `json:"ok"`
}

// verifyField compares a manifest with the rows stored, table by table.
func verifyField(ctx context.Context, q querier, m FieldManifest) (FieldVerification, error) {
	v := FieldVerification{Counts: map[string]int{}, Stored: map[string]int{}, Kept: map[string]int{}}
	sent, stored := sha256.New(), sha256.New()
	for _, t := range m.Tables {
		if !isFieldTable(t.Table, FieldWorkshopTables) || len(t.Keys) != len(t.Hashes) {
			return v, model.InvalidMsg("field.error.bad_rows", t.Table)
		}
		have, err := sqlColumnsOf(q, t.Table)
		if err != nil {
			return v, err
		}
		for _, c := range t.Cols {
			if !have[c] {
				return v, model.InvalidMsg("field.error.bad_rows", t.Table)
			}
		}
		hashes, err := fieldRowHashes(ctx, q, t.Table, t.Cols, t.Keys)
		if err != nil {
			return v, err
		}
		var erased map[string]bool
		if t.Table == "participants" {
			erased, err = erasedParticipants(ctx, q)
			if err != nil {
				return v, err
			}
		}
		v.Counts[t.Table] += len(t.Keys)
		for i, key := range t.Keys {
			k := keyString(key)
			h := hashes[k]
			sent.Write([]byte(t.Hashes[i]))
			if h == t.Hashes[i] {
				v.Stored[t.Table]++
				stored.Write([]byte(h))
				continue
			}
			if erased[k] {
				// Erasure on the national instance wins over the laptop's copy.
				v.Kept[t.Table]++
				stored.Write([]byte(t.Hashes[i]))
				continue
			}
			stored.Write([]byte(h))
		}
	}
	v.Digest, v.StoredDig = hex.EncodeToString(sent.Sum(nil)), hex.EncodeToString(stored.Sum(nil))
	v.OK = v.Digest == v.StoredDig
	return v, nil
}

func erasedParticipants(ctx context.Context, q querier) (map[string]bool, error) {
	rows, err := q.QueryContext(ctx, `SELECT id FROM participants WHERE erased_at IS NOT NULL`)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	out := map[string]bool{}
	for rows.Next() {
		var id string
		if err := rows.Scan(&id); err != nil {
			return nil, err
		}
		out[id] = true
	}
	return out, rows.Err()
}

// ManifestOf describes rows as a manifest (what a laptop sends at the end).
func ManifestOf(tables []FieldRows) (FieldManifest, error) {
	var m FieldManifest
	for _, fr := range tables {
		key := fieldKey(fr.Table)
		mt := FieldManifestTable{Table: fr.Table, Cols: fr.Cols, Keys: make([][]any, 0, len(fr.Rows)), Hashes: make([]string, 0, len(fr.Rows))}
		for _, r := range fr.Rows {
			kv := make([]any, len(key))
			for i, k := range key {
				j := indexOf(fr.Cols, k)
				if j < 0 {
					return m, model.InvalidMsg("field.error.bad_rows", fr.Table)
				}
				kv[i] = r[j]
			}
			mt.Keys = append(mt.Keys, kv)
			mt.Hashes = append(mt.Hashes, FieldRowHash(fr.Table, fr.Cols, r))
		}
		m.Tables = append(m.Tables, mt)
	}
	sort.SliceStable(m.Tables, func(i, j int) bool {
		return indexOf(FieldWorkshopTables, m.Tables[i].Table) < indexOf(FieldWorkshopTables, m.Tables[j].Table)
	})
	return m, nil
}
