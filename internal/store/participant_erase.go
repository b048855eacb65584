package store

import (
	"context"
	"database/sql"
	"errors"
	"strings"

	"github.com/minka-gob/minka/internal/model"
)

// PersonalColumns are the columns of each table that identify or contact a
// person. Erasing a person blanks them in the row and replaces them with
// Erased in every audit log entry of that row, so that the log does not
// become a copy of the deleted data. A table that stores more personal data
// about a participant adds its columns here.
var PersonalColumns = map[string][]string{
	"participants": {"name", "organization", "email", "phone"},
}

// Erased replaces an erased person's data in the audit log.
const Erased = "[erased]"

// EraseParticipant deletes a participant's personal data on request while
// keeping the anonymous counts. The personal columns (PersonalColumns) are
// blanked, and so is every other column of the row that holds a copy of
// them — found from the schema and the row, not from a list: today the
// search text and the duplicate key, which thus no longer refuse the same
// person registering again. erased_at is set; gender, sector, workshop,
// table, consent date and check-in stay. The change is audited (who erased
// whom, when), and every value of those columns is replaced by Erased in
// every audit entry of the participant, including the one recording this
// change. SQLite overwrites the freed bytes (secure_delete) and the
// write-ahead log is checkpointed and truncated, so the database file and
// its WAL keep no copy. Erasing twice is harmless.
func (s *Store) EraseParticipant(ctx context.Context, id string) error {
	if !model.IsUUID(id) {
		return model.NotFound("security.participant_not_found")
	}
	err := s.Write(ctx, func(tx *Tx) error {
		var erased sql.NullString
		err := tx.QueryRow(`SELECT erased_at FROM participants WHERE id = ?`, id).Scan(&erased)
		if errors.Is(err, sql.ErrNoRows) {
			return model.NotFound("security.participant_not_found")
		}
		if err != nil {
			return err
		}
		cols, err := personalOf(tx, "participants", id)
		if err != nil {
			return err
		}
		// The connection runs with secure_delete=FAST, which may leave freed
		// overflow pages (long audit entries) unwiped: wipe everything while
		// erasing.
		if _, err := tx.Exec(`PRAGMA secure_delete = ON`); err != nil {
			return err
		}
		defer tx.Exec(`PRAGMA secure_delete = FAST`)
		if !erased.Valid {
			var set []string
			for _, c := range cols {
				set = append(set, c.blank())
			}
			if _, err := tx.Exec(`UPDATE participants SET `+strings.Join(set, ", ")+`, erased_at = ? WHERE id = ?`,
				s.nowText(), id); err != nil {
				return err
			}
		}
		names := make([]string, len(cols))
		for i, c := range cols {
			names[i] = c.name
		}
		return purgeAudit(tx, "participants", id, names)
	})
	if err != nil {
		return err
	}
	// Push the old page images out of the write-ahead log into the (securely
	// overwritten) database file and truncate the log. Best effort: busy
	// readers may delay it to the next automatic checkpoint.
	_, _ = s.write.ExecContext(ctx, `PRAGMA wal_checkpoint(TRUNCATE)`)
	return nil
}

// column is one column of a table as the schema declares it.
type column struct {
	name    string
	notNull bool
}

// blank is the SQL assignment that empties the column.
func (c column) blank() string {
	if c.notNull {
		return c.name + ` = ''`
	}
	return c.name + ` = NULL`
}

// personalOf lists the columns of table's row id that hold personal data:
// the table's PersonalColumns, and every other text column (read from the
// schema; identifiers and timestamps aside) whose value in the row contains
// one of their values, as typed or folded (search text, duplicate keys and
// whatever is derived from them later).
func personalOf(tx *Tx, table, id string) ([]column, error) {
	personal := map[string]bool{}
	for _, c := range PersonalColumns[table] {
		personal[c] = true
	}
	rows, err := tx.Query(`SELECT name, type, "notnull" FROM pragma_table_info(?)`, table)
	if err != nil {
		return nil, err
	}
	var all []column
	for rows.Next() {
		var c column
		var typ string
		if err := rows.Scan(&c.name, &typ, &c.notNull); err != nil {
			rows.Close()
			return nil, err
		}
		if strings.EqualFold(typ, "TEXT") {
			all = append(all, c)
		}
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return nil, err
	}
	// The row's text values, read column by column (names come from the schema).
	values := map[string]string{}
	for _, c := range all {
		var v sql.NullString
		if err := tx.QueryRow(`SELECT "`+c.name+`" FROM "`+table+`" WHERE id = ?`, id).Scan(&v); err != nil {
			return nil, err
		}
		values[c.name] = v.String
	}
	var seeds []string
	for c := range personal {
		seeds = append(seeds, personalSeeds(values[c])...)
	}
	var out []column
	for _, c := range all {
		// Identifiers and timestamps are never copies of what a person typed.
		derivable := c.name != "id" && !strings.HasSuffix(c.name, "_id") && !strings.HasSuffix(c.name, "_at")
		if personal[c.name] || (derivable && containsAny(values[c.name], seeds)) {
			out = append(out, c)
		}
	}
	return out, nil
}

// personalSeeds are the forms in which a typed value may be copied: as
// typed (lower-case), folded (no accents) and, for a phone number, its
// digits. Values shorter than four
// characters are left out: they could match by chance.
func personalSeeds(v string) []string {
	v = strings.TrimSpace(v)
	if len([]rune(v)) < 4 {
		return nil
	}
	seeds := []string{strings.ToLower(v), model.Fold(v)}
	var digits strings.Builder
	for _, r := range v {
		if r >= '0' && r <= '9' {
			digits.WriteRune(r)
		}
	}
	if digits.Len() >= 6 { // a phone number, kept as its digits
		seeds = append(seeds, digits.String())
	}
	return seeds
}

func containsAny(v string, seeds []string) bool {
	if v == "" {
		return false
	}
	lv, fv := strings.ToLower(v), model.Fold(v)
	for _, s := range seeds {
		if strings.Contains(lv, s) || strings.Contains(fv, s) {
			return true
		}
	}
	return false
}

// purgeAudit replaces the columns cols of table's row id in its audit entries.
func purgeAudit(tx *Tx, table, id string, cols []string) error {
	if len(cols) == 0 {
		return nil
	}
	var paths []string
	var args []any
	for _, c := range cols {
		paths = append(paths, "?, ?")
		args = append(args, "$."+c, Erased)
	}
	set := strings.Join(paths, ", ")
	// json_replace only replaces keys that exist: inserts have no "before", deletes no "after".
	q := `UPDATE audit_log SET before = json_replace(before, ` + set + `), after = json_replace(after, ` + set + `)
		WHERE table_name = ? AND row_id = ?`
	all := append(append(append([]any{}, args...), args...), table, id)
	_, err := tx.Exec(q, all...)
	return err
}
