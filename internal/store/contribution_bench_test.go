package store_test

import (
	"context"
	"fmt"
	"sync"
	"testing"

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
			w := model.Workshop{City: "Lima", Date: "2025-05-23"}
			if err := st.CreateWorkshop(ctx, &w); err != nil {
				b.Fatal(err)
			}
			tables := make([]string, c.tables)
			for i := range tables {
				t := model.Table{WorkshopID: w.ID, Number: i + 1}
				if err := st.CreateTable(ctx, &t); err != nil {
					b.Fatal(err)
				}
				tables[i] = t.ID
			}
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
