package store

import (
	"context"
	"database/sql"
	"sync"
	"time"

	sqlite3 "github.com/mattn/go-sqlite3"
)

// writerDriver is SQLite for the writer's connection, which
//   - keeps temporary data in memory (temp_store=MEMORY): each write runs in
//     a savepoint, and SQLite's statement journal for it would otherwise be
//     spilled to a temporary file, several pwrite calls per write;
//   - never checkpoints the WAL itself (wal_autocheckpoint=0): a checkpoint
//     copies pages into the database file and fsyncs it, and run inline it
//     would stall one commit in a few. The checkpointer does it beside;
//   - keeps 16 MiB of pages (cache_size; SQLite's default is 2 MiB): a
//     batch of hundreds of writes dirties more than 2 MiB, and SQLite then
//     spills dirty pages to the WAL before the commit, writing some twice,
//     and reads back pages it dropped.
const writerDriver = "sqlite3_minka_writer"

func init() {
	sql.Register(writerDriver, &sqlite3.SQLiteDriver{ConnectHook: func(c *sqlite3.SQLiteConn) error {
		_, err := c.Exec("PRAGMA temp_store = MEMORY; PRAGMA wal_autocheckpoint = 0; PRAGMA cache_size = -16384;", nil)
		return err
	}})
}

// checkpointEvery is how often the checkpointer copies the WAL into the
// database file.
const checkpointEvery = 250 * time.Millisecond

// checkpointer runs WAL checkpoints on its own connection, off the writer's
// path. A PASSIVE checkpoint never blocks the writer or the readers; it
// copies what no reader still needs, and once the whole WAL is copied the
// writer starts it over from the beginning, so it stays small.
type checkpointer struct {
	db   *sql.DB
	quit chan struct{}
	wg   sync.WaitGroup
	once sync.Once
}

func startCheckpointer(db *sql.DB) *checkpointer {
	c := &checkpointer{db: db, quit: make(chan struct{})}
	c.wg.Add(1)
	go c.loop()
	return c
}

func (c *checkpointer) loop() {
	defer c.wg.Done()
	t := time.NewTicker(checkpointEvery)
	defer t.Stop()
	for {
		select {
		case <-t.C:
			ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
			// An error (busy, or the database closing) is tried again next tick.
			_, _ = c.db.ExecContext(ctx, "PRAGMA wal_checkpoint(PASSIVE)")
			cancel()
		case <-c.quit:
			return
		}
	}
}

// stop ends the loop and closes its connection (the last connection to
// close checkpoints the rest of the WAL).
func (c *checkpointer) stop() {
	c.once.Do(func() { close(c.quit) })
	c.wg.Wait()
	c.db.Close()
}
