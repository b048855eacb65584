package store

import (
	"context"
	"database/sql"
	"errors"

	"github.com/minka-gob/minka/internal/model"
)

const profileColumns = `id, COALESCE(problem_id, ''), name, description, needs, pains, created_at, updated_at`

func scanProfile(row interface{ Scan(...any) error }) (model.UserProfile, error) {
	var p model.UserProfile
	var created, updated string
	err := row.Scan(&p.ID, &p.ProblemID, &p.Name, &p.Description, &p.Needs, &p.Pains, &created, &updated)
	p.CreatedAt, p.UpdatedAt = parseTime(created), parseTime(updated)
	return p, err
}

// Profiles lists the user profiles (archetypes) by name.
func (s *Store) Profiles(ctx context.Context) ([]model.UserProfile, error) {
	rows, err := s.read.QueryContext(ctx, `SELECT `+profileColumns+` FROM user_profiles ORDER BY name COLLATE NOCASE, created_at`)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var ps []model.UserProfile
	for rows.Next() {
		p, err := scanProfile(rows)
		if err != nil {
			return nil, err
		}
		ps = append(ps, p)
	}
	return ps, rows.Err()
}

// Profile returns one user profile.
func (s *Store) Profile(ctx context.Context, id string) (model.UserProfile, error) {
	p, err := scanProfile(s.read.QueryRowContext(ctx, `SELECT `+profileColumns+` FROM user_profiles WHERE id = ?`, id))
	if errors.Is(err, sql.ErrNoRows) {
		return p, model.NotFound("setup.error.profile_not_found")
	}
	return p, err
}

// CreateProfile validates and stores a new user profile.
func (s *Store) CreateProfile(ctx context.Context, p *model.UserProfile) error {
	p.Normalize()
	if err := p.Validate(); err != nil {
		return err
	}
	return s.Write(ctx, func(tx *Tx) error {
		if err := requireProblem(tx, p.ProblemID); err != nil {
			return err
		}
		now := s.now()
		p.ID, p.CreatedAt, p.UpdatedAt = NewID(), now, now
		_, err := tx.Exec(`INSERT INTO user_profiles(id, problem_id, name, description, needs, pains, created_at, updated_at) VALUES (?,?,?,?,?,?,?,?)`,
			p.ID, nullString(p.ProblemID), p.Name, p.Description, p.Needs, p.Pains, formatTime(now), formatTime(now))
		return err
	})
}

// UpdateProfile saves a user profile.
func (s *Store) UpdateProfile(ctx context.Context, p *model.UserProfile) error {
	p.Normalize()
	if err := p.Validate(); err != nil {
		return err
	}
	return s.Write(ctx, func(tx *Tx) error {
		if err := requireProblem(tx, p.ProblemID); err != nil {
			return err
		}
		now := s.now()
		res, err := tx.Exec(`UPDATE user_profiles SET problem_id = ?, name = ?, description = ?, needs = ?, pains = ?, updated_at = ? WHERE id = ?`,
			nullString(p.ProblemID), p.Name, p.Description, p.Needs, p.Pains, formatTime(now), p.ID)
		if err != nil {
			return err
		}
		if err := mustAffect(res); err != nil {
			return model.NotFound("setup.error.profile_not_found")
		}
		p.UpdatedAt = now
		return nil
	})
}

// requireProblem checks an optional problem reference: a clear field error
// rather than a foreign-key failure.
func requireProblem(tx *Tx, id string) error {
	if id == "" {
		return nil
	}
	var one int
	err := tx.QueryRow(`SELECT 1 FROM problems WHERE id = ?`, id).Scan(&one)
	if errors.Is(err, sql.ErrNoRows) {
		return model.Invalid(model.FieldErrors{"problem_id": {Key: "validation.reference"}})
	}
	return err
}
