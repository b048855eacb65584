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
// keeping the anonymous counts: name, organization, e-mail and phone are
// blanked and erased_at is set; gender, sector, workshop, table, consent date
// and check-in stay. The change is audited (who erased whom, when), and the
// erased values are purged from every audit entry of the participant,
// including the one recording this change. Erasing twice is harmless.
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
		if !erased.Valid {
			if _, err := tx.Exec(`UPDATE participants SET name = '', organization = '', email = '', phone = '', erased_at = ? WHERE id = ?`,
				s.nowText(), id); err != nil {
				return err
			}
		}
		return purgeAudit(tx, "participants", id)
	})
	if err != nil {
		return err
	}
	// Push the old page images out of the write-ahead log into the (securely
	// overwritten) database file. Best effort: busy readers may delay it to
	// the next automatic checkpoint.
	_, _ = s.write.ExecContext(ctx, `PRAGMA wal_checkpoint(TRUNCATE)`)
	return nil
}

// purgeAudit replaces the personal columns of table's row id in its audit entries.
func purgeAudit(tx *Tx, table, id string) error {
	cols := PersonalColumns[table]
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
