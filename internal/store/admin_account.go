package store

import (
	"context"

	"golang.org/x/crypto/bcrypt"

	"github.com/minka-gob/minka/internal/model"
)

// Admins lists the Secretariat accounts by username (never their hashes).
func (s *Store) Admins(ctx context.Context) ([]model.Admin, error) {
	rows, err := s.read.QueryContext(ctx, `SELECT id, username, created_at FROM admins ORDER BY username`)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []model.Admin
	for rows.Next() {
		var a model.Admin
		var created string
		if err := rows.Scan(&a.ID, &a.Username, &created); err != nil {
			return nil, err
		}
		a.CreatedAt = parseTime(created)
		out = append(out, a)
	}
	return out, rows.Err()
}

// AddAdmin creates another Secretariat account from the form.
func (s *Store) AddAdmin(ctx context.Context, f model.NewAdmin) (model.Admin, error) {
	f.Normalize()
	if err := f.Validate(); err != nil {
		return model.Admin{}, err
	}
	return s.CreateAdmin(ctx, f.Username, f.Password)
}

// ChangeAdminPassword sets a new password after checking the current one,
// and ends the account's other sessions (keepSession is the hash of the
// session making the change, which stays open).
func (s *Store) ChangeAdminPassword(ctx context.Context, adminID string, f model.PasswordChange, keepSession string) error {
	if err := f.Validate(); err != nil {
		return err
	}
	var hash string
	if err := s.read.QueryRowContext(ctx, `SELECT password_hash FROM admins WHERE id = ?`, adminID).Scan(&hash); err != nil {
		return model.ErrNotFound
	}
	if bcrypt.CompareHashAndPassword([]byte(hash), []byte(f.Current)) != nil {
		return model.Invalid(model.FieldErrors{"current": {Key: "security.password_wrong"}})
	}
	newHash, err := bcrypt.GenerateFromPassword([]byte(f.New), s.passwordCost())
	if err != nil {
		return err
	}
	return s.Write(ctx, func(tx *Tx) error {
		// Compare-and-set: a concurrent change of the same password wins once.
		res, err := tx.Exec(`UPDATE admins SET password_hash = ? WHERE id = ? AND password_hash = ?`, string(newHash), adminID, hash)
		if err != nil {
			return err
		}
		if err := mustAffect(res); err != nil {
			return model.Conflict("error.conflict")
		}
		_, err = tx.Exec(`DELETE FROM sessions WHERE admin_id = ? AND token_hash <> ?`, adminID, keepSession)
		return err
	})
}
