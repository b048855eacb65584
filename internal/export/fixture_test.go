package export_test

import (
	"fmt"
	"time"

	"github.com/minka-gob/minka/internal/model"
)

// The VI plan's own figures (chapter 3), used as known records: five
// workshops, 167 participants (79 men, 88 women), sectors 95/54/9/7/2 and 29
// chosen ideas (13 transparency, 10 participation, 4 accountability,
// 2 integrity). The plan's printed Table 3 adds up to 25; here the four
// missing transparency ideas are placed in Piura (2) and Arequipa (2) so that
// the table agrees with the plan's text, as Minka's derived tables always do.

type workshopFigures struct {
	row                 model.WorkshopRow
	men, women          int
	absent              int  // registered but never checked in
	noCheckins          bool // the workshop recorded no check-in at all
	transparency, part  int  // chosen ideas per principle…
	accountability, itg int
}

var viWorkshops = []workshopFigures{
	{row: model.WorkshopRow{ID: "w1", City: "Lima", Date: "2025-05-23", Venue: "Centro MAC Lima Norte", Status: "closed", Tables: 6},
		men: 19, women: 29, absent: 3, transparency: 4, part: 3, accountability: 1, itg: 1},
	{row: model.WorkshopRow{ID: "w2", City: "Piura", Date: "2025-06-05", Venue: "Centro MAC Piura", Status: "closed", Tables: 4},
		men: 14, women: 15, transparency: 2, part: 2, accountability: 1},
	{row: model.WorkshopRow{ID: "w3", City: "Iquitos", Date: "2025-06-12", Venue: "Centro MAC Iquitos", Status: "closed", Tables: 4},
		men: 19, women: 12, transparency: 2, part: 2},
	{row: model.WorkshopRow{ID: "w4", City: "Arequipa", Date: "2025-06-20", Venue: "Centro MAC Arequipa", Status: "closed", Tables: 4},
		men: 14, women: 13, transparency: 2, part: 2, accountability: 1},
	{row: model.WorkshopRow{ID: "w5", City: "Lima", Date: "2025-07-18", Focus: "Justicia Abierta", Venue: "Poder Judicial", Status: "closed", Tables: 5},
		men: 13, women: 19, transparency: 3, part: 1, accountability: 1, itg: 1},
}

// sectorPlan is the plan's Figure 1 in model.Sectors order.
var sectorPlan = []int{95, 54, 9, 7, 2}

var base = time.Date(2025, 5, 23, 14, 5, 0, 0, time.UTC) // 09:05 in Lima

const injection = `=HYPERLINK("http://x","y")`

// viReport builds the known records. The first Lima participant is named
// with a formula, to prove it stays text.
func viReport() *model.Report {
	r := &model.Report{ProcessName: "VI Plan de Acción de Estado Abierto", Period: "2026-2027"}
	for _, c := range model.CriterionCodes {
		r.Criteria = append(r.Criteria, model.CriterionRow{Code: c, Weight: 1})
	}
	r.Criteria[1].Weight = 2 // impact counts double in these records
	sectors := expand(sectorPlan)
	n := 0
	for wi, w := range viWorkshops {
		r.Workshops = append(r.Workshops, w.row)
		place := model.Place{WorkshopID: w.row.ID, Workshop: w.row.Label(), City: w.row.City}
		day := mustDate(w.row.Date).Add(14 * time.Hour)
		genders := append(repeat("male", w.men), repeat("female", w.women)...)
		for i, g := range genders {
			p := model.ParticipantRow{Place: place, ID: fmt.Sprintf("p%d", n), Gender: g, Sector: model.Sectors[sectors[n]],
				Name: fmt.Sprintf("Persona %d", n), Organization: fmt.Sprintf("Organización %d", n),
				Email: fmt.Sprintf("persona%d@example.pe", n), Phone: fmt.Sprintf("+51 9%08d", n),
				Source: "form", RegisteredAt: day.Add(-48 * time.Hour)}
			p.Table = 1 + i%w.row.Tables
			if !w.noCheckins {
				at := day.Add(time.Duration(i) * time.Minute)
				p.CheckedInAt = &at
			}
			if n == 0 {
				p.Name, p.Organization, p.Phone = injection, "+Organización", "-51 999"
			}
			r.Participants = append(r.Participants, p)
			n++
		}
		for i := 0; i < w.absent; i++ {
			r.Participants = append(r.Participants, model.ParticipantRow{Place: place, ID: fmt.Sprintf("a%d-%d", wi, i),
				Name: fmt.Sprintf("Ausente %d", i), Gender: "female", Sector: "private", Email: fmt.Sprintf("ausente%d@example.pe", i),
				Source: "import", RegisteredAt: day.Add(-72 * time.Hour)})
		}
		chosen := append(append(append(repeat(model.PrincipleTransparency, w.transparency), repeat(model.PrincipleParticipation, w.part)...),
			repeat(model.PrincipleAccountability, w.accountability)...), repeat(model.PrincipleIntegrity, w.itg)...)
		for i, p := range chosen {
			tp := place
			tp.Table = 1 + i%w.row.Tables
			r.Ideas = append(r.Ideas, model.IdeaRow{Place: tp, Problem: "Capacidades ciudadanas", Title: fmt.Sprintf("Idea %s %d", w.row.City, i),
				Description: "Una idea larga\ncon dos líneas", Principle: p, Chosen: true, Ratings: 4, Impact: 4.25, Feasibility: 3.5,
				CreatedAt: day.Add(time.Duration(120+i) * time.Minute)})
			// and one idea per chosen one that the table did not choose
			r.Ideas = append(r.Ideas, model.IdeaRow{Place: tp, Title: fmt.Sprintf("Descartada %s %d", w.row.City, i),
				Principle: model.PrincipleParticipation, CreatedAt: day.Add(time.Duration(100+i) * time.Minute)})
		}
		tp := place
		tp.Table = 1
		r.ProfileNotes = append(r.ProfileNotes, model.ProfileNoteRow{Place: tp, Profile: "Joven rural", Kind: "pain", Text: "No sabe dónde encontrar becas", CreatedAt: day.Add(time.Hour)})
		r.Stories = append(r.Stories, model.StoryRow{Place: tp, AsWho: "joven rural", Want: "ver las becas en mi idioma", SoThat: "pueda postular a tiempo", CreatedAt: day.Add(90 * time.Minute)})
		r.Prototypes = append(r.Prototypes, model.PrototypeRow{Place: tp, Idea: "Idea " + w.row.City + " 0", Description: "Maqueta de la app", Iteration: "Se agregó audio", CreatedAt: day.Add(4 * time.Hour)})
		r.Feedback = append(r.Feedback, model.FeedbackRow{Place: tp, Prototype: "Idea " + w.row.City + " 0", Kind: "suggestion", Text: "@todos: agregar quechua", CreatedAt: day.Add(4*time.Hour + 10*time.Minute)})
		r.Satisfaction = append(r.Satisfaction, model.SatisfactionRow{WorkshopID: w.row.ID, Workshop: w.row.Label(), City: w.row.City, Date: w.row.Date,
			Distribution: [5]int{0, 0, 1, 5 + wi, 20}})
	}
	r.Snapshot = snapshotOf(r)
	r.Forum = model.ForumStatus{Stage: model.StageClosed, SheetsPublic: true, ResultsPublic: true, Cutoff: 1, Members: 2, Scenarios: 43}
	lima := model.Place{WorkshopID: "w1", Workshop: "Lima", City: "Lima", Table: 1}
	piura := model.Place{WorkshopID: "w2", Workshop: "Piura", City: "Piura", Table: 2}
	iquitos := model.Place{WorkshopID: "w3", Workshop: "Iquitos", City: "Iquitos", Table: 1}
	r.Sheets = []model.SheetRow{
		{Number: 1, Principle: model.PrincipleTransparency, Name: "Citas en línea", Place: "Lima", Problem: "Colas", Description: "Agendar citas",
			Contribution: "Menos colas", Relevance: "Transparencia", Responsible: "MINSA",
			SourceIdeas: []model.IdeaRef{{Place: lima, Title: "Idea Lima 0"}}},
		{Number: 2, Principle: model.PrincipleTransparency, Name: "Citas por teléfono", Place: "Piura", MergedInto: 4,
			SourceIdeas: []model.IdeaRef{{Place: piura, Title: "Idea Piura 0"}}},
		{Number: 3, Principle: model.PrincipleParticipation, Name: "Becas en quechua", Place: "Iquitos", Responsible: "SENAJU",
			SourceIdeas: []model.IdeaRef{{Place: iquitos, Title: "Idea Iquitos 0"}}},
		{Number: 4, Principle: model.PrincipleTransparency, Name: "Citas por teléfono y en línea", Place: "Piura", MergedFrom: []int{2},
			SourceIdeas: []model.IdeaRef{{Place: piura, Title: "Idea Piura 0"}}},
	}
	r.Scores = []model.ScoreRow{
		{Member: "Ana Forum", Organization: "Proética", SheetNumber: 1, Sheet: "Citas en línea", Scores: []int{5, 4, 4, 3, 5}, Observations: "=SUM(A1)", SubmittedAt: base},
		{Member: "Beto Forum", Organization: "PCM", SheetNumber: 1, Sheet: "Citas en línea", Recused: true, Observations: "Conflicto de interés", SubmittedAt: base},
		{Member: "Ana Forum", Organization: "Proética", SheetNumber: 3, Sheet: "Becas en quechua", Scores: []int{3, 3, 2, 2, 4}, SubmittedAt: base},
	}
	r.Ranking = []model.RankRow{ // deliberately not in rank order
		{SheetNumber: 3, Sheet: "Becas en quechua", Means: []float64{3, 3, 2, 2, 4}, Counts: []int{1, 1, 1, 1, 1}, Weighted: 2.833333, Scorers: 1, Spread: 0, Rank: 2, RankMin: 2, RankMax: 2, CutStable: true},
		{SheetNumber: 1, Sheet: "Citas en línea", Means: []float64{5, 4, 4, 3, 5}, Counts: []int{1, 1, 1, 1, 1}, Weighted: 4.166667, Scorers: 1, Recusals: 1, Spread: 0.5,
			Rank: 1, RankMin: 1, RankMax: 2, AboveCutoff: true},
		{SheetNumber: 4, Sheet: "Citas por teléfono y en línea", Means: []float64{0, 0, 0, 0, 0}, Counts: []int{0, 0, 0, 0, 0}, Rank: 3, RankMin: 3, RankMax: 3, CutStable: true},
	}
	r.Decisions = []model.DecisionRow{
		{Place: lima, Idea: "Idea Lima 0", Principle: model.PrincipleTransparency, SheetNumber: 1, FinalNumber: 1, Rank: 1, Weighted: 4.166667,
			Decision: model.OutcomeCommitment, Commitment: 3, Rationale: "Alta relevancia y viabilidad", Responsible: "MINSA"},
		{Place: piura, Idea: "Idea Piura 0", Principle: model.PrincipleTransparency, SheetNumber: 2, FinalNumber: 4,
			Decision: model.OutcomeMerged, MergedInto: 1, Rationale: "Misma propuesta que la ficha 1"},
		{Place: iquitos, Idea: "Idea Iquitos 0", Principle: model.PrincipleParticipation, SheetNumber: 3, FinalNumber: 3, Rank: 2, Weighted: 2.833333,
			Decision: model.OutcomeNotPrioritized, Rationale: "-Baja viabilidad financiera"},
	}
	return r
}

// snapshotOf is the snapshot the store would read along with r: the
// registrations, and every idea, each chosen one with its own idea sheet of
// the same principle. It holds no Forum state, so the hand-written Forum
// lines of r are kept (report.Complete).
func snapshotOf(r *model.Report) *model.Snapshot {
	s := &model.Snapshot{Workshops: r.Workshops}
	for _, p := range r.Participants {
		s.Participants = append(s.Participants, model.Attendee{WorkshopID: p.WorkshopID, Gender: p.Gender, Sector: p.Sector,
			CheckedIn: p.CheckedInAt != nil, TableID: fmt.Sprintf("%s-t%d", p.WorkshopID, p.Table)})
	}
	for i, d := range r.Ideas {
		o := model.IdeaOrigin{IdeaID: fmt.Sprintf("i%d", i), Title: d.Title, Principle: d.Principle, Chosen: d.Chosen,
			WorkshopID: d.WorkshopID, City: d.City, TableNumber: d.Table}
		if d.Chosen {
			sh := model.Sheet{ID: fmt.Sprintf("s%d", i), Number: len(s.Forum.Sheets) + 1, IdeaID: o.IdeaID, Name: d.Title, Principle: d.Principle}
			s.Forum.Sheets = append(s.Forum.Sheets, sh)
			o.SheetID, o.SheetNumber = sh.ID, sh.Number
		}
		s.Ideas = append(s.Ideas, o)
	}
	return s
}

func expand(counts []int) []int {
	var out []int
	for i, n := range counts {
		for j := 0; j < n; j++ {
			out = append(out, i)
		}
	}
	return out
}

func repeat(s string, n int) []string {
	out := make([]string, n)
	for i := range out {
		out[i] = s
	}
	return out
}

func mustDate(s string) time.Time {
	t, err := time.Parse("2006-01-02", s)
	if err != nil {
		panic(err)
	}
	return t
}
