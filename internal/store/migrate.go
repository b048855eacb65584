package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"io/fs"
	"path"
	"sort"
	"strconv"
	"strings"
)

// renamedMigrations maps a migration's old recorded name to its current one.
// The files were renumbered once (two were numbered 006, none 005); a database
// that applied them under the old names records the new names at its next start,
// so nothing is applied twice.
var renamedMigrations = map[string]string{
	"006_audit": "005_audit",
}

// ErrNewerDatabase is returned when the database has migrations this binary
// does not know: it was written by a newer Minka, and running on it could lose data.
type ErrNewerDatabase struct{ Unknown []string }

func (e *ErrNewerDatabase) Error() string {
	return fmt.Sprintf("store: the database was written by a newer version of Minka (unknown migrations: %s); use that version or restore a backup", strings.Join(e.Unknown, ", "))
}

// migration is one file of db/migrations: NNN_name.sql, applied in name order.
type migration struct {
	version string
	sql     string
}

func loadMigrations(fsys fs.FS) ([]migration, error) {
	var files []string
	err := fs.WalkDir(fsys, ".", func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if !d.IsDir() && strings.HasSuffix(p, ".sql") {
			files = append(files, p)
		}
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("store: read migrations: %w", err)
	}
	sort.Slice(files, func(i, j int) bool { return path.Base(files[i]) < path.Base(files[j]) })
	var ms []migration
	byNumber := map[int]string{}
	for _, f := range files {
		n, err := MigrationNumber(path.Base(f))
		if err != nil {
			return nil, err
		}
		if other, dup := byNumber[n]; dup {
			return nil, fmt.Errorf("store: migrations %s and %s share the number %03d", other, path.Base(f), n)
		}
		byNumber[n] = path.Base(f)
		b, err := fs.ReadFile(fsys, f)
		if err != nil {
			return nil, err
		}
		ms = append(ms, migration{version: strings.TrimSuffix(path.Base(f), ".sql"), sql: string(b)})
	}
	return ms, nil
}

// currentMigrationName is the current name of a recorded migration.
func currentMigrationName(recorded string) string {
	if cur, ok := renamedMigrations[recorded]; ok {
		return cur
	}
	return recorded
}

// MigrationNumber reads NNN from a migration file name NNN_name.sql.
func MigrationNumber(name string) (int, error) {
	num, rest, ok := strings.Cut(name, "_")
	n, err := strconv.Atoi(num)
	if !ok || err != nil || len(num) != 3 || n < 1 || rest == "" {
		return 0, fmt.Errorf("store: migration %q is not named NNN_name.sql", name)
	}
	return n, nil
}

// migrate applies, in one transaction each, the migrations not yet applied.
func (s *Store) migrate(ctx context.Context, fsys fs.FS) error {
	ms, err := loadMigrations(fsys)
	if err != nil {
		return err
	}
	if _, err := s.write.ExecContext(ctx, `CREATE TABLE IF NOT EXISTS schema_migrations (
		version TEXT PRIMARY KEY, applied_at TEXT NOT NULL)`); err != nil {
		return fmt.Errorf("store: create schema_migrations: %w", err)
	}
	for old, cur := range renamedMigrations {
		if _, err := s.write.ExecContext(ctx, `UPDATE schema_migrations SET version = ? WHERE version = ?
			AND NOT EXISTS (SELECT 1 FROM schema_migrations WHERE version = ?)`, cur, old, cur); err != nil {
			return fmt.Errorf("store: rename migration %s: %w", old, err)
		}
	}
	applied, err := s.appliedMigrations(ctx)
	if err != nil {
		return err
	}
	known := map[string]bool{}
	for _, m := range ms {
		known[m.version] = true
	}
	var unknown []string
	for v := range applied {
		if !known[v] {
			unknown = append(unknown, v)
		}
	}
	if len(unknown) > 0 {
		sort.Strings(unknown)
		return &ErrNewerDatabase{Unknown: unknown}
	}
	triggersDropped := false
	for _, m := range ms {
		if applied[m.version] {
			continue
		}
		if !triggersDropped {
			// Generated audit triggers name columns a migration may change; Open recreates them.
			if err := s.dropAuditTriggers(ctx); err != nil {
				return err
			}
			triggersDropped = true
		}
		if err := s.applyMigration(ctx, m); err != nil {
			return err
		}
	}
	return nil
}

func (s *Store) appliedMigrations(ctx context.Context) (map[string]bool, error) {
	rows, err := s.write.QueryContext(ctx, `SELECT version FROM schema_migrations`)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	applied := map[string]bool{}
	for rows.Next() {
		var v string
		if err := rows.Scan(&v); err != nil {
			return nil, err
		}
		applied[v] = true
	}
	return applied, rows.Err()
}

// foreignKeysOff is the first line of a migration that rebuilds a table
// other tables refer to (https://sqlite.org/lang_altertable.html#otheralter):
// it runs with foreign keys off, so that dropping the old table does not
// cascade, and is committed only if PRAGMA foreign_key_check finds nothing.
const foreignKeysOff = "-- minka:foreign-keys-off"

func (s *Store) applyMigration(ctx context.Context, m migration) error {
	conn, err := s.write.Conn(ctx)
	if err != nil {
		return err
	}
	defer conn.Close()
	fkOff := strings.HasPrefix(m.sql, foreignKeysOff)
	if fkOff {
		// Outside any transaction: SQLite ignores the pragma inside one.
		if _, err := conn.ExecContext(ctx, `PRAGMA foreign_keys = OFF`); err != nil {
			return err
		}
		defer conn.ExecContext(context.Background(), `PRAGMA foreign_keys = ON`)
	}
	tx, err := conn.BeginTx(ctx, nil)
	if err != nil {
		return err
	}
	defer tx.Rollback()
	if _, err := tx.ExecContext(ctx, m.sql); err != nil {
		return fmt.Errorf("store: migration %s: %w", m.version, err)
	}
	if fkOff {
		var table, parent string
		var rowid, fkid sql.NullInt64
		err := tx.QueryRowContext(ctx, `PRAGMA foreign_key_check`).Scan(&table, &rowid, &parent, &fkid)
		if err == nil {
			return fmt.Errorf("store: migration %s: a row of %s refers to a missing row of %s", m.version, table, parent)
		}
		if !errors.Is(err, sql.ErrNoRows) {
			return fmt.Errorf("store: migration %s: foreign key check: %w", m.version, err)
		}
	}
	if _, err := tx.ExecContext(ctx, `INSERT INTO schema_migrations(version, applied_at) VALUES (?, ?)`, m.version, s.nowText()); err != nil {
		return err
	}
	return tx.Commit()
}

// SchemaVersions lists the applied migrations, oldest first.
func (s *Store) SchemaVersions(ctx context.Context) ([]string, error) {
	rows, err := s.read.QueryContext(ctx, `SELECT version FROM schema_migrations ORDER BY version`)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var vs []string
	for rows.Next() {
		var v string
		if err := rows.Scan(&v); err != nil {
			return nil, err
		}
		vs = append(vs, v)
	}
	return vs, rows.Err()
}
