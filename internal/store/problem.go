package store

import (
	"context"
	"database/sql"
	"errors"

	"github.com/minka-gob/minka/internal/model"
)

const problemColumns = `id, title, description, challenge, position, created_at, updated_at`

func scanProblem(row interface{ Scan(...any) error }) (model.Problem, error) {
	var p model.Problem
	var created, updated string
	err := row.Scan(&p.ID, &p.Title, &p.Description, &p.Challenge, &p.Position, &created, &updated)
	p.CreatedAt, p.UpdatedAt = parseTime(created), parseTime(updated)
	return p, err
}

// Problems lists the problems (themes) of the process in their order.
func (s *Store) Problems(ctx context.Context) ([]model.Problem, error) {
	rows, err := s.read.QueryContext(ctx, `SELECT `+problemColumns+` FROM problems ORDER BY position, created_at`)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var ps []model.Problem
	for rows.Next() {
		p, err := scanProblem(rows)
		if err != nil {
			return nil, err
		}
		ps = append(ps, p)
	}
	return ps, rows.Err()
}

// Problem returns one problem.
func (s *Store) Problem(ctx context.Context, id string) (model.Problem, error) {
	p, err := scanProblem(s.read.QueryRowContext(ctx, `SELECT `+problemColumns+` FROM problems WHERE id = ?`, id))
	if errors.Is(err, sql.ErrNoRows) {
		return p, model.NotFound("setup.error.problem_not_found")
	}
	return p, err
}

// CreateProblem validates and stores a new problem after the existing ones.
func (s *Store) CreateProblem(ctx context.Context, p *model.Problem) error {
	p.Normalize()
	if err := p.Validate(); err != nil {
		return err
	}
	return s.Write(ctx, func(tx *Tx) error {
		pid, err := processID(tx)
		if err != nil {
			return err
		}
		if err := tx.QueryRow(`SELECT COALESCE(MAX(position), 0) + 1 FROM problems`).Scan(&p.Position); err != nil {
			return err
		}
		now := s.now()
		p.ID, p.CreatedAt, p.UpdatedAt = NewID(), now, now
		_, err = tx.Exec(`INSERT INTO problems(id, process_id, title, description, challenge, position, created_at, updated_at) VALUES (?,?,?,?,?,?,?,?)`,
			p.ID, pid, p.Title, p.Description, p.Challenge, p.Position, formatTime(now), formatTime(now))
		return err
	})
}

// UpdateProblem saves a problem's title, description and challenge.
func (s *Store) UpdateProblem(ctx context.Context, p *model.Problem) error {
	p.Normalize()
	if err := p.Validate(); err != nil {
		return err
	}
	return s.Write(ctx, func(tx *Tx) error {
		now := s.now()
		res, err := tx.Exec(`UPDATE problems SET title = ?, description = ?, challenge = ?, updated_at = ? WHERE id = ?`,
			p.Title, p.Description, p.Challenge, formatTime(now), p.ID)
		if err != nil {
			return err
		}
		if err := mustAffect(res); err != nil {
			return model.NotFound("setup.error.problem_not_found")
		}
		p.UpdatedAt = now
		return nil
	})
}
