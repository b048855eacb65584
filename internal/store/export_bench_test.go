package store_test

import (
	"context"
	"fmt"
	"os"
	"runtime"
	"strings"
	"testing"
	"time"

	"github.com/minka-gob/minka/internal/benchutil"
	"github.com/minka-gob/minka/internal/export"
	"github.com/minka-gob/minka/internal/model"
	"github.com/minka-gob/minka/internal/store"
	"github.com/minka-gob/minka/internal/storetest"
)

// BenchmarkReport100kContributions reads the export rows of a process with
// 40 workshops, 320 tables, 6,000 participants and 100,000 contributions
// (20,000 each of profile notes, user stories, ideas with two ratings each,
// prototypes and feedback): the database half of clicking "Exportar".
func BenchmarkReport100kContributions(b *testing.B) {
	st := seed100k(b)
	ctx := context.Background()
	runtime.GC()
	b.ResetTimer()
	cpu := benchutil.CPUTime()
	var r *model.Report
	var err error
	for i := 0; i < b.N; i++ {
		if r, err = st.Report(ctx, ""); err != nil {
			b.Fatal(err)
		}
	}
	b.StopTimer()
	b.ReportMetric((benchutil.CPUTime()-cpu).Seconds()/float64(b.N), "cpu-s/op")
	n := len(r.ProfileNotes) + len(r.Stories) + len(r.Ideas) + len(r.Prototypes) + len(r.Feedback)
	if n != 100_000 || len(r.Participants) != 6000 {
		b.Fatalf("read %d contributions, %d participants", n, len(r.Participants))
	}
	runtime.GC()
	var m runtime.MemStats
	runtime.ReadMemStats(&m)
	b.ReportMetric(float64(m.HeapInuse)/(1<<20), "report-heap-MiB")
	runtime.KeepAlive(r)
}

// BenchmarkExport100kEndToEnd is the whole of clicking "Exportar" on that
// process: read the rows, write the workbook into the exports folder.
func BenchmarkExport100kEndToEnd(b *testing.B) {
	st := seed100k(b)
	dir := b.TempDir()
	runtime.GC()
	rss := benchutil.ResetPeakRSS()
	b.ResetTimer()
	cpu := benchutil.CPUTime()
	var peak uint64
	for i := 0; i < b.N; i++ {
		peak = max(peak, benchutil.HeapPeak(func() {
			path, err := export.Save(context.Background(), st, dir, export.Request{Now: time.Now().Add(time.Duration(i) * time.Second)})
			if err != nil {
				b.Fatal(err)
			}
			if err := os.Remove(path); err != nil {
				b.Fatal(err)
			}
		}))
	}
	b.StopTimer()
	b.ReportMetric((benchutil.CPUTime()-cpu).Seconds()/float64(b.N), "cpu-s/op")
	b.ReportMetric(float64(peak)/(1<<20), "peak-heap-MiB")
	if rss {
		b.ReportMetric(float64(benchutil.PeakRSS())/(1<<20), "peak-rss-MiB")
	}
}

// seed100k records the benchmarks' process through the database.
func seed100k(b *testing.B) *store.Store {
	b.Helper()
	st := storetest.Open(b)
	ctx := context.Background()
	var tables []string
	for w := 0; w < 40; w++ {
		ws := model.Workshop{City: fmt.Sprintf("Ciudad %02d", w), Date: time.Date(2025, 5, 1+w%28, 0, 0, 0, 0, time.UTC).Format("2006-01-02")}
		if err := st.CreateWorkshop(ctx, &ws); err != nil {
			b.Fatal(err)
		}
		for n := 1; n <= 8; n++ {
			t := model.Table{WorkshopID: ws.ID, Number: n}
			if err := st.CreateTable(ctx, &t); err != nil {
				b.Fatal(err)
			}
			tables = append(tables, t.ID)
		}
	}
	long := strings.Repeat("La ciudadanía necesita información clara y oportuna sobre los servicios públicos. ", 3)
	now := "2025-05-23T14:00:00.000Z"
	err := st.Write(ctx, func(tx *store.Tx) error {
		exec := func(q string, args ...any) error { _, err := tx.Exec(q, args...); return err }
		for i := 0; i < 6000; i++ {
			var workshopID string
			if err := tx.QueryRow(`SELECT workshop_id FROM workshop_tables WHERE id = ?`, tables[i%len(tables)]).Scan(&workshopID); err != nil {
				return err
			}
			if err := exec(`INSERT INTO participants(id, workshop_id, name, gender, sector, organization, email, consent_at, registered_at, checked_in_at, table_id)
				VALUES (?,?,?,?,?,?,?,?,?,?,?)`, store.NewID(), workshopID, fmt.Sprintf("Participante %d", i), model.Genders[i%3], model.Sectors[i%5],
				"Organización", fmt.Sprintf("p%d@example.pe", i), now, now, now, tables[i%len(tables)]); err != nil {
				return err
			}
		}
		for i := 0; i < 20_000; i++ {
			t := tables[i%len(tables)]
			idea, proto := store.NewID(), store.NewID()
			for _, s := range []struct {
				q    string
				args []any
			}{
				{`INSERT INTO profile_notes(id, table_id, kind, text, created_at, updated_at) VALUES (?,?,?,?,?,?)`, []any{store.NewID(), t, "need", long[:120], now, now}},
				{`INSERT INTO user_stories(id, table_id, as_who, want, so_that, created_at, updated_at) VALUES (?,?,?,?,?,?,?)`, []any{store.NewID(), t, "joven rural", long[:100], long[:140], now, now}},
				{`INSERT INTO ideas(id, table_id, title, description, principle, created_at, updated_at) VALUES (?,?,?,?,?,?,?)`, []any{idea, t, fmt.Sprintf("Idea %d", i), long, model.Principles[i%4], now, now}},
				{`INSERT INTO idea_ratings(id, idea_id, rater, impact, feasibility, created_at, updated_at) VALUES (?,?,'a',4,3,?,?), (?,?,'b',5,4,?,?)`, []any{store.NewID(), idea, now, now, store.NewID(), idea, now, now}},
				{`INSERT INTO prototypes(id, table_id, idea_id, description, iteration, created_at, updated_at) VALUES (?,?,?,?,?,?,?)`, []any{proto, t, idea, long, long[:150], now, now}},
				{`INSERT INTO feedback(id, prototype_id, kind, text, created_at, updated_at) VALUES (?,?,?,?,?,?)`, []any{store.NewID(), proto, "like", long[:130], now, now}},
			} {
				if err := exec(s.q, s.args...); err != nil {
					return err
				}
			}
		}
		return nil
	})
	if err != nil {
		b.Fatal(err)
	}
	return st
}
