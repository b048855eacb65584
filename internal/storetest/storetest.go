// Package storetest opens real SQLite databases in a test's temporary folder:
// tests run against the same database and migrations as production, not mocks.
package storetest

import (
	"context"
	"path/filepath"
	"testing"

	"golang.org/x/crypto/bcrypt"

	"github.com/minka-gob/minka"
	"github.com/minka-gob/minka/internal/store"
)

// Open returns a migrated, seeded store that is closed when the test ends.
func Open(tb testing.TB) *store.Store {
	tb.Helper()
	return OpenWith(tb, store.Options{})
}

// OpenWith is Open with options (a clock, for instance).
func OpenWith(tb testing.TB, opts store.Options) *store.Store {
	tb.Helper()
	if opts.PasswordCost == 0 {
		// The lowest bcrypt cost: tests log in often, and the race detector makes hashing slow.
		opts.PasswordCost = bcrypt.MinCost
	}
	st, err := store.Open(filepath.Join(tb.TempDir(), "minka.sqlite"), minka.Migrations, opts)
	if err != nil {
		tb.Fatal(err)
	}
	tb.Cleanup(func() { st.Close() })
	if err := st.Seed(context.Background()); err != nil {
		tb.Fatal(err)
	}
	return st
}
