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
	"sync/atomic"

	"github.com/minka-gob/minka/internal/liveproto"
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
	// live marks a write that changes nothing the writer keeps in memory
	// (room seqs, field checkouts, session expiries) except by appending
	// events through appendEvent: live operations, and the opening of a
	// session. Any other write may add or remove events behind the seqs (a
	// field import does), check a workshop out or end a session, so all of
	// it is forgotten before and after it.
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
	// expiry caches when each session a live operation was checked
	// against expires (sessionExpiry), which every live operation asks.
	// Sessions change only in writes outside the live path, and those clear
	// it before and after they run.
	expiry map[string]string
	// inSavepoints is set while a batch runs each write in a savepoint of
	// its own. Without them, a live operation need not look for an earlier
	// application of its op: an op applied before fails the batch on the
	// op's unique index, and the batch is run again with savepoints, where
	// the look-up answers it (see liveOp).
	inSavepoints bool
	// events are those appended by the running write (op) and by the
	// batch's released writes (batch), for onCommit.
	events struct{ op, batch []liveproto.Event }
	// onCommit is told of each batch's events once committed (see OnCommit).
	onCommit atomic.Pointer[func([]liveproto.Event)]
	// outsideLive counts the batches holding a write outside the live path:
	// odd while one runs, two more after each (see tableRecords).
	outsideLive atomic.Uint64
	ops         chan writeOp
	quit        chan struct{}
	wg          sync.WaitGroup
	close       sync.Once
}

func startWriter(db *sql.DB, audit bool) *writer {
	w := &writer{db: db, audit: audit, seqs: newRoomSeqs(), inField: map[string]bool{}, expiry: map[string]string{}, ops: make(chan writeOp, 4096), quit: make(chan struct{})}
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

// runBatch commits batch in one transaction. A batch of live operations
// alone is first run without a savepoint per operation: they seldom fail,
// and a savepoint pair costs as much as a small insert. If one of them
// fails, the transaction is rolled back and the batch is run again with a
// savepoint per operation, so that the failed one leaves no trace and the
// others are kept (and an op sent twice is answered as applied before).
func (w *writer) runBatch(batch []writeOp) {
	if w.audit {
		batch = groupByAuthor(batch)
	}
	if allLive(batch) {
		if !w.tryBatch(batch, false) {
			w.tryBatch(batch, true)
		}
		return
	}
	w.outsideLive.Add(1)
	defer w.outsideLive.Add(1)
	w.tryBatch(batch, true)
}

func allLive(batch []writeOp) bool {
	for _, op := range batch {
		if !op.live {
			return false
		}
	}
	return true
}

// tryBatch runs batch in one transaction and reports each write's result,
// with a savepoint per write if savepoints is set. Without savepoints, a
// failed write rolls everything back, and tryBatch returns false having
// reported nothing.
func (w *writer) tryBatch(batch []writeOp, savepoints bool) bool {
	w.inSavepoints = savepoints
	results := make([]error, len(batch))
	tx, err := w.db.Begin()
	if err != nil {
		finish(batch, results, err)
		return true
	}
	var author *Actor // the author now in audit_context (nil: none or unknown)
	for i, op := range batch {
		if !op.live {
			w.forget()
		}
		if savepoints {
			results[i] = w.runInSavepoint(tx, op, &author)
		} else if results[i] = w.run(tx, op, &author); results[i] != nil {
			tx.Rollback()
			w.endOp(false)
			w.endBatch(false)
			return false
		}
		w.endOp(results[i] == nil)
		if !op.live {
			// It may have changed sessions or checkouts, or added events.
			w.forget()
		}
	}
	if w.audit {
		// Changes made later outside Minka must not be attributed to the last author.
		if _, err := tx.Exec(`DELETE FROM audit_context`); err != nil {
			tx.Rollback()
			w.endBatch(false)
			finish(batch, results, err)
			return true
		}
	}
	err = tx.Commit()
	if evs := w.endBatch(err == nil); len(evs) > 0 {
		if f := w.onCommit.Load(); f != nil {
			(*f)(evs)
		}
	}
	finish(batch, results, err)
	return true
}

// endOp ends the running write: what it appended (seqs and events) is kept
// with the batch if it was released, given back if not.
func (w *writer) endOp(released bool) {
	w.seqs.endOp(released)
	if released {
		w.events.batch = append(w.events.batch, w.events.op...)
	}
	w.events.op = w.events.op[:0]
}

// endBatch ends the batch and returns the events it committed (nil if it
// did not commit).
func (w *writer) endBatch(committed bool) []liveproto.Event {
	w.seqs.endBatch(committed)
	evs := w.events.batch
	w.events.batch = nil
	if !committed {
		return nil
	}
	return evs
}

// forget drops what the writer keeps of the database for live operations
// (room seqs, field checkouts, session expiries): a write outside the live
// path may change any of it.
func (w *writer) forget() {
	w.seqs.forget()
	clear(w.inField)
	clear(w.expiry)
}

// sessionExpiry is the package's sessionExpiry for a write's guard, with the
// answer kept in expiry (only the writer goroutine touches it).
func (w *writer) sessionExpiry(ctx context.Context, tx *Tx, hash string) (string, error) {
	if at, ok := w.expiry[hash]; ok {
		return at, nil
	}
	at, err := sessionExpiry(ctx, tx, hash)
	if err == nil && at != "" {
		// A session not found is not kept: sessions are opened as live
		// writes (CreateSession), which do not clear this.
		w.expiry[hash] = at
	}
	return at, err
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
		if err != nil {
			*author = nil // the rollback may undo the author row set by run
			if _, rbErr := tx.Exec("ROLLBACK TO op"); rbErr != nil {
				err = errors.Join(err, rbErr)
			}
		}
		if _, relErr := tx.Exec("RELEASE op"); relErr != nil && err == nil {
			err = relErr
		}
	}()
	return w.run(tx, op, author)
}

// run runs one write under its author (a panic is its error).
func (w *writer) run(tx *sql.Tx, op writeOp, author **Actor) (err error) {
	defer func() {
		if p := recover(); p != nil {
			err = fmt.Errorf("store: write panicked: %v", p)
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
