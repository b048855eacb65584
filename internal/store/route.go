package store

import (
	"context"
	"database/sql"
	"errors"

	"github.com/minka-gob/minka/internal/model"
)

// PhaseGuides returns the facilitator's script of every phase of the route,
// in the route's order.
func (s *Store) PhaseGuides(ctx context.Context) ([]model.PhaseGuide, error) {
	return queryPhaseGuides(ctx, s.read)
}

func queryPhaseGuides(ctx context.Context, q querier) ([]model.PhaseGuide, error) {
	rows, err := q.QueryContext(ctx, `SELECT phase, goal, prompt, output, minutes, updated_at FROM phase_guides ORDER BY position`)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var gs []model.PhaseGuide
	for rows.Next() {
		var g model.PhaseGuide
		var updated string
		if err := rows.Scan(&g.Phase, &g.Goal, &g.Prompt, &g.Output, &g.Minutes, &updated); err != nil {
			return nil, err
		}
		if updated != "" {
			g.UpdatedAt = parseTime(updated)
		}
		gs = append(gs, g)
	}
	return gs, rows.Err()
}

// UpdatePhaseGuides saves the script of every phase at once: all of it or,
// when any field is invalid, nothing.
func (s *Store) UpdatePhaseGuides(ctx context.Context, gs []model.PhaseGuide) error {
	for i := range gs {
		gs[i].Normalize()
	}
	if err := model.ValidatePhaseGuides(gs); err != nil {
		return err
	}
	return s.Write(ctx, func(tx *Tx) error {
		now := s.now()
		for i := range gs {
			g := &gs[i]
			res, err := tx.Exec(`UPDATE phase_guides SET goal = ?, prompt = ?, output = ?, minutes = ?, updated_at = ? WHERE phase = ?`,
				g.Goal, g.Prompt, g.Output, g.Minutes, formatTime(now), g.Phase)
			if err != nil {
				return err
			}
			if err := mustAffect(res); err != nil {
				return err
			}
			g.UpdatedAt = now
		}
		return nil
	})
}

// TableRoute returns what a table works on, in full: its problem (with the
// "¿Cómo podríamos…?" challenge) and its user profile (description, needs,
// pains). Either is zero when the Secretariat has not assigned it.
func (s *Store) TableRoute(ctx context.Context, tableID string) (model.TableRoute, error) {
	var r model.TableRoute
	var problemID, profileID sql.NullString
	err := s.read.QueryRowContext(ctx, `SELECT problem_id, profile_id FROM workshop_tables WHERE id = ?`, tableID).Scan(&problemID, &profileID)
	if errors.Is(err, sql.ErrNoRows) {
		return r, model.NotFound("error.table_not_found")
	}
	if err != nil {
		return r, err
	}
	if problemID.Valid {
		r.Problem, err = scanProblem(s.read.QueryRowContext(ctx, `SELECT `+problemColumns+` FROM problems WHERE id = ?`, problemID.String))
		if err != nil && !errors.Is(err, sql.ErrNoRows) {
			return r, err
		}
	}
	if profileID.Valid {
		r.Profile, err = scanProfile(s.read.QueryRowContext(ctx, `SELECT `+profileColumns+` FROM user_profiles WHERE id = ?`, profileID.String))
		if err != nil && !errors.Is(err, sql.ErrNoRows) {
			return r, err
		}
	}
	return r, nil // a reference removed meanwhile reads as not assigned
}
