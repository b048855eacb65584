package store

import (
	"context"

	"github.com/minka-gob/minka/internal/model"
)

// codeColumns maps each table role to the column of its join code.
var codeColumns = map[string]string{
	model.RoleFacilitator: "facilitator_code",
	model.RoleRapporteur:  "rapporteur_code",
	model.RoleParticipant: "participant_code",
}

// RegenerateTableCode gives a table a new join code for role (facilitator,
// rapporteur or participant) and ends every session opened with the old one:
// a lost or leaked code stops working at once. It returns the new code.
func (s *Store) RegenerateTableCode(ctx context.Context, tableID, role string) (string, error) {
	col, ok := codeColumns[role]
	if !ok {
		return "", model.Invalid(model.FieldErrors{"role": {Key: "validation.choice"}})
	}
	code := NewJoinCode()
	err := s.Write(ctx, func(tx *Tx) error {
		res, err := tx.Exec(`UPDATE workshop_tables SET `+col+` = ?, updated_at = ? WHERE id = ?`, code, s.nowText(), tableID)
		if err != nil {
			return err
		}
		if err := mustAffect(res); err != nil {
			return model.NotFound("error.table_not_found")
		}
		// Session() already refuses a session whose code is no longer current;
		// deleting them keeps the sessions table small and the intent plain.
		_, err = tx.Exec(`DELETE FROM sessions WHERE table_id = ? AND role = ?`, tableID, role)
		return err
	})
	if err != nil {
		return "", err
	}
	return code, nil
}
