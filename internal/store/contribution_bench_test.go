package store_test

import (
	"context"
	"fmt"
	"slices"
	"sync"
	"testing"
	"time"

	"github.com/minka-gob/minka/internal/model"
	"github.com/minka-gob/minka/internal/store"
	"github.com/minka-gob/minka/internal/storetest"
)

// BenchmarkCreateContribution is the store's part of a live round trip: one
// idea and its event (in the table's room and its workshop's), durable on
// return (synchronous=FULL), with N writers sharing commits, over one table
// or spread over 50 (a national round's many rooms).
func BenchmarkCreateContribution(b *testing.B) {
	for _, c := range []struct{ writers, tables int }{{1, 1}, {8, 1}, {64, 1}, {64, 50}} {
		name := fmt.Sprintf("writers=%d", c.writers)
		if c.tables > 1 {
			name += fmt.Sprintf("/tables=%d", c.tables)
		}
		b.Run(name, func(b *testing.B) {
			st := storetest.Open(b)
			ctx := context.Background()
			tables := benchTables(b, st, c.tables)
			b.ResetTimer()
			var wg sync.WaitGroup
			for g := 0; g < c.writers; g++ {
				wg.Add(1)
				go func(g int) {
					defer wg.Done()
					table := tables[g%len(tables)]
					for i := g; i < b.N; i += c.writers {
						idea := &model.Idea{ID: store.NewID(), Title: "Idea", Principle: model.PrincipleTransparency}
						if _, err := st.CreateContribution(ctx, table, idea); err != nil {
							b.Error(err)
							return
						}
					}
				}(g)
			}
			wg.Wait()
		})
	}
}

// BenchmarkContributionLatency writes at a steady rate, as a workshop round
// does (400 contributions a second over 40 tables), and reports how long a
// contribution takes to be durable: its p50 and p99 (ms) are what every
// phone waits for its ack, and the readers for the event.
func BenchmarkContributionLatency(b *testing.B) {
	const tables, perSecond = 40, 400
	st := storetest.Open(b)
	ctx := context.Background()
	ids := benchTables(b, st, tables)
	took := make([]time.Duration, b.N)
	tick := time.NewTicker(time.Second / perSecond)
	defer tick.Stop()
	b.ResetTimer()
	var wg sync.WaitGroup
	for i := range took {
		<-tick.C
		wg.Add(1)
		go func(i int) {
			defer wg.Done()
			start := time.Now()
			idea := &model.Idea{ID: store.NewID(), Title: "Idea", Principle: model.PrincipleTransparency}
			if _, err := st.CreateContribution(ctx, ids[i%tables], idea); err != nil {
				b.Error(err)
			}
			took[i] = time.Since(start)
		}(i)
	}
	wg.Wait()
	slices.Sort(took)
	b.ReportMetric(float64(took[len(took)/2].Microseconds())/1000, "p50-ms")
	b.ReportMetric(float64(took[len(took)*99/100].Microseconds())/1000, "p99-ms")
}

// benchTables makes a workshop with n tables and returns their ids.
func benchTables(b *testing.B, st *store.Store, n int) []string {
	w := storetest.Workshop(b, st, model.Workshop{})
	ids := make([]string, n)
	for i := range ids {
		ids[i] = storetest.Table(b, st, model.Table{WorkshopID: w.ID, Number: i + 1}).ID
	}
	return ids
}
