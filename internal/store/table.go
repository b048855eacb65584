package store

import (
	"context"
	"crypto/rand"
	"database/sql"
	"errors"
	"strings"

	sqlite3 "github.com/mattn/go-sqlite3"

	"github.com/minka-gob/minka/internal/model"
)

const tableColumns = `id, workshop_id, number, COALESCE(problem_id,''), COALESCE(profile_id,''), facilitator, rapporteur,
	facilitator_code, rapporteur_code, participant_code, phase, phase_started_at, created_at, updated_at`

func scanTable(row interface{ Scan(...any) error }) (model.Table, error) {
	var t model.Table
	var started sql.NullString
	var created, updated string
	err := row.Scan(&t.ID, &t.WorkshopID, &t.Number, &t.ProblemID, &t.ProfileID, &t.Facilitator, &t.Rapporteur,
		&t.FacilitatorCode, &t.RapporteurCode, &t.ParticipantCode, &t.Phase, &started, &created, &updated)
	t.PhaseStartedAt = parseNullTime(started)
	t.CreatedAt, t.UpdatedAt = parseTime(created), parseTime(updated)
	return t, err
}

// Tables lists a workshop's tables by number.
func (s *Store) Tables(ctx context.Context, workshopID string) ([]model.Table, error) {
	rows, err := s.read.QueryContext(ctx, `SELECT `+tableColumns+` FROM workshop_tables WHERE workshop_id = ? ORDER BY number`, workshopID)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var ts []model.Table
	for rows.Next() {
		t, err := scanTable(rows)
		if err != nil {
			return nil, err
		}
		ts = append(ts, t)
	}
	return ts, rows.Err()
}

// Table returns one table.
func (s *Store) Table(ctx context.Context, id string) (model.Table, error) {
	t, err := scanTable(s.read.QueryRowContext(ctx, `SELECT `+tableColumns+` FROM workshop_tables WHERE id = ?`, id))
	if errors.Is(err, sql.ErrNoRows) {
		return t, model.NotFound("error.table_not_found")
	}
	return t, err
}

// TableByCode finds the table a join code belongs to and the role it grants.
func (s *Store) TableByCode(ctx context.Context, code string) (model.Table, string, error) {
	code = NormalizeCode(code)
	t, err := scanTable(s.read.QueryRowContext(ctx, `SELECT `+tableColumns+` FROM workshop_tables
		WHERE facilitator_code = ?1 OR rapporteur_code = ?1 OR participant_code = ?1`, code))
	if errors.Is(err, sql.ErrNoRows) {
		return t, "", model.NotFound("error.code_not_found")
	}
	if err != nil {
		return t, "", err
	}
	switch code {
	case t.FacilitatorCode:
		return t, model.RoleFacilitator, nil
	case t.RapporteurCode:
		return t, model.RoleRapporteur, nil
	default:
		return t, model.RoleParticipant, nil
	}
}

// CreateTable validates and stores a new table of a workshop with fresh join codes.
func (s *Store) CreateTable(ctx context.Context, t *model.Table) error {
	t.Normalize()
	if err := t.Validate(); err != nil {
		return err
	}
	return s.Write(ctx, func(tx *Tx) error {
		if err := requireWorkshop(tx, t.WorkshopID); err != nil {
			return err
		}
		if err := refuseInField(tx, t.WorkshopID); err != nil {
			return err
		}
		now := s.now()
		if t.ID == "" {
			t.ID = NewID()
		}
		t.FacilitatorCode, t.RapporteurCode, t.ParticipantCode = NewJoinCode(), NewJoinCode(), NewJoinCode()
		t.CreatedAt, t.UpdatedAt = now, now
		_, err := tx.Exec(`INSERT INTO workshop_tables(id, workshop_id, number, problem_id, profile_id, facilitator, rapporteur,
			facilitator_code, rapporteur_code, participant_code, phase, created_at, updated_at) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?)`,
			t.ID, t.WorkshopID, t.Number, nullString(t.ProblemID), nullString(t.ProfileID), t.Facilitator, t.Rapporteur,
			t.FacilitatorCode, t.RapporteurCode, t.ParticipantCode, t.Phase, formatTime(now), formatTime(now))
		return tableWriteError(err)
	})
}

// UpdateTable saves a table's number, problem, profile and people.
func (s *Store) UpdateTable(ctx context.Context, t *model.Table) error {
	t.Normalize()
	if err := t.Validate(); err != nil {
		return err
	}
	return s.Write(ctx, func(tx *Tx) error {
		if err := refuseTableInField(tx, t.ID); err != nil {
			return err
		}
		now := s.now()
		res, err := tx.Exec(`UPDATE workshop_tables SET number=?, problem_id=?, profile_id=?, facilitator=?, rapporteur=?, updated_at=? WHERE id=?`,
			t.Number, nullString(t.ProblemID), nullString(t.ProfileID), t.Facilitator, t.Rapporteur, formatTime(now), t.ID)
		if err := tableWriteError(err); err != nil {
			return err
		}
		if err := mustAffect(res); err != nil {
			return model.NotFound("error.table_not_found")
		}
		t.UpdatedAt = now
		return nil
	})
}

// tableWriteError translates constraint failures into user-facing errors.
func tableWriteError(err error) error {
	var se sqlite3.Error
	if !errors.As(err, &se) {
		return err
	}
	switch {
	case se.ExtendedCode == sqlite3.ErrConstraintUnique && strings.Contains(se.Error(), "number"):
		return model.Invalid(model.FieldErrors{"number": {Key: "validation.table_number_taken"}})
	case se.ExtendedCode == sqlite3.ErrConstraintForeignKey:
		return model.InvalidMsg("validation.reference")
	}
	return err
}

func requireWorkshop(tx *Tx, id string) error {
	var one int
	err := tx.QueryRow(`SELECT 1 FROM workshops WHERE id = ?`, id).Scan(&one)
	if errors.Is(err, sql.ErrNoRows) {
		return model.NotFound("error.workshop_not_found")
	}
	return err
}

// joinAlphabet leaves out look-alike characters (0/O, 1/I/L) so that a code
// read aloud in a noisy auditorium or typed on a phone is typed right.
const joinAlphabet = "ABCDEFGHJKMNPQRSTUVWXYZ23456789"

// NewJoinCode returns a random 8-character join code (~40 bits).
func NewJoinCode() string {
	b := make([]byte, 8)
	if _, err := rand.Read(b); err != nil {
		panic(err)
	}
	for i := range b {
		b[i] = joinAlphabet[int(b[i])%len(joinAlphabet)]
	}
	return string(b)
}

// SeatWorkshop is the workshop of p's table, for p.CanReadWorkshop: "" when
// p has no table or its table no longer exists.
func (s *Store) SeatWorkshop(ctx context.Context, p model.Principal) string {
	if p.TableID == "" {
		return ""
	}
	t, err := s.TableInfo(ctx, p.TableID)
	if err != nil {
		return ""
	}
	return t.WorkshopID
}
