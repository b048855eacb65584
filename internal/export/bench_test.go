package export_test

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/minka-gob/minka/internal/benchutil"
	"github.com/minka-gob/minka/internal/export"
	"github.com/minka-gob/minka/internal/model"
)

// bigReport fabricates a process far larger than the VI plan's: 40
// workshops of 8 tables, `contributions` contributions spread evenly over
// profile notes, user stories, ideas, prototypes and feedback, with texts of
// realistic length, 6,000 participants, 400 idea sheets scored by 25 Forum
// members (10,000 scores), the ranking and the response matrix.
func bigReport(contributions int) *model.Report {
	r := &model.Report{ProcessName: "Proceso de prueba de carga", Period: "2026-2027"}
	for _, c := range model.CriterionCodes {
		r.Criteria = append(r.Criteria, model.CriterionRow{Code: c, Weight: 1})
	}
	var places []model.Place
	for w := 0; w < 40; w++ {
		row := model.WorkshopRow{ID: fmt.Sprintf("w%02d", w), City: fmt.Sprintf("Ciudad %02d", w),
			Date: time.Date(2025, 5, 1+w%28, 0, 0, 0, 0, time.UTC).Format("2006-01-02"), Venue: "Centro MAC", Status: "closed", Tables: 8}
		r.Workshops = append(r.Workshops, row)
		for t := 1; t <= 8; t++ {
			places = append(places, model.Place{WorkshopID: row.ID, Workshop: row.Label(), City: row.City, Table: t})
		}
		r.Satisfaction = append(r.Satisfaction, model.SatisfactionRow{WorkshopID: row.ID, Workshop: row.Label(), Date: row.Date, Distribution: [5]int{1, 2, 3, 10, 30}})
	}
	at := time.Date(2025, 5, 1, 14, 0, 0, 0, time.UTC)
	long := strings.Repeat("La ciudadanía necesita información clara y oportuna sobre los servicios públicos. ", 3) // ~250 characters
	for i := 0; i < 6000; i++ {
		p := places[i%len(places)]
		checked := at.Add(time.Duration(i) * time.Second)
		r.Participants = append(r.Participants, model.ParticipantRow{Place: p, ID: fmt.Sprint(i), Name: fmt.Sprintf("Participante número %d", i),
			Gender: model.Genders[i%3], Sector: model.Sectors[i%5], Organization: "Organización de la sociedad civil", Email: fmt.Sprintf("p%d@example.pe", i),
			Phone: "+51 999 999 999", Source: "form", RegisteredAt: at, CheckedInAt: &checked})
	}
	per := contributions / 5
	for i := 0; i < per; i++ {
		p := places[i%len(places)]
		t := at.Add(time.Duration(i) * time.Second)
		r.ProfileNotes = append(r.ProfileNotes, model.ProfileNoteRow{Place: p, Profile: "Joven rural", Kind: model.ProfileNoteKinds[i%3], Text: long[:120], CreatedAt: t})
		r.Stories = append(r.Stories, model.StoryRow{Place: p, AsWho: "joven rural", Want: long[:100], SoThat: long[:140], CreatedAt: t})
		r.Ideas = append(r.Ideas, model.IdeaRow{Place: p, Problem: "Capacidades ciudadanas", Title: fmt.Sprintf("Idea %d: ventanilla digital única", i),
			Description: long, Principle: model.Principles[i%4], Chosen: i%50 == 0, Ratings: 5, Impact: 3.8, Feasibility: 4.2, CreatedAt: t})
		r.Prototypes = append(r.Prototypes, model.PrototypeRow{Place: p, Idea: "Idea: ventanilla digital única", Description: long, Iteration: long[:150], CreatedAt: t})
		r.Feedback = append(r.Feedback, model.FeedbackRow{Place: p, Prototype: "Idea: ventanilla digital única", Kind: model.FeedbackKinds[i%3], Text: long[:130], CreatedAt: t})
	}
	r.Forum = model.ForumStatus{Stage: model.StageClosed, SheetsPublic: true, ResultsPublic: true, Cutoff: 60, Members: 25, Scenarios: 43}
	for s := 0; s < 400; s++ {
		src := []model.IdeaRef{{Place: places[s%len(places)], Title: "Idea 1"}, {Place: places[(s+1)%len(places)], Title: "Idea 2"}}
		r.Sheets = append(r.Sheets, model.SheetRow{Number: s + 1, Principle: model.Principles[s%4], Name: "Ventanilla digital única", Place: "Ciudad 01",
			Problem: long, Description: long, Contribution: long, Relevance: long, Responsible: "PCM", SourceIdeas: src})
		for m := 0; m < 25; m++ {
			r.Scores = append(r.Scores, model.ScoreRow{Member: fmt.Sprintf("Miembro %d", m), Organization: "Organización", SheetNumber: s + 1, Sheet: "Ventanilla digital única",
				Scores: []int{1 + m%5, 2, 3, 4, 5}, Observations: long[:80], SubmittedAt: at})
		}
		r.Ranking = append(r.Ranking, model.RankRow{SheetNumber: s + 1, Sheet: "Ventanilla digital única", Means: []float64{3, 3, 3, 3, 3}, Counts: []int{25, 25, 25, 25, 25},
			Weighted: 3, Scorers: 25, Spread: 0.4, Rank: s + 1, RankMin: s + 1, RankMax: s + 3, AboveCutoff: s < 60, CutStable: s < 58})
		for _, p := range src {
			r.Decisions = append(r.Decisions, model.DecisionRow{Place: p.Place, Idea: p.Title, Principle: model.Principles[s%4], SheetNumber: s + 1, FinalNumber: s + 1,
				Rank: s + 1, Weighted: 3, Decision: model.OutcomePrioritized, Rationale: long, Responsible: "PCM"})
		}
	}
	return r
}

// BenchmarkWrite100kContributions writes the workbook of bigReport(100,000)
// to a file, as the export page does. Reported: time per workbook, the Go
// heap's peak while writing (the report's rows included, since the store
// holds them in memory too) and the file size. For the process's maximum
// resident memory, run it under /usr/bin/time -v (see BENCHMARKS.md).
func BenchmarkWrite100kContributions(b *testing.B) {
	r := bigReport(100_000)
	path := filepath.Join(b.TempDir(), "big.xlsx")
	var peak uint64
	rss := benchutil.ResetPeakRSS()
	b.ResetTimer()
	cpu := benchutil.CPUTime()
	for i := 0; i < b.N; i++ {
		p := benchutil.HeapPeak(func() {
			f, err := os.Create(path)
			if err != nil {
				b.Fatal(err)
			}
			if err := export.Write(f, r, export.Options{}); err != nil {
				b.Fatal(err)
			}
			if err := f.Close(); err != nil {
				b.Fatal(err)
			}
		})
		peak = max(peak, p)
	}
	b.StopTimer()
	b.ReportMetric((benchutil.CPUTime()-cpu).Seconds()/float64(b.N), "cpu-s/op")
	info, err := os.Stat(path)
	if err != nil {
		b.Fatal(err)
	}
	b.ReportMetric(float64(peak)/(1<<20), "peak-heap-MiB")
	if rss {
		b.ReportMetric(float64(benchutil.PeakRSS())/(1<<20), "peak-rss-MiB")
	}
	b.ReportMetric(float64(info.Size())/(1<<20), "file-MiB")
}
