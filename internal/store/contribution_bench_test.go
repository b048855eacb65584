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
// idea, its event in the table room and its mirror in the workshop room,
// durable on return (synchronous=FULL), with N writers sharing commits.
func BenchmarkCreateContribution(b *testing.B) {
	for _, n := range []int{1, 8, 64} {
		b.Run(fmt.Sprintf("writers=%d", n), func(b *testing.B) {
			st := storetest.Open(b)
			ctx := context.Background()
			w := model.Workshop{City: "Lima", Date: "2025-05-23"}
			if err := st.CreateWorkshop(ctx, &w); err != nil {
				b.Fatal(err)
			}
			t := model.Table{WorkshopID: w.ID, Number: 1}
			if err := st.CreateTable(ctx, &t); err != nil {
				b.Fatal(err)
			}
			b.ResetTimer()
			var wg sync.WaitGroup
			for g := 0; g < n; g++ {
				wg.Add(1)
				go func(g int) {
					defer wg.Done()
					for i := g; i < b.N; i += n {
						idea := &model.Idea{ID: store.NewID(), Title: "Idea", Principle: model.PrincipleTransparency}
						if _, err := st.CreateContribution(ctx, t.ID, idea); err != nil {
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
