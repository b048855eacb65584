package store

import (
	"context"
	"sync"
	"testing"
)

// Readers running at once (phones joining together) reuse the read pool's
// connections: none is closed after its read to be opened again, which
// costs more than the read (pragmas, the schema parsed again).
func TestReadPoolKeepsItsConnections(t *testing.T) {
	st := openSeeded(t)
	ctx := context.Background()
	for round := 0; round < 5; round++ {
		var wg sync.WaitGroup
		for range 8 {
			wg.Add(1)
			go func() {
				defer wg.Done()
				tx, err := st.read.BeginTx(ctx, nil)
				if err != nil {
					t.Error(err)
					return
				}
				var n int
				if err := tx.QueryRow(`SELECT COUNT(*) FROM principles`).Scan(&n); err != nil {
					t.Error(err)
				}
				tx.Rollback()
			}()
		}
		wg.Wait()
	}
	if closed := st.read.Stats().MaxIdleClosed; closed != 0 {
		t.Fatalf("%d read connections were closed after use, to be opened again", closed)
	}
}
