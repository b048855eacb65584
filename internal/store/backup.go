package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"time"

	sqlite3 "github.com/mattn/go-sqlite3"
)

// ErrDatabaseInUse is returned by Restore while a server has the database
// open, and by Open while a restore is replacing it.
var ErrDatabaseInUse = errors.New("the database is in use by another Minka process (a running server, or a restore in progress): stop the server before restoring")

// ErrNotMinka is returned when a file to restore is not a Minka database.
var ErrNotMinka = errors.New("not a Minka database")

// Backup writes a consistent copy of the live database to dst, which must
// not exist yet, while the server keeps running: SQLite's online backup API
// copies every page inside one read transaction, so writes committed during
// the copy are either wholly in it or wholly not. The copy is a single file
// (no -wal beside it) and passes an integrity check before it appears under
// its name.
func (s *Store) Backup(ctx context.Context, dst string) error {
	return backupDB(ctx, s.read, dst)
}

// BackupFile copies the database file src, which a running server may be
// using, to dst. It never creates or migrates src.
func BackupFile(ctx context.Context, src, dst string) error {
	if _, err := os.Stat(src); err != nil {
		return fmt.Errorf("backup: %w", err)
	}
	db, err := sql.Open("sqlite3", dsn(src, true))
	if err != nil {
		return err
	}
	defer db.Close()
	return backupDB(ctx, db, dst)
}

// backupDB copies src's main database into a new file dst.
func backupDB(ctx context.Context, src *sql.DB, dst string) error {
	if _, err := os.Stat(dst); err == nil {
		return fmt.Errorf("backup: %s already exists", dst)
	}
	dir := filepath.Dir(dst)
	tmpf, err := os.CreateTemp(dir, "."+filepath.Base(dst)+".partial-*")
	if err != nil {
		return fmt.Errorf("backup: %w", err)
	}
	tmp := tmpf.Name()
	tmpf.Close()
	ok := false
	defer func() {
		if !ok {
			os.Remove(tmp)
			os.Remove(tmp + "-journal")
		}
	}()
	if err := copyDatabase(ctx, src, tmp); err != nil {
		return fmt.Errorf("backup: %w", err)
	}
	if err := syncFile(tmp); err != nil {
		return err
	}
	if err := os.Rename(tmp, dst); err != nil {
		return fmt.Errorf("backup: %w", err)
	}
	ok = true
	return syncDir(dir)
}

// copyDatabase runs the online backup from src into the (empty) file at
// path, leaves it in rollback-journal mode so that it is one self-contained
// file, and checks its integrity.
func copyDatabase(ctx context.Context, src *sql.DB, path string) error {
	dstDB, err := sql.Open("sqlite3", "file:"+path+"?_synchronous=FULL")
	if err != nil {
		return err
	}
	defer dstDB.Close()
	dstConn, err := dstDB.Conn(ctx)
	if err != nil {
		return err
	}
	defer dstConn.Close()
	srcConn, err := src.Conn(ctx)
	if err != nil {
		return err
	}
	defer srcConn.Close()
	err = dstConn.Raw(func(d any) error {
		return srcConn.Raw(func(s any) error {
			dc, ok1 := d.(*sqlite3.SQLiteConn)
			sc, ok2 := s.(*sqlite3.SQLiteConn)
			if !ok1 || !ok2 {
				return errors.New("not a SQLite connection")
			}
			b, err := dc.Backup("main", sc, "main")
			if err != nil {
				return err
			}
			// -1: every page in one step, so that the copy is one snapshot.
			for {
				done, err := b.Step(-1)
				if err != nil {
					b.Close()
					return err
				}
				if done {
					break
				}
			}
			return b.Finish()
		})
	})
	if err != nil {
		return err
	}
	var mode string
	if err := dstConn.QueryRowContext(ctx, `PRAGMA journal_mode=DELETE`).Scan(&mode); err != nil {
		return err
	}
	return integrityCheck(ctx, dstConn)
}

// integrityCheck runs PRAGMA integrity_check and reports its findings.
func integrityCheck(ctx context.Context, q interface {
	QueryContext(ctx context.Context, query string, args ...any) (*sql.Rows, error)
}) error {
	rows, err := q.QueryContext(ctx, `PRAGMA integrity_check`)
	if err != nil {
		return err
	}
	defer rows.Close()
	var problems []string
	for rows.Next() {
		var line string
		if err := rows.Scan(&line); err != nil {
			return err
		}
		if line != "ok" {
			problems = append(problems, line)
		}
	}
	if err := rows.Err(); err != nil {
		return err
	}
	if len(problems) > 0 {
		if len(problems) > 5 {
			problems = append(problems[:5], "…")
		}
		return fmt.Errorf("integrity check failed: %s", strings.Join(problems, "; "))
	}
	return nil
}

// BackupInfo is what VerifyBackup learned about a file.
type BackupInfo struct {
	Versions []string // applied migrations, oldest first
	Pending  []string // migrations this binary will apply at the next start
}

// VerifyBackup checks that path is a sound Minka database that this binary
// can run: SQLite's integrity check passes, it has Minka's migration table
// with the first migration, and no migration this binary does not know
// (ErrNewerDatabase otherwise).
func VerifyBackup(ctx context.Context, path string, migrations fs.FS) (BackupInfo, error) {
	var info BackupInfo
	if _, err := os.Stat(path); err != nil {
		return info, err
	}
	db, err := sql.Open("sqlite3", "file:"+path+"?mode=ro")
	if err != nil {
		return info, err
	}
	defer db.Close()
	if err := integrityCheck(ctx, db); err != nil {
		// Not a database at all ("file is not a database") lands here too.
		return info, fmt.Errorf("%s: %w (%v)", path, ErrNotMinka, err)
	}
	rows, err := db.QueryContext(ctx, `SELECT version FROM schema_migrations ORDER BY version`)
	if err != nil {
		return info, fmt.Errorf("%s: %w (no schema_migrations table)", path, ErrNotMinka)
	}
	defer rows.Close()
	applied := map[string]bool{}
	for rows.Next() {
		var v string
		if err := rows.Scan(&v); err != nil {
			return info, err
		}
		v = currentMigrationName(v)
		applied[v] = true
		info.Versions = append(info.Versions, v)
	}
	if err := rows.Err(); err != nil {
		return info, err
	}
	ms, err := loadMigrations(migrations)
	if err != nil {
		return info, err
	}
	if len(ms) == 0 || !applied[ms[0].version] {
		return info, fmt.Errorf("%s: %w (migration %s missing)", path, ErrNotMinka, firstVersion(ms))
	}
	known := map[string]bool{}
	for _, m := range ms {
		known[m.version] = true
		if !applied[m.version] {
			info.Pending = append(info.Pending, m.version)
		}
	}
	var unknown []string
	for v := range applied {
		if !known[v] {
			unknown = append(unknown, v)
		}
	}
	if len(unknown) > 0 {
		sort.Strings(unknown)
		return info, &ErrNewerDatabase{Unknown: unknown}
	}
	return info, nil
}

func firstVersion(ms []migration) string {
	if len(ms) == 0 {
		return "?"
	}
	return ms[0].version
}

// RestoreResult says what Restore did.
type RestoreResult struct {
	BackupInfo
	// Previous is where the replaced database was kept ("" when there was none).
	Previous string
}

// Restore replaces the database at dbPath with the backup at backupPath.
// It refuses while a server has the database open (ErrDatabaseInUse), and
// refuses a file that VerifyBackup rejects. The replaced database is first
// checkpointed (so that it is complete in one file) and kept beside it as
// "<db>.<time>.bak"; nothing is ever deleted. A server started afterwards
// applies the migrations the backup lacks.
func Restore(ctx context.Context, backupPath, dbPath string, migrations fs.FS) (RestoreResult, error) {
	var res RestoreResult
	lock, err := lockFile(dbPath, true)
	if err != nil {
		return res, err
	}
	defer lock.release()
	if res.BackupInfo, err = VerifyBackup(ctx, backupPath, migrations); err != nil {
		return res, err
	}
	dir := filepath.Dir(dbPath)
	tmp := dbPath + ".restoring"
	os.Remove(tmp)
	src, err := sql.Open("sqlite3", "file:"+backupPath+"?mode=ro")
	if err != nil {
		return res, err
	}
	err = copyDatabase(ctx, src, tmp)
	src.Close()
	if err == nil {
		err = syncFile(tmp)
	}
	if err != nil {
		os.Remove(tmp)
		return res, fmt.Errorf("restore: %w", err)
	}
	if _, err := os.Stat(dbPath); err == nil {
		res.Previous = fmt.Sprintf("%s.%s.bak", dbPath, time.Now().UTC().Format("20060102T150405Z"))
		if err := setAside(ctx, dbPath, res.Previous); err != nil {
			os.Remove(tmp)
			return res, fmt.Errorf("restore: keep the current database: %w", err)
		}
	}
	if err := os.Rename(tmp, dbPath); err != nil {
		return res, fmt.Errorf("restore: %w", err)
	}
	return res, syncDir(dir)
}

// setAside checkpoints the database at path and moves it (with any
// write-ahead log left) to dst.
func setAside(ctx context.Context, path, dst string) error {
	db, err := sql.Open("sqlite3", "file:"+path+"?_journal_mode=WAL&_busy_timeout=5000")
	if err != nil {
		return err
	}
	_, cerr := db.ExecContext(ctx, `PRAGMA wal_checkpoint(TRUNCATE)`)
	// Closing the last connection checkpoints again and deletes the -wal file.
	if err := errors.Join(cerr, db.Close()); err != nil {
		return err
	}
	if err := os.Rename(path, dst); err != nil {
		return err
	}
	// A log that survived must travel with its database, never meet the new one.
	if _, err := os.Stat(path + "-wal"); err == nil {
		if err := os.Rename(path+"-wal", dst+"-wal"); err != nil {
			return err
		}
	}
	if err := os.Remove(path + "-shm"); err != nil && !errors.Is(err, os.ErrNotExist) {
		return err
	}
	return nil
}

func syncFile(path string) error {
	f, err := os.OpenFile(path, os.O_RDWR, 0)
	if err != nil {
		return err
	}
	return errors.Join(f.Sync(), f.Close())
}

func syncDir(dir string) error {
	d, err := os.Open(dir)
	if err != nil {
		return err
	}
	// Some systems cannot fsync a directory; the rename is still atomic there.
	_ = d.Sync()
	return d.Close()
}
