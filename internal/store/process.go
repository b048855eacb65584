package store

import (
	"context"
	"database/sql"
	"errors"

	"github.com/minka-gob/minka/internal/model"
)

// Process returns the co-creation process.
func (s *Store) Process(ctx context.Context) (model.Process, error) {
	var p model.Process
	var created, updated string
	err := s.read.QueryRowContext(ctx, `SELECT id, name, period, created_at, updated_at FROM process LIMIT 1`).
		Scan(&p.ID, &p.Name, &p.Period, &created, &updated)
	if errors.Is(err, sql.ErrNoRows) {
		return p, model.ErrNotFound
	}
	p.CreatedAt, p.UpdatedAt = parseTime(created), parseTime(updated)
	return p, err
}

// UpdateProcess saves the process name and period.
func (s *Store) UpdateProcess(ctx context.Context, p *model.Process) error {
	p.Normalize()
	if err := p.Validate(); err != nil {
		return err
	}
	return s.Write(ctx, func(tx *Tx) error {
		now := s.now()
		res, err := tx.Exec(`UPDATE process SET name = ?, period = ?, updated_at = ? WHERE id = ?`, p.Name, p.Period, formatTime(now), p.ID)
		if err != nil {
			return err
		}
		p.UpdatedAt = now
		return mustAffect(res)
	})
}

// processID returns the single process's id inside a write.
func processID(tx *Tx) (string, error) {
	var id string
	err := tx.QueryRow(`SELECT id FROM process LIMIT 1`).Scan(&id)
	if errors.Is(err, sql.ErrNoRows) {
		return "", model.ErrNotFound
	}
	return id, err
}

// mustAffect turns "no row changed" into not-found.
func mustAffect(res sql.Result) error {
	n, err := res.RowsAffected()
	if err != nil {
		return err
	}
	if n == 0 {
		return model.ErrNotFound
	}
	return nil
}

// Principles returns the principle codes in order.
func (s *Store) Principles(ctx context.Context) ([]string, error) {
	rows, err := s.read.QueryContext(ctx, `SELECT code FROM principles ORDER BY position`)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var codes []string
	for rows.Next() {
		var c string
		if err := rows.Scan(&c); err != nil {
			return nil, err
		}
		codes = append(codes, c)
	}
	return codes, rows.Err()
}

// Criteria returns the scoring criteria in order.
func (s *Store) Criteria(ctx context.Context) ([]model.Criterion, error) {
	return queryCriteria(ctx, s.read)
}

func queryCriteria(ctx context.Context, q querier) ([]model.Criterion, error) {
	rows, err := q.QueryContext(ctx, `SELECT id, code, name, description, rubric_1, rubric_3, rubric_5, weight, position FROM criteria ORDER BY position`)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var cs []model.Criterion
	for rows.Next() {
		var c model.Criterion
		if err := rows.Scan(&c.ID, &c.Code, &c.Name, &c.Description, &c.Rubric1, &c.Rubric3, &c.Rubric5, &c.Weight, &c.Position); err != nil {
			return nil, err
		}
		cs = append(cs, c)
	}
	return cs, rows.Err()
}
