package store

import (
	"context"
	"database/sql"
	"errors"
	"strings"
	"time"

	"github.com/minka-gob/minka/internal/model"
)

const screenColumns = `workshop_id, screen_code, view, COALESCE(table_id, ''), timer_duration_s, timer_running,
	timer_ends_at, timer_remaining_ms, version, updated_at`

// scanScreen reads a room screen; a running timer's RemainingMS is counted
// down to now.
func scanScreen(row interface{ Scan(...any) error }, now time.Time) (model.Screen, error) {
	var sc model.Screen
	var ends sql.NullString
	var updated string
	err := row.Scan(&sc.WorkshopID, &sc.Code, &sc.View, &sc.TableID, &sc.Timer.DurationS, &sc.Timer.Running,
		&ends, &sc.Timer.RemainingMS, &sc.Version, &updated)
	sc.Timer.EndsAt = parseNullTime(ends)
	if sc.Timer.Running && sc.Timer.EndsAt != nil {
		sc.Timer.RemainingMS = max(0, sc.Timer.EndsAt.Sub(now).Milliseconds())
	}
	sc.UpdatedAt = parseTime(updated)
	return sc, err
}

// NormalizeCode is a typed code as stored: upper case, without the spaces,
// dashes and dots people put in when they copy a code read aloud or printed
// in groups ("abcd-2345", "ABCD 2345").
func NormalizeCode(code string) string {
	return strings.Map(func(r rune) rune {
		switch r {
		case ' ', '-', '.', '\t', '\u00a0', '\u2010', '\u2011', '\u2013', '\u2014':
			return -1
		}
		return r
	}, strings.ToUpper(strings.TrimSpace(code)))
}

// Screen returns a workshop's room screen, creating it (with a fresh screen
// code, showing the tables) the first time it is asked for.
func (s *Store) Screen(ctx context.Context, workshopID string) (model.Screen, error) {
	sc, err := scanScreen(s.read.QueryRowContext(ctx, `SELECT `+screenColumns+` FROM workshop_screens WHERE workshop_id = ?`, workshopID), s.now())
	if !errors.Is(err, sql.ErrNoRows) {
		return sc, err
	}
	err = s.Write(ctx, func(tx *Tx) error {
		var n int
		if err := tx.QueryRow(`SELECT COUNT(*) FROM workshops WHERE id = ?`, workshopID).Scan(&n); err != nil {
			return err
		}
		if n == 0 {
			return model.NotFound("error.workshop_not_found")
		}
		_, err := tx.Exec(`INSERT INTO workshop_screens(workshop_id, screen_code, view, updated_at) VALUES (?, ?, ?, ?)
			ON CONFLICT (workshop_id) DO NOTHING`, workshopID, NewJoinCode(), model.ScreenTables, s.nowText())
		return err
	})
	if err != nil {
		return sc, err
	}
	return scanScreen(s.read.QueryRowContext(ctx, `SELECT `+screenColumns+` FROM workshop_screens WHERE workshop_id = ?`, workshopID), s.now())
}

// ScreenByCode finds the room screen a screen code opens.
func (s *Store) ScreenByCode(ctx context.Context, code string) (model.Screen, error) {
	code = NormalizeCode(code)
	if code == "" {
		return model.Screen{}, model.NotFound("live.screen.not_found")
	}
	sc, err := scanScreen(s.read.QueryRowContext(ctx, `SELECT `+screenColumns+` FROM workshop_screens WHERE screen_code = ?`, code), s.now())
	if errors.Is(err, sql.ErrNoRows) {
		return sc, model.NotFound("live.screen.not_found")
	}
	return sc, err
}

// SetScreenView switches what a workshop's room screen shows; the matrix
// view names one of the workshop's tables.
func (s *Store) SetScreenView(ctx context.Context, workshopID, view, tableID string) error {
	if view != model.ScreenMatrix {
		tableID = ""
	}
	if err := model.ValidateScreenView(view, tableID); err != nil {
		return err
	}
	if _, err := s.Screen(ctx, workshopID); err != nil {
		return err
	}
	return s.Write(ctx, func(tx *Tx) error {
		var table sql.NullString
		if tableID != "" {
			var n int
			if err := tx.QueryRow(`SELECT COUNT(*) FROM workshop_tables WHERE id = ? AND workshop_id = ?`, tableID, workshopID).Scan(&n); err != nil {
				return err
			}
			if n == 0 {
				return model.Invalid(model.FieldErrors{"table_id": {Key: "validation.choice"}})
			}
			table = sql.NullString{String: tableID, Valid: true}
		}
		_, err := tx.Exec(`UPDATE workshop_screens SET view = ?, table_id = ?, version = version + 1, updated_at = ? WHERE workshop_id = ?`,
			view, table, s.nowText(), workshopID)
		return err
	})
}

// ScreenTimer starts (for seconds), pauses, resumes or resets the room
// timer of a workshop's screen, with the same rules as a table's timer.
func (s *Store) ScreenTimer(ctx context.Context, workshopID, action string, seconds int) error {
	if err := model.ValidateTimerAction(action, seconds); err != nil {
		return err
	}
	if _, err := s.Screen(ctx, workshopID); err != nil {
		return err
	}
	return s.Write(ctx, func(tx *Tx) error {
		now := s.now()
		cur, err := scanScreen(tx.QueryRow(`SELECT `+screenColumns+` FROM workshop_screens WHERE workshop_id = ?`, workshopID), now)
		if err != nil {
			return err
		}
		next, err := model.NextTimer(cur.Timer, action, seconds, now)
		if err != nil {
			return err
		}
		var ends sql.NullString
		if next.EndsAt != nil {
			ends = sql.NullString{String: formatTime(*next.EndsAt), Valid: true}
		}
		_, err = tx.Exec(`UPDATE workshop_screens SET timer_duration_s = ?, timer_running = ?, timer_ends_at = ?,
			timer_remaining_ms = ?, version = version + 1, updated_at = ? WHERE workshop_id = ?`,
			next.DurationS, next.Running, ends, next.RemainingMS, formatTime(now), workshopID)
		return err
	})
}

// RegenerateScreenCode gives a workshop's room screen a new code: a screen
// left open elsewhere with the old one stops showing the room.
func (s *Store) RegenerateScreenCode(ctx context.Context, workshopID string) (string, error) {
	if _, err := s.Screen(ctx, workshopID); err != nil {
		return "", err
	}
	code := NewJoinCode()
	err := s.Write(ctx, func(tx *Tx) error {
		_, err := tx.Exec(`UPDATE workshop_screens SET screen_code = ?, version = version + 1, updated_at = ? WHERE workshop_id = ?`,
			code, s.nowText(), workshopID)
		return err
	})
	return code, err
}

// ChosenIdeas lists the ideas the tables of a workshop chose, by table
// number and then in the order they were recorded.
func (s *Store) ChosenIdeas(ctx context.Context, workshopID string) ([]model.PlenaryIdea, error) {
	return collect(ctx, s.read, scanPlenaryIdea, `SELECT `+plenaryIdeaColumns+`
		WHERE t.workshop_id = ? AND i.deleted_at IS NULL AND i.chosen
		ORDER BY t.number, i.created_at, i.rowid`, workshopID)
}

// LastActivity is when each table of a workshop last changed (its newest
// live event), by table id; a table without events is absent.
func (s *Store) LastActivity(ctx context.Context, workshopID string) (map[string]time.Time, error) {
	out := map[string]time.Time{}
	rows, err := s.read.QueryContext(ctx, `SELECT t.id,
		(SELECT e.created_at FROM live_events e WHERE e.room = 'table:' || t.id ORDER BY e.seq DESC LIMIT 1)
		FROM workshop_tables t WHERE t.workshop_id = ?`, workshopID)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	for rows.Next() {
		var id string
		var at sql.NullString
		if err := rows.Scan(&id, &at); err != nil {
			return nil, err
		}
		if at.Valid {
			out[id] = parseTime(at.String)
		}
	}
	return out, rows.Err()
}
