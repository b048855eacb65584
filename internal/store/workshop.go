package store

import (
	"context"
	"database/sql"
	"errors"
	"time"

	"github.com/minka-gob/minka/internal/model"
)

const workshopColumns = `id, city, date, venue, focus, status, created_at, updated_at`

func scanWorkshop(row interface{ Scan(...any) error }) (model.Workshop, error) {
	var w model.Workshop
	var created, updated string
	err := row.Scan(&w.ID, &w.City, &w.Date, &w.Venue, &w.Focus, &w.Status, &created, &updated)
	w.CreatedAt, w.UpdatedAt = parseTime(created), parseTime(updated)
	return w, err
}

// Workshops lists the workshops by date.
func (s *Store) Workshops(ctx context.Context) ([]model.Workshop, error) {
	rows, err := s.read.QueryContext(ctx, `SELECT `+workshopColumns+` FROM workshops ORDER BY date, city, created_at`)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var ws []model.Workshop
	for rows.Next() {
		w, err := scanWorkshop(rows)
		if err != nil {
			return nil, err
		}
		ws = append(ws, w)
	}
	return ws, rows.Err()
}

// Workshop returns one workshop.
func (s *Store) Workshop(ctx context.Context, id string) (model.Workshop, error) {
	w, err := scanWorkshop(s.read.QueryRowContext(ctx, `SELECT `+workshopColumns+` FROM workshops WHERE id = ?`, id))
	if errors.Is(err, sql.ErrNoRows) {
		return w, model.NotFound("error.workshop_not_found")
	}
	return w, err
}

// CreateWorkshop validates and stores a new workshop, filling its ID and times.
func (s *Store) CreateWorkshop(ctx context.Context, w *model.Workshop) error {
	w.Normalize()
	if err := w.Validate(); err != nil {
		return err
	}
	return s.Write(ctx, func(tx *Tx) error { return insertWorkshop(tx, w, s.now()) })
}

func insertWorkshop(tx *Tx, w *model.Workshop, now time.Time) error {
	if w.ID == "" {
		w.ID = NewID()
	}
	pid, err := processID(tx)
	if err != nil {
		return err
	}
	w.CreatedAt, w.UpdatedAt = now, now
	_, err = tx.Exec(`INSERT INTO workshops(id, process_id, city, date, venue, focus, status, created_at, updated_at)
		VALUES (?,?,?,?,?,?,?,?,?)`, w.ID, pid, w.City, w.Date, w.Venue, w.Focus, w.Status, formatTime(now), formatTime(now))
	return err
}

// UpdateWorkshop validates and saves a workshop's fields.
func (s *Store) UpdateWorkshop(ctx context.Context, w *model.Workshop) error {
	w.Normalize()
	if err := w.Validate(); err != nil {
		return err
	}
	return s.Write(ctx, func(tx *Tx) error {
		if err := refuseInField(tx, w.ID); err != nil {
			return err
		}
		now := s.now()
		res, err := tx.Exec(`UPDATE workshops SET city=?, date=?, venue=?, focus=?, status=?, updated_at=? WHERE id=?`,
			w.City, w.Date, w.Venue, w.Focus, w.Status, formatTime(now), w.ID)
		if err != nil {
			return err
		}
		if err := mustAffect(res); err != nil {
			return model.NotFound("error.workshop_not_found")
		}
		w.UpdatedAt = now
		return nil
	})
}
