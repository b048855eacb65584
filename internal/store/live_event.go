package store

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"time"

	"github.com/minka-gob/minka/internal/liveproto"
	"github.com/minka-gob/minka/internal/model"
)

// Applied is what a live operation did. For a new operation, Events holds
// the events it appended (its table room's first, then the workshop room's
// mirror). For an operation applied before (the same op sent again), Dup is
// set, Events is empty and Seq and Data are those of the first time.
type Applied struct {
	Seq    int64
	Dup    bool
	Data   json.RawMessage
	Events []liveproto.Event
}

// liveOp runs one operation on a table's live record inside a write: unless
// op was applied before (then it reports the first result), fn changes the
// record and returns the event type and payload, which are appended to the
// table's room and mirrored to its workshop's room in the same transaction.
// A refused operation (fn returns an error) leaves no trace, so resending it
// is judged again.
func (s *Store) liveOp(ctx context.Context, tableID, op string, fn func(ctx context.Context, tx *Tx, now time.Time) (string, any, error)) (Applied, error) {
	var a Applied
	// Inside the write, fn sees ctx's values but not its deadline: a queued
	// write runs to its end (the caller waits for it even past its deadline),
	// and the driver would watch every statement of a cancelable context
	// with a goroutine of its own.
	wctx := context.WithoutCancel(ctx)
	err := s.writer.doLive(ctx, guarded(ctx, func(tx *Tx) error {
		a = Applied{}
		room := liveproto.TableRoom(tableID)
		if op != "" {
			var payload string
			err := tx.QueryRowContext(wctx, `SELECT seq, payload FROM live_events WHERE room = ? AND op = ? AND op <> ''`, room, op).Scan(&a.Seq, &payload)
			if err == nil {
				a.Dup, a.Data = true, json.RawMessage(payload)
				return nil
			}
			if !errors.Is(err, sql.ErrNoRows) {
				return err
			}
		}
		workshopID, err := s.workshopOf(tx, tableID)
		if err != nil {
			return err
		}
		if err := refuseInField(tx, workshopID); err != nil {
			return err
		}
		now := s.now()
		typ, payload, err := fn(wctx, tx, now)
		if err != nil {
			return err
		}
		data, err := json.Marshal(payload)
		if err != nil {
			return err
		}
		actor := ActorFrom(ctx)
		for _, r := range []string{room, liveproto.WorkshopRoom(workshopID)} {
			ev, err := s.appendEvent(tx, r, typ, op, actor, data, now)
			if err != nil {
				return err
			}
			a.Events = append(a.Events, ev)
		}
		a.Seq, a.Data = a.Events[0].Seq, data
		return nil
	}))
	return a, err
}

// appendEvent gives the event the next seq of its room, kept in memory by
// the writer (roomSeqs): the single writer makes it safe, and a rolled-back
// write gives its seq back, so seqs have no gaps. It runs on the writer's
// goroutine only (inside a Write).
func (s *Store) appendEvent(tx *Tx, room, typ, op string, actor Actor, payload []byte, now time.Time) (liveproto.Event, error) {
	ev := liveproto.Event{Room: room, Type: typ, Op: op, Payload: payload, CreatedAt: parseTime(formatTime(now))}
	seq, err := s.writer.seqs.next(room, func() (int64, error) {
		var last int64
		// MAX stays a bare subquery: SQLite answers it from the primary key's
		// last entry for the room, in O(log n), only in that form.
		err := tx.QueryRow(`SELECT COALESCE((SELECT MAX(seq) FROM live_events WHERE room = ?), 0)`, room).Scan(&last)
		return last, err
	})
	if err != nil {
		return ev, err
	}
	ev.Seq = seq
	_, err = tx.Exec(`INSERT INTO live_events(room, seq, type, op, actor_role, actor_id, payload, created_at)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?)`, room, seq, typ, op, actor.Role, actor.ID, string(payload), formatTime(now))
	return ev, err
}

// workshopOf is the workshop of a table, read once and then kept: a table
// never moves to another workshop and is never deleted.
func (s *Store) workshopOf(tx *Tx, tableID string) (string, error) {
	if w, ok := s.workshops.Load(tableID); ok {
		return w.(string), nil
	}
	var workshopID string
	err := tx.QueryRow(`SELECT workshop_id FROM workshop_tables WHERE id = ?`, tableID).Scan(&workshopID)
	if errors.Is(err, sql.ErrNoRows) {
		return "", model.NotFound("error.table_not_found")
	}
	if err != nil {
		return "", err
	}
	s.workshops.Store(tableID, workshopID)
	return workshopID, nil
}

// EventsAfter returns up to limit events of room with seq > after, in order.
func (s *Store) EventsAfter(ctx context.Context, room string, after int64, limit int) ([]liveproto.Event, error) {
	rows, err := s.read.QueryContext(ctx, `SELECT seq, type, op, payload, created_at FROM live_events
		WHERE room = ? AND seq > ? ORDER BY seq LIMIT ?`, room, after, limit)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var evs []liveproto.Event
	for rows.Next() {
		ev := liveproto.Event{Room: room}
		var payload, created string
		if err := rows.Scan(&ev.Seq, &ev.Type, &ev.Op, &payload, &created); err != nil {
			return nil, err
		}
		ev.Payload, ev.CreatedAt = json.RawMessage(payload), parseTime(created)
		evs = append(evs, ev)
	}
	return evs, rows.Err()
}

// LastSeq is the seq of room's newest event (0 for a room without events).
func (s *Store) LastSeq(ctx context.Context, room string) (int64, error) {
	return lastSeq(ctx, s.read, room)
}

func lastSeq(ctx context.Context, q querier, room string) (int64, error) {
	var seq int64
	err := q.QueryRowContext(ctx, `SELECT COALESCE((SELECT MAX(seq) FROM live_events WHERE room = ?), 0)`, room).Scan(&seq)
	return seq, err
}
