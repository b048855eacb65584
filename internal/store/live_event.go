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
// the event it appended, as its table's room and then as its workshop's room
// see it (one row, two seqs). For an operation applied before (the same op
// sent again), Dup is set, Events is empty and Seq and Data are those of the
// first time.
type Applied struct {
	Seq    int64
	Dup    bool
	Data   json.RawMessage
	Events []liveproto.Event
}

// liveOp runs one operation on a table's live record inside a write: unless
// op was applied before (then it reports the first result), fn changes the
// record and returns the event type and payload, which are appended to the
// table's room and its workshop's room in the same transaction.
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
		// Without savepoints, an op applied before fails on its unique
		// index and the batch runs again with them (writer.inSavepoints).
		if op != "" && s.writer.inSavepoints {
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
		workshopID, err := s.workshopOf(wctx, tx, tableID)
		if err != nil {
			return err
		}
		if err := s.writer.refuseLiveInField(tx, workshopID); err != nil {
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
		evs, err := s.appendEvent(tx, tableID, workshopID, typ, op, ActorFrom(ctx), data, now)
		if err != nil {
			return err
		}
		a.Events = evs[:]
		a.Seq, a.Data = a.Events[0].Seq, data
		return nil
	}))
	return a, err
}

// appendEvent records one change of a table: one live_events row, which is
// the event in the table's room (room, seq) and in its workshop's room
// (workshop_id, wseq). It returns the event as each room sees it, the
// table's first. Each room's next seq is kept in memory by the writer
// (roomSeqs): the single writer makes it safe, and a rolled-back write gives
// its seqs back, so seqs have no gaps. It runs on the writer's goroutine only
// (inside a Write).
func (s *Store) appendEvent(tx *Tx, tableID, workshopID, typ, op string, actor Actor, payload []byte, now time.Time) ([2]liveproto.Event, error) {
	at := formatTime(now)
	ev := liveproto.Event{Room: liveproto.TableRoom(tableID), Type: typ, Op: op, Payload: payload, CreatedAt: parseTime(at)}
	wev := ev
	wev.Room = liveproto.WorkshopRoom(workshopID)
	var err error
	if ev.Seq, err = s.writer.seqs.next(ev.Room, func() (int64, error) { return lastSeq(context.Background(), tx, ev.Room) }); err != nil {
		return [2]liveproto.Event{}, err
	}
	if wev.Seq, err = s.writer.seqs.next(wev.Room, func() (int64, error) { return lastSeq(context.Background(), tx, wev.Room) }); err != nil {
		return [2]liveproto.Event{}, err
	}
	if _, err = tx.Exec(insertEventSQL, ev.Room, ev.Seq, workshopID, wev.Seq, typ, op, actor.Role, actor.ID, string(payload), at); err != nil {
		return [2]liveproto.Event{}, err
	}
	s.writer.events.op = append(s.writer.events.op, ev, wev)
	return [2]liveproto.Event{ev, wev}, nil
}

// OnCommit has f told of the events of every live operation once they are
// committed, batch by batch in the order appended (each room's in seq
// order), so that the rooms receive a whole commit at once. f runs on the
// writer's goroutine: it must hand the events on without waiting for the
// rooms. A later call replaces f; nil removes it.
func (s *Store) OnCommit(f func([]liveproto.Event)) {
	if f == nil {
		s.writer.onCommit.Store(nil)
		return
	}
	s.writer.onCommit.Store(&f)
}

// insertEventSQL stores one event: its table room and seq, its workshop and
// seq there, type, op, author, payload and time.
const insertEventSQL = `INSERT INTO live_events(room, seq, workshop_id, wseq, type, op, actor_role, actor_id, payload, created_at)
	VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`

// TableWorkshop is the workshop of a table (error.table_not_found when
// there is no such table); a live join asks it for every table it opens.
func (s *Store) TableWorkshop(ctx context.Context, tableID string) (string, error) {
	return s.workshopOf(ctx, s.read, tableID)
}

// workshopOf is the workshop of a table, read once and then kept: a table
// never moves to another workshop and is never deleted.
func (s *Store) workshopOf(ctx context.Context, q querier, tableID string) (string, error) {
	if w, ok := s.workshops.Load(tableID); ok {
		return w.(string), nil
	}
	var workshopID string
	err := q.QueryRowContext(ctx, `SELECT workshop_id FROM workshop_tables WHERE id = ?`, tableID).Scan(&workshopID)
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
	q := `SELECT seq, type, op, payload, created_at FROM live_events WHERE room = ? AND seq > ? ORDER BY seq LIMIT ?`
	key := room
	if kind, id, ok := liveproto.ParseRoom(room); ok && kind == "workshop" {
		q = `SELECT wseq, type, op, payload, created_at FROM live_events
			WHERE workshop_id = ? AND wseq > ? ORDER BY wseq LIMIT ?`
		key = id
	}
	rows, err := s.read.QueryContext(ctx, q, key, after, limit)
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

// lastSeq keeps MAX as a bare subquery: SQLite answers it from the index's
// last entry for the room, in O(log n), only in that form.
func lastSeq(ctx context.Context, q querier, room string) (int64, error) {
	query, key := `SELECT COALESCE((SELECT MAX(seq) FROM live_events WHERE room = ?), 0)`, room
	if kind, id, ok := liveproto.ParseRoom(room); ok && kind == "workshop" {
		query, key = `SELECT COALESCE((SELECT MAX(wseq) FROM live_events WHERE workshop_id = ?), 0)`, id
	}
	var seq int64
	err := q.QueryRowContext(ctx, query, key).Scan(&seq)
	return seq, err
}
