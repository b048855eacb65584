package store

import (
	"context"
	"database/sql"
	"errors"

	"github.com/minka-gob/minka/internal/model"
)

// sessionExpirySQL reads when a session (by token hash) expires, provided
// that, if it was opened with a table's join code, the code is still the
// table's.
const sessionExpirySQL = `SELECT s.expires_at FROM sessions s LEFT JOIN workshop_tables t ON t.id = s.table_id
	WHERE s.token_hash = ? AND ` + joinCodeCurrentSQL

// joinCodeCurrentSQL is true for a session (s) opened without a join code,
// or whose code is still its table's (t) for its role.
const joinCodeCurrentSQL = `(s.join_code = ''
		OR (s.role = 'facilitator' AND t.facilitator_code = s.join_code)
		OR (s.role = 'rapporteur' AND t.rapporteur_code = s.join_code)
		OR (s.role = 'participant' AND t.participant_code = s.join_code))`

// sessionExpiry is when the session with this token hash expires ("" when
// it is gone or its join code was regenerated).
func sessionExpiry(ctx context.Context, q querier, hash string) (string, error) {
	var at string
	err := q.QueryRowContext(ctx, sessionExpirySQL, hash).Scan(&at)
	if errors.Is(err, sql.ErrNoRows) {
		return "", nil
	}
	return at, err
}

// SessionAlive reports whether the session with this token hash
// (model.Principal.SessionID) is still valid: not logged out, not expired,
// not ended by a password change or a renewed link, its join code not
// regenerated.
func (s *Store) SessionAlive(ctx context.Context, hash string) (bool, error) {
	at, err := sessionExpiry(ctx, s.read, hash)
	return at > s.nowText(), err
}

// RequireSession makes every Write under the returned context first check,
// inside the write transaction, that the session with this token hash is
// still alive, and refuse the write (forbidden, "session_revoked") if it is
// not. Writes are serialized, so a write queued before a revocation but run
// after it is refused: revoking a session also stops its operations in flight.
func (s *Store) RequireSession(ctx context.Context, hash string) context.Context {
	qctx := context.WithoutCancel(ctx) // as liveOp: no watcher goroutine per statement
	return context.WithValue(ctx, writeGuardKey{}, func(tx *Tx) error {
		at, err := s.writer.sessionExpiry(qctx, tx, hash)
		if err != nil {
			return err
		}
		if at <= s.nowText() {
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
