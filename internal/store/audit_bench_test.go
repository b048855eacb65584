package store_test

import (
	"context"
	"testing"

	"github.com/minka-gob/minka/internal/store"
	"github.com/minka-gob/minka/internal/storetest"
)

// BenchmarkAuditCost measures what the audit triggers and the per-write
// author cost the group-commit writer: the same concurrent updates of an idea
// (a rapporteur editing contributions), with the triggers and without.
func BenchmarkAuditCost(b *testing.B) {
	for _, audited := range []bool{true, false} {
		name := "audited"
		if !audited {
			name = "unaudited"
		}
		b.Run(name, func(b *testing.B) {
			st := storetest.Open(b)
			ctx := as("rapporteur", "S1")
			var tableID string
			err := st.Write(ctx, func(tx *store.Tx) error {
				var wid string
				if err := tx.QueryRow(`INSERT INTO workshops(id, process_id, city, date, created_at, updated_at)
					SELECT ?, id, 'Lima', '2025-05-23', '', '' FROM process RETURNING id`, store.NewID()).Scan(&wid); err != nil {
					return err
				}
				tableID = store.NewID()
				_, err := tx.Exec(`INSERT INTO workshop_tables(id, workshop_id, number, facilitator_code, rapporteur_code, participant_code, created_at, updated_at)
					VALUES (?, ?, 1, 'F', 'R', 'P', '', '')`, tableID, wid)
				return err
			})
			if err != nil {
				b.Fatal(err)
			}
			if !audited {
				st.Write(context.Background(), func(tx *store.Tx) error {
					for _, tr := range []string{"insert", "update", "delete"} {
						if _, err := tx.Exec(`DROP TRIGGER audit_ideas_` + tr); err != nil {
							return err
						}
					}
					return nil
				})
			}
			b.ResetTimer()
			b.SetParallelism(16)
			b.RunParallel(func(pb *testing.PB) {
				for pb.Next() {
					err := st.Write(ctx, func(tx *store.Tx) error {
						_, err := tx.Exec(`INSERT INTO ideas(id, table_id, title, description, principle, created_at, updated_at)
							VALUES (?, ?, 'Portal de datos abiertos regional', 'Publicar los datos del gobierno regional', 'transparency', '', '')`,
							store.NewID(), tableID)
						return err
					})
					if err != nil {
						b.Error(err)
						return
					}
				}
			})
		})
	}
}
