package store

import (
	"cmp"
	"context"
	"database/sql"
	"errors"
	"fmt"
	"slices"
	"strings"
	"sync"

	"github.com/minka-gob/minka/internal/model"
)

// maxBatch bounds how many writes share one commit, so that one batch never
// holds the write lock for long.
const maxBatch = 512

var errClosed = errors.New("store: closed")

type writeOp struct {
	fn    func(tx *sql.Tx) error
	actor Actor
	done  chan error
	// live marks a write whose only live_events rows are appended through
	// appendEvent. Any other write may add or remove events behind the
	// in-memory seqs (a field import does), so they are forgotten before it.
	live bool
}

// writer owns the single write connection. It takes every queued write, runs
// each inside its own savepoint of one transaction, commits once, and only
// then reports each write's result.
type writer struct {
	db    *sql.DB
	audit bool // set each write's author in audit_context (see audit_triggers.go)
	seqs  roomSeqs
	// inField caches whether each workshop is checked out to a field
	// laptop, which every live operation asks. Checkouts change only in
	// writes outside the live path, and those clear it (see writeOp.live).
	inField map[string]bool
	ops     chan writeOp
	quit    chan struct{}
	wg      sync.WaitGroup
	close   sync.Once
}

func startWriter(db *sql.DB, audit bool) *writer {
	w := &writer{db: db, audit: audit, seqs: newRoomSeqs(), inField: map[string]bool{}, ops: make(chan writeOp, 4096), quit: make(chan struct{})}
	w.wg.Add(1)
	go w.loop()
	return w
}

func (w *writer) do(ctx context.Context, fn func(tx *sql.Tx) error) error {
	return w.enqueue(ctx, writeOp{fn: fn, actor: ActorFrom(ctx), done: make(chan error, 1)})
}

// doLive is do for a live operation (see writeOp.live).
func (w *writer) doLive(ctx context.Context, fn func(tx *sql.Tx) error) error {
	return w.enqueue(ctx, writeOp{fn: fn, actor: ActorFrom(ctx), done: make(chan error, 1), live: true})
}

func (w *writer) enqueue(ctx context.Context, op writeOp) error {
	select {
	case <-w.quit:
		return errClosed
	default:
	}
	select {
	case w.ops <- op:
	case <-w.quit:
		return errClosed
	case <-ctx.Done():
		return ctx.Err()
	}
	if f, ok := ctx.Value(queuedKey{}).(func()); ok {
		f()
	}
	// Once queued, wait for the result even if ctx ends: the write may be
	// committed, and the caller must not report a durable write as lost.
	return <-op.done
}

type queuedKey struct{}

// WithQueued returns a context whose write calls f once the write has taken
// its place in the writer's queue (before it is committed). Writes queued
// one after another are committed in that order: a caller that waits for f
// before queuing its next write keeps its writes in order without waiting
// for each commit (the live protocol's pipelined operations).
func WithQueued(ctx context.Context, f func()) context.Context {
	return context.WithValue(ctx, queuedKey{}, f)
}

func (w *writer) stop() {
	w.close.Do(func() { close(w.quit) })
	w.wg.Wait()
}

func (w *writer) loop() {
	defer w.wg.Done()
	for {
		select {
		case op := <-w.ops:
			w.runBatch(w.collect(op))
		case <-w.quit:
			w.drain()
			return
		}
	}
}

// collect gathers op and whatever else is already queued, up to maxBatch.
func (w *writer) collect(first writeOp) []writeOp {
	batch := []writeOp{first}
	for len(batch) < maxBatch {
		select {
		case op := <-w.ops:
			batch = append(batch, op)
		default:
			return batch
		}
	}
	return batch
}

// drain commits what was queued before the writer stopped.
func (w *writer) drain() {
	for {
		select {
		case op := <-w.ops:
			w.runBatch(w.collect(op))
		default:
			return
		}
	}
}

func (w *writer) runBatch(batch []writeOp) {
	results := make([]error, len(batch))
	tx, err := w.db.Begin()
	if err != nil {
		finish(batch, results, err)
		return
	}
	var author *Actor // the author now in audit_context (nil: none or unknown)
	if w.audit {
		batch = groupByAuthor(batch)
	}
	for i, op := range batch {
		if !op.live {
			w.seqs.forget()
			clear(w.inField)
		}
		results[i] = w.runInSavepoint(tx, op, &author)
		w.seqs.endOp(results[i] == nil)
	}
	if w.audit {
		// Changes made later outside Minka must not be attributed to the last author.
		if _, err := tx.Exec(`DELETE FROM audit_context`); err != nil {
			tx.Rollback()
			w.seqs.endBatch(false)
			finish(batch, results, err)
			return
		}
	}
	err = tx.Commit()
	w.seqs.endBatch(err == nil)
	finish(batch, results, err)
}

// refuseLiveInField is refuseInField for a live operation, with the answer
// kept in inField (only the writer goroutine touches it).
func (w *writer) refuseLiveInField(tx *Tx, workshopID string) error {
	in, ok := w.inField[workshopID]
	if !ok {
		var err error
		if in, err = workshopInField(tx, workshopID); err != nil {
			return err
		}
		w.inField[workshopID] = in
	}
	if in {
		return model.Conflict("field.error.in_field")
	}
	return nil
}

// roomSeqs keeps each live room's newest seq in memory, so that appending
// an event needs no MAX(seq) query. Only the writer goroutine touches it.
// What an operation appends is tentative until its savepoint is released,
// and what a batch appends until it commits: a rolled-back operation or a
// failed commit gives its seqs back, so seqs stay without gaps.
type roomSeqs struct {
	committed map[string]int64 // as on disk
	batch     map[string]int64 // this batch's released operations
	op        map[string]int64 // the running operation
}

func newRoomSeqs() roomSeqs {
	return roomSeqs{committed: map[string]int64{}, batch: map[string]int64{}, op: map[string]int64{}}
}

// next returns the seq for a new event of room, reading the newest one
// from the database the first time (load is called with the room).
func (r *roomSeqs) next(room string, load func() (int64, error)) (int64, error) {
	last, ok := r.op[room]
	if !ok {
		last, ok = r.batch[room]
	}
	if !ok {
		last, ok = r.committed[room]
	}
	if !ok {
		// Read inside the batch's transaction: it may include events of
		// this batch not yet committed, so it is kept with the batch.
		var err error
		if last, err = load(); err != nil {
			return 0, err
		}
		r.batch[room] = last
	}
	r.op[room] = last + 1
	return last + 1, nil
}

// forget drops every seq known: the next event of each room reads its seq
// from the database again.
func (r *roomSeqs) forget() {
	clear(r.committed)
	clear(r.batch)
}

func (r *roomSeqs) endOp(released bool) {
	if released {
		for room, seq := range r.op {
			r.batch[room] = seq
		}
	}
	clear(r.op)
}

func (r *roomSeqs) endBatch(committed bool) {
	if committed {
		for room, seq := range r.batch {
			r.committed[room] = seq
		}
	}
	clear(r.batch)
	// A room cache that grew past many rooms is dropped (read again lazily).
	if len(r.committed) > 100000 {
		clear(r.committed)
	}
}

func (w *writer) runInSavepoint(tx *sql.Tx, op writeOp, author **Actor) (err error) {
	if _, err := tx.Exec("SAVEPOINT op"); err != nil {
		return err
	}
	defer func() {
		if p := recover(); p != nil {
			err = fmt.Errorf("store: write panicked: %v", p)
		}
		if err != nil {
			*author = nil // the rollback may undo the author row set below
			if _, rbErr := tx.Exec("ROLLBACK TO op"); rbErr != nil {
				err = errors.Join(err, rbErr)
			}
		}
		if _, relErr := tx.Exec("RELEASE op"); relErr != nil && err == nil {
			err = relErr
		}
	}()
	if w.audit && (*author == nil || **author != op.actor) {
		// Each write of the batch runs under its own author: the audit triggers read it.
		if _, err := tx.Exec(`INSERT OR REPLACE INTO audit_context(id, role, actor_id) VALUES (1, ?, ?)`, op.actor.Role, op.actor.ID); err != nil {
			return err
		}
		a := op.actor
		*author = &a
	}
	return op.fn(tx)
}

// groupByAuthor puts each author's writes next to each other, so that the
// author row is written once per author and batch instead of once per write
// (fifty phones writing at once alternate in the queue). The sort is stable:
// one author's writes keep their order (a connection's pipelined operations
// come from one author). Writes of different authors in one batch were all
// queued before any of them was committed, so none can depend on another:
// every order of them is one the clients could have seen.
func groupByAuthor(batch []writeOp) []writeOp {
	batch = slices.Clone(batch)
	slices.SortStableFunc(batch, func(a, b writeOp) int {
		return cmp.Or(strings.Compare(a.actor.Role, b.actor.Role), strings.Compare(a.actor.ID, b.actor.ID))
	})
	return batch
}

// finish reports each write's result; a failed commit fails every write of the batch.
func finish(batch []writeOp, results []error, commitErr error) {
	for i, op := range batch {
		if commitErr != nil {
			op.done <- fmt.Errorf("store: commit: %w", commitErr)
			continue
		}
		op.done <- results[i]
	}
}
