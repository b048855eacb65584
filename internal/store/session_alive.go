package store

import (
	"context"

	"github.com/minka-gob/minka/internal/model"
)

// sessionAliveSQL counts a session (by token hash) that has not expired and,
// if it was opened with a table's join code, whose code is still the table's.
const sessionAliveSQL = `SELECT COUNT(*) FROM sessions s LEFT JOIN workshop_tables t ON t.id = s.table_id
	WHERE s.token_hash = ? AND s.expires_at > ? AND (s.join_code = ''
		OR (s.role = 'facilitator' AND t.facilitator_code = s.join_code)
		OR (s.role = 'rapporteur' AND t.rapporteur_code = s.join_code)
		OR (s.role = 'participant' AND t.participant_code = s.join_code))`

func (s *Store) sessionAlive(ctx context.Context, q querier, hash string) (bool, error) {
	var n int
	err := q.QueryRowContext(ctx, sessionAliveSQL, hash, s.nowText()).Scan(&n)
	return n > 0, err
}

// SessionAlive reports whether the session with this token hash
// (model.Principal.SessionID) is still valid: not logged out, not expired,
// not ended by a password change or a renewed link, its join code not
// regenerated.
func (s *Store) SessionAlive(ctx context.Context, hash string) (bool, error) {
	return s.sessionAlive(ctx, s.read, hash)
}

// RequireSession makes every Write under the returned context first check,
// inside the write transaction, that the session with this token hash is
// still alive, and refuse the write (forbidden, "session_revoked") if it is
// not. Writes are serialized, so a write queued before a revocation but run
// after it is refused: revoking a session also stops its operations in flight.
func (s *Store) RequireSession(ctx context.Context, hash string) context.Context {
	qctx := context.WithoutCancel(ctx) // as liveOp: no watcher goroutine per statement
	return context.WithValue(ctx, writeGuardKey{}, func(tx *Tx) error {
		ok, err := s.sessionAlive(qctx, tx, hash)
		if err != nil {
			return err
		}
		if !ok {
			return model.Forbidden("error.session_revoked")
		}
		return nil
	})
}

type writeGuardKey struct{}

// guarded wraps fn with the context's write guard, if any.
func guarded(ctx context.Context, fn func(tx *Tx) error) func(tx *Tx) error {
	g, ok := ctx.Value(writeGuardKey{}).(func(tx *Tx) error)
	if !ok {
		return fn
	}
	return func(tx *Tx) error {
		if err := g(tx); err != nil {
			return err
		}
		return fn(tx)
	}
}
