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
	"github.com/minka-gob/minka/internal/report"
	"github.com/minka-gob/minka/internal/store"
	"github.com/minka-gob/minka/internal/storetest"
)

// BenchmarkReport100kContributions reads the export rows of a process with
// 40 workshops, 320 tables, 6,000 participants and 100,000 contributions
// (20,000 each of profile notes, user stories, ideas with two ratings each,
// prototypes and feedback) and the Forum's records (seedForum): the database
// half of clicking "Exportar", the ranking computed.
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
	r = report.Complete(r)
	if len(r.Sheets) != 420 || len(r.Scores) != 9500 || len(r.Ranking) != 380 || len(r.Decisions) != 400 || len(r.Satisfaction) != 40 {
		b.Fatalf("read %d sheets, %d scores, %d ranked, %d matrix lines, %d surveys",
			len(r.Sheets), len(r.Scores), len(r.Ranking), len(r.Decisions), len(r.Satisfaction))
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
	seedForum(b, st, long)
	return st
}

// seedForum adds the Forum's records to the benchmarks' process, as large as
// the writer benchmark's: 400 idea sheets (one per idea every 50) with their
// seven fields and 20 merges of two, 25 members scoring every one of the 380
// sheets left (9,500 scores, 20 recusals), a decision with its rationale for
// each, the results published; and 30 satisfaction answers per workshop.
func seedForum(b *testing.B, st *store.Store, long string) {
	b.Helper()
	ctx := context.Background()
	var members []string
	for m := 0; m < 25; m++ {
		fm := model.ForumMember{Name: fmt.Sprintf("Miembro %d", m), Organization: fmt.Sprintf("Organización %d", m), Sector: model.ForumSectors[m%4]}
		if _, err := st.CreateForumMember(ctx, &fm); err != nil {
			b.Fatal(err)
		}
		members = append(members, fm.ID)
	}
	var active []string
	err := st.Write(ctx, func(tx *store.Tx) error {
		exec := func(q string, args ...any) error { _, err := tx.Exec(q, args...); return err }
		now := "2025-08-01T14:00:00.000Z"
		rows, err := tx.Query(`SELECT id FROM ideas ORDER BY rowid`)
		if err != nil {
			return err
		}
		var ideas []string
		for rows.Next() {
			var id string
			if err := rows.Scan(&id); err != nil {
				return err
			}
			ideas = append(ideas, id)
		}
		rows.Close()
		number := 0
		newSheet := func(idea any, kind string) (string, error) {
			number++
			id := store.NewID()
			return id, exec(`INSERT INTO sheets(id, number, kind, idea_id, name, place, problem, description, contribution, relevance, principle,
				responsible, created_at, updated_at) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?)`, id, number, kind, idea,
				fmt.Sprintf("Ventanilla digital única %d", number), "Taller de Ciudad 01, 01/05/2025 — mesa 1", long, long, long, long,
				model.Principles[number%4], "PCM; gobiernos regionales", now, now)
		}
		var sheets []string
		for i := 0; i < len(ideas); i += 50 {
			id, err := newSheet(ideas[i], model.SheetFromIdea)
			if err != nil {
				return err
			}
			sheets = append(sheets, id)
		}
		for m := 0; m < 20; m++ {
			id, err := newSheet(nil, model.SheetMerged)
			if err != nil {
				return err
			}
			if err := exec(`UPDATE sheets SET merged_into = ? WHERE id IN (?, ?)`, id, sheets[2*m], sheets[2*m+1]); err != nil {
				return err
			}
		}
		for i, id := range sheets {
			if i >= 40 {
				active = append(active, id)
			}
		}
		if err := exec(`UPDATE forum_state SET stage = 'scoring', opened_at = ?, updated_at = ?`, now, now); err != nil {
			return err
		}
		return nil
	})
	if err != nil {
		b.Fatal(err)
	}
	merged, err := st.ActiveSheets(ctx)
	if err != nil {
		b.Fatal(err)
	}
	active = active[:0]
	for _, sh := range merged {
		active = append(active, sh.ID)
	}
	crits, err := st.Criteria(ctx)
	if err != nil {
		b.Fatal(err)
	}
	err = st.Write(ctx, func(tx *store.Tx) error {
		exec := func(q string, args ...any) error { _, err := tx.Exec(q, args...); return err }
		now := "2025-08-10T14:00:00.000Z"
		for si, sheet := range active {
			for mi, member := range members {
				id := store.NewID()
				if mi == si%25 && si%19 == 0 {
					if err := exec(`INSERT INTO forum_scores(id, member_id, sheet_id, status, conflict, created_at, updated_at)
						VALUES (?,?,?,'recused','Conflicto de interés',?,?)`, id, member, sheet, now, now); err != nil {
						return err
					}
					continue
				}
				if err := exec(`INSERT INTO forum_scores(id, member_id, sheet_id, status, observations, submitted_at, created_at, updated_at)
					VALUES (?,?,?,'submitted',?,?,?,?)`, id, member, sheet, long[:80], now, now, now); err != nil {
					return err
				}
				for ci, c := range crits {
					if err := exec(`INSERT INTO forum_score_values(score_id, criterion_id, value) VALUES (?,?,?)`, id, c.ID, 1+(si+mi+ci)%5); err != nil {
						return err
					}
				}
			}
		}
		if err := exec(`UPDATE forum_state SET stage = 'closed', closed_at = ?, updated_at = ?`, now, now); err != nil {
			return err
		}
		for si, sheet := range active {
			outcome, commitment, entity := model.OutcomeNotPrioritized, any(nil), ""
			switch {
			case si < 30:
				outcome, commitment, entity = model.OutcomeCommitment, si+1, "Presidencia del Consejo de Ministros"
			case si < 60:
				outcome = model.OutcomePrioritized
			}
			if err := exec(`INSERT INTO forum_decisions(sheet_id, outcome, commitment_number, responsible_entity, notes, rationale, created_at, updated_at)
				VALUES (?,?,?,?,?,?,?,?)`, sheet, outcome, commitment, entity, long[:100], long, now, now); err != nil {
				return err
			}
		}
		if err := exec(`UPDATE forum_state SET results_published_at = ?, updated_at = ?`, now, now); err != nil {
			return err
		}
		ws, err := tx.Query(`SELECT id FROM workshops`)
		if err != nil {
			return err
		}
		var workshops []string
		for ws.Next() {
			var id string
			if err := ws.Scan(&id); err != nil {
				return err
			}
			workshops = append(workshops, id)
		}
		ws.Close()
		for _, w := range workshops {
			for r := 0; r < 30; r++ {
				if err := exec(`INSERT INTO survey_answers(id, workshop_id, respondent, score, created_at, updated_at) VALUES (?,?,?,?,?,?)`,
					store.NewID(), w, fmt.Sprintf("r%d", r), 3+r%3, now, now); err != nil {
					return err
				}
			}
		}
		return nil
	})
	if err != nil {
		b.Fatal(err)
	}
}
