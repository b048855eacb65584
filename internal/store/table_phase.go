package store

import (
	"context"
	"database/sql"
	"errors"
	"time"

	"github.com/minka-gob/minka/internal/liveproto"
	"github.com/minka-gob/minka/internal/model"
)

// SetPhase moves a table from phase from to phase to. Naming the phase the
// facilitator saw makes a double tap on "next" move one phase, not two: the
// second one finds the table already moved and is refused.
func (s *Store) SetPhase(ctx context.Context, op, tableID, from, to string) (Applied, error) {
	var v model.Validator
	v.OneOf("phase", to, model.Phases)
	v.OneOf("from", from, model.Phases)
	if err := v.Err(); err != nil {
		return Applied{}, err
	}
	return s.liveOp(ctx, tableID, op, func(ctx context.Context, tx *Tx, now time.Time) (string, any, error) {
		var cur string
		if err := tx.QueryRow(`SELECT phase FROM workshop_tables WHERE id = ?`, tableID).Scan(&cur); err != nil {
			return "", nil, err
		}
		if cur != from {
			return "", nil, model.Conflict("live.error.phase_moved")
		}
		if _, err := tx.Exec(`UPDATE workshop_tables SET phase = ?, phase_started_at = ?, updated_at = ? WHERE id = ?`,
			to, formatTime(now), formatTime(now), tableID); err != nil {
			return "", nil, err
		}
		return liveproto.EventPhase, liveproto.PhaseChange{TableID: tableID, From: from, Phase: to, PhaseStartedAt: now}, nil
	})
}

// TimerCommand starts (for seconds), pauses, resumes or resets a table's
// phase timer. Pausing a paused timer or resuming a running one is refused
// as a conflict, so two facilitator screens cannot fight over it unseen.
func (s *Store) TimerCommand(ctx context.Context, op, tableID, action string, seconds int) (Applied, error) {
	if err := model.ValidateTimerAction(action, seconds); err != nil {
		return Applied{}, err
	}
	return s.liveOp(ctx, tableID, op, func(ctx context.Context, tx *Tx, now time.Time) (string, any, error) {
		cur, err := readTimer(ctx, tx, tableID, now)
		if err != nil {
			return "", nil, err
		}
		next, err := model.NextTimer(cur, action, seconds, now)
		if err != nil {
			return "", nil, err
		}
		if err := writeTimer(tx, tableID, next, now); err != nil {
			return "", nil, err
		}
		return liveproto.EventTimer, liveproto.TimerChange{TableID: tableID, Action: action, Timer: next}, nil
	})
}

// readTimer returns a table's timer as of now (RemainingMS counts down while running).
func readTimer(ctx context.Context, q querier, tableID string, now time.Time) (model.TimerState, error) {
	var t model.TimerState
	var ends sql.NullString
	err := q.QueryRowContext(ctx, `SELECT duration_s, running, ends_at, remaining_ms FROM table_timers WHERE table_id = ?`, tableID).
		Scan(&t.DurationS, &t.Running, &ends, &t.RemainingMS)
	if errors.Is(err, sql.ErrNoRows) {
		return model.TimerState{}, nil
	}
	if err != nil {
		return t, err
	}
	t.EndsAt = parseNullTime(ends)
	if t.Running && t.EndsAt != nil {
		t.RemainingMS = max(0, t.EndsAt.Sub(now).Milliseconds())
	}
	return t, nil
}

func writeTimer(tx *Tx, tableID string, t model.TimerState, now time.Time) error {
	if t.DurationS == 0 {
		_, err := tx.Exec(`DELETE FROM table_timers WHERE table_id = ?`, tableID)
		return err
	}
	var ends sql.NullString
	if t.EndsAt != nil {
		ends = sql.NullString{String: formatTime(*t.EndsAt), Valid: true}
	}
	_, err := tx.Exec(`INSERT INTO table_timers(table_id, duration_s, running, ends_at, remaining_ms, updated_at) VALUES (?,?,?,?,?,?)
		ON CONFLICT (table_id) DO UPDATE SET duration_s = excluded.duration_s, running = excluded.running,
		ends_at = excluded.ends_at, remaining_ms = excluded.remaining_ms, updated_at = excluded.updated_at`,
		tableID, t.DurationS, t.Running, ends, t.RemainingMS, formatTime(now))
	return err
}
