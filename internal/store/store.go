// Package store keeps Minka's records in SQLite. All SQL lives here (and in
// db/migrations). Writes go through one goroutine that commits them in
// batches (group commit): with synchronous=FULL one commit costs an fsync, so
// a batch of many writes costs the same as one, and every write is
// acknowledged only after its batch is durable.
package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"io/fs"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"time"

	"github.com/google/uuid"
	_ "github.com/mattn/go-sqlite3" // the SQLite driver
)

// Store is the database: a read pool and a single writer.
type Store struct {
	path   string
	read   *sql.DB
	write  *sql.DB
	writer *writer
	ckpt   *checkpointer
	// workshops caches each table's workshop (live operations need it).
	workshops sync.Map
	// records keeps each table's shared record for joins (TableRecord).
	records tableRecords
	lock    *fileLock
	now     func() time.Time
	pwCost  int // bcrypt cost; 0 means bcrypt.DefaultCost

	dummyOnce sync.Once
	dummy     string
}

// Options tune Open; the zero value is right for production.
type Options struct {
	// Now replaces the clock (tests).
	Now func() time.Time
	// PasswordCost is the bcrypt cost of new password hashes; 0 means
	// bcrypt.DefaultCost. Tests lower it: a hash at the default cost takes
	// seconds under the race detector.
	PasswordCost int
}

// Open opens (creating if needed) the database file at path, applies the
// migrations found in migrations and starts the writer.
func Open(path string, migrations fs.FS, opts Options) (*Store, error) {
	if dir := filepath.Dir(path); dir != "" {
		if err := os.MkdirAll(dir, 0o755); err != nil {
			return nil, fmt.Errorf("store: create directory: %w", err)
		}
	}
	lock, err := lockFile(path, false)
	if err != nil {
		return nil, fmt.Errorf("store: %s: %w", path, err)
	}
	if err := makePrivate(path); err != nil {
		lock.release()
		return nil, fmt.Errorf("store: %s: %w", path, err)
	}
	write, err := sql.Open(writerDriver, dsn(path, false))
	if err != nil {
		lock.release()
		return nil, err
	}
	// One connection: SQLite allows one writer; queuing here is cheaper than busy retries.
	write.SetMaxOpenConns(1)
	read, err := sql.Open("sqlite3", dsn(path, true))
	if err != nil {
		write.Close()
		lock.release()
		return nil, err
	}
	read.SetMaxOpenConns(8)
	// Keep them all open: database/sql keeps two idle connections by
	// default, and opening a SQLite connection (its pragmas, the schema
	// parsed again) cost more than the reads themselves when hundreds of
	// phones join at once.
	read.SetMaxIdleConns(8)
	s := &Store{path: path, read: read, write: write, lock: lock, now: opts.Now, pwCost: opts.PasswordCost}
	if s.now == nil {
		s.now = time.Now
	}
	if err := s.migrate(context.Background(), migrations); err != nil {
		s.closeDBs()
		return nil, err
	}
	if err := s.syncAuditTriggers(context.Background()); err != nil {
		s.closeDBs()
		return nil, err
	}
	audit, err := hasAuditLog(context.Background(), write)
	if err != nil {
		s.closeDBs()
		return nil, err
	}
	ckpt, err := sql.Open("sqlite3", dsn(path, false))
	if err != nil {
		s.closeDBs()
		return nil, err
	}
	ckpt.SetMaxOpenConns(1)
	s.writer = startWriter(write, audit)
	s.ckpt = startCheckpointer(ckpt)
	return s, nil
}

// dsn builds the connection string: WAL so readers never block the writer,
// synchronous=FULL so an acknowledged write survives a power cut, foreign keys
// on, and immediate transactions so the writer never upgrades a read lock.
func dsn(path string, readOnly bool) string {
	q := url.Values{}
	q.Set("_journal_mode", "WAL")
	q.Set("_synchronous", "FULL")
	q.Set("_busy_timeout", "5000")
	q.Set("_foreign_keys", "on")
	// Deleted and overwritten content (an erased participant's name) is zeroed
	// in the pages being written anyway, not left in free space.
	q.Set("_secure_delete", "FAST")
	// Reuse prepared statements: preparing costs more than running most of Minka's queries.
	q.Set("_stmt_cache_size", "128")
	if readOnly {
		q.Set("mode", "ro")
	} else {
		q.Set("_txlock", "immediate")
	}
	return "file:" + path + "?" + q.Encode()
}

// Close stops the writer (after committing what it holds) and closes the database.
func (s *Store) Close() error {
	if s.writer != nil {
		s.writer.stop()
	}
	if s.ckpt != nil {
		s.ckpt.stop()
	}
	return s.closeDBs()
}

func (s *Store) closeDBs() error {
	return errors.Join(s.read.Close(), s.write.Close(), s.lock.release())
}

// Path is the database file.
func (s *Store) Path() string { return s.path }

// nowText is the current time as stored: RFC 3339 UTC with milliseconds.
func (s *Store) nowText() string { return formatTime(s.now()) }

const timeLayout = "2006-01-02T15:04:05.000Z07:00"

func formatTime(t time.Time) string { return t.UTC().Format(timeLayout) }

func parseTime(s string) time.Time {
	t, err := time.Parse(time.RFC3339Nano, s)
	if err != nil {
		return time.Time{}
	}
	return t
}

func parseNullTime(s sql.NullString) *time.Time {
	if !s.Valid || s.String == "" {
		return nil
	}
	t := parseTime(s.String)
	return &t
}

func nullString(s string) sql.NullString { return sql.NullString{String: s, Valid: s != ""} }

// NewID returns a new time-ordered UUID (version 7), the identifier of every
// record. Ids made one after another sort one after another, so inserting
// records appends to the end of each index on an id instead of touching a
// random page of it: a batch of new records writes a few pages, not one per
// record.
func NewID() string { return uuid.Must(uuid.NewV7()).String() }

// querier is what both the read pool and a write transaction offer: read
// helpers take it so that they run inside a write as well as outside.
type querier interface {
	QueryContext(ctx context.Context, query string, args ...any) (*sql.Rows, error)
	QueryRowContext(ctx context.Context, query string, args ...any) *sql.Row
}

// Tx is a write transaction handed to a function run by the writer.
type Tx = sql.Tx

// Write runs fn inside the writer's current batch and returns once the batch
// is committed (or fn failed). fn's changes are rolled back alone when it
// returns an error; the other writes of the batch are unaffected.
func (s *Store) Write(ctx context.Context, fn func(tx *Tx) error) error {
	return s.writer.do(ctx, guarded(ctx, fn))
}

// makePrivate makes the database file readable by its owner only (0600),
// creating it empty if it is new: SQLite gives its WAL and shared-memory
// files the database file's permissions. Files of an older install are
// narrowed too.
func makePrivate(path string) error {
	if path == "" || path == ":memory:" || strings.HasPrefix(path, "file:") {
		return nil
	}
	f, err := os.OpenFile(path, os.O_RDWR|os.O_CREATE, 0o600)
	if err != nil {
		return err
	}
	f.Close()
	for _, p := range []string{path, path + "-wal", path + "-shm"} {
		if err := os.Chmod(p, 0o600); err != nil && !errors.Is(err, fs.ErrNotExist) {
			return err
		}
	}
	return nil
}
