package web

import (
	"context"
	"fmt"
	"strconv"

	"github.com/minka-gob/minka/internal/i18n"
	"github.com/minka-gob/minka/internal/model"
	"github.com/minka-gob/minka/internal/ranking"
	"github.com/minka-gob/minka/internal/report"
)

// What the Forum pages show is presented here from what internal/report
// computed from the store's snapshot: the same views feed the admin pages,
// the public pages and the JSON API, and the workbooks present the same
// report, so they always agree.

// criterionView is a criterion as shown: the Secretariat's name and
// description, or the translated defaults.
type criterionView struct {
	ID         string `json:"id"`
	Code       string `json:"code"`
	Name       string `json:"name"`
	Help       string `json:"description"`
	CustomName string `json:"-"`
	CustomHelp string `json:"-"`
	// Rubric is what a 1, a 3 and a 5 mean (the Secretariat's or the
	// standard text); Custom is what the Secretariat typed, by the same scores.
	Rubric      []rubricLine   `json:"rubric"`
	Custom      map[int]string `json:"-"`
	Weight      float64        `json:"weight"`
	Share       float64        `json:"share_percent"`
	Field       string         `json:"-"`
	WeightField string         `json:"-"`
}

// rubricLine is what one score means on a criterion.
type rubricLine struct {
	Score int    `json:"score"`
	Text  string `json:"text"`
}

func criterionViews(l string, cs []model.Criterion) []criterionView {
	var total float64
	for _, c := range cs {
		total += c.Weight
	}
	out := make([]criterionView, len(cs))
	for i, c := range cs {
		v := criterionView{ID: c.ID, Code: c.Code, Name: c.Name, Help: c.Description, CustomName: c.Name, CustomHelp: c.Description,
			Weight: c.Weight, Field: model.ScoreField(c.Code), WeightField: "weight_" + c.Code}
		if v.Name == "" {
			v.Name = i18n.T(l, "criterion."+c.Code)
		}
		if v.Help == "" {
			v.Help = i18n.T(l, "criterion."+c.Code+".help")
		}
		v.Custom = map[int]string{1: c.Rubric1, 3: c.Rubric3, 5: c.Rubric5}
		for _, n := range model.RubricScores {
			text := v.Custom[n]
			if text == "" {
				text = i18n.T(l, fmt.Sprintf("criterion.%s.rubric.%d", c.Code, n))
			}
			v.Rubric = append(v.Rubric, rubricLine{Score: n, Text: text})
		}
		if total > 0 {
			v.Share = 100 * c.Weight / total
		}
		out[i] = v
	}
	return out
}

// meanCell is one criterion's mean on a sheet, or nothing when nobody scored it.
type meanCell struct {
	Has   bool
	Value float64
}

// rankRow is one sheet of the ranking with its decision, as shown.
type rankRow struct {
	Sheet model.Sheet
	R     ranking.Row
	Means []meanCell
	// Tie: another sheet has the same weighted score (TieFrom–TieTo are the
	// tied ranks); the documented tie-break ordered them.
	Tie            bool
	TieFrom, TieTo int
	Decision       model.ForumDecision
	// Digits is how many decimals the weighted scores are shown with: enough
	// that two scores ranked apart and not tied never look equal.
	Digits int
	// Outcome is the decision as shown: "Compromiso 3", "Priorizada", …
	Outcome string
	// CutAfter marks the last row above the cut-off line.
	CutAfter bool
}

// rankView is the whole ranking.
type rankView struct {
	State     model.ForumState
	Criteria  []criterionView
	Rows      []*rankRow
	BySheet   map[string]*rankRow
	Scenarios int
	Members   int
}

// forumBooks reads the snapshot and computes the Forum from it
// (internal/report): the same figures every page, the API and the
// workbooks present.
func (s *Server) forumBooks(ctx context.Context) (*model.Snapshot, *report.Forum, error) {
	snap, err := s.store.Snapshot(ctx)
	if err != nil {
		return nil, nil, err
	}
	return snap, report.NewForum(snap), nil
}

// buildRanking shows the ranking internal/report computed from the Forum's
// records alone (no idea, no registration is read).
func (s *Server) buildRanking(ctx context.Context, l string) (*rankView, error) {
	fr, err := s.store.ForumRecords(ctx)
	if err != nil {
		return nil, err
	}
	return rankViewOf(l, report.NewRanking(&fr)), nil
}

func rankViewOf(l string, f *report.Forum) *rankView {
	v := &rankView{State: f.State, Criteria: criterionViews(l, f.Criteria), BySheet: map[string]*rankRow{}, Scenarios: f.Scenarios, Members: f.Members}
	for _, r := range f.Ranks {
		row := &rankRow{Sheet: r.Sheet, R: r.Row, Tie: r.Tie, TieFrom: r.TieFrom, TieTo: r.TieTo, Decision: r.Decision}
		for _, c := range f.Criteria {
			m, ok := r.Means[c.Code]
			row.Means = append(row.Means, meanCell{Has: ok, Value: m})
		}
		row.Outcome = outcomeLabel(l, row.Decision)
		row.CutAfter = r.Rank == f.State.Cutoff && r.Rank < len(f.Ranks)
		v.Rows = append(v.Rows, row)
		v.BySheet[r.Sheet.ID] = row
	}
	digits := scoreDigits(f.Ranks)
	for _, row := range v.Rows {
		row.Digits = digits
	}
	return v
}

// scoreDigits is the fewest decimals (at least 2) with which every two
// consecutive scored sheets that are not tied show different weighted scores.
func scoreDigits(rs []report.Rank) int {
	for d := 2; d < 9; d++ {
		clash := false
		for i := 1; i < len(rs) && !clash; i++ {
			a, b := rs[i-1], rs[i]
			clash = a.Scored && b.Scored && !(a.Tie && b.Tie && a.TieFrom == b.TieFrom) &&
				strconv.FormatFloat(a.Weighted, 'f', d, 64) == strconv.FormatFloat(b.Weighted, 'f', d, 64)
		}
		if !clash {
			return d
		}
	}
	return 9
}

// traceRow follows one idea from its table to its decision (report.Trace, as shown).
type traceRow struct {
	Origin model.IdeaOrigin
	// Sheet is the idea's own sheet; Final the sheet the Forum scored (the
	// same, or the sheet it was merged into during the review).
	Sheet, Final   model.Sheet
	MergedAtReview bool
	Rank           *rankRow
	Decision       model.ForumDecision
	// Target is the sheet the validation workshop merged Final into.
	Target         *model.Sheet
	TargetDecision model.ForumDecision
}

// matrixView is every idea with its path to the decision, and the ranking behind it.
type matrixView struct {
	Rank   *rankView
	Rows   []traceRow
	Sheets map[string]model.Sheet
	snap   *model.Snapshot
	forum  *report.Forum
}

func (s *Server) buildMatrix(ctx context.Context, l string) (*matrixView, error) {
	snap, f, err := s.forumBooks(ctx)
	if err != nil {
		return nil, err
	}
	rv := rankViewOf(l, f)
	mv := &matrixView{Rank: rv, Sheets: f.ByID, snap: snap, forum: f}
	for _, t := range f.Trace {
		mv.Rows = append(mv.Rows, traceRowOf(t, rv))
	}
	return mv, nil
}

// traceRowOf shows one idea's trace with its final sheet's line of rv.
func traceRowOf(t report.Trace, rv *rankView) traceRow {
	row := traceRow{Origin: t.Idea, Sheet: t.Sheet, Final: t.Final, MergedAtReview: t.MergedAtReview, Decision: t.Decision,
		Target: t.Target, TargetDecision: t.TargetDecision}
	if t.Rank != nil {
		row.Rank = rv.BySheet[t.Final.ID]
	}
	return row
}

// ideaTraceOf reads one idea and traces it through the sheets and the
// ranking internal/report computes (false when the idea has no sheet: then
// the row holds only its origin).
func (s *Server) ideaTraceOf(ctx context.Context, l, ideaID string) (traceRow, *rankView, bool, error) {
	fs, err := s.store.IdeaTrace(ctx, ideaID)
	if err != nil {
		return traceRow{}, nil, false, err
	}
	o := fs.Ideas[0]
	f := report.NewRanking(fs.Ranking)
	rv := rankViewOf(l, f)
	if o.SheetID == "" {
		return traceRow{Origin: o}, rv, false, nil
	}
	return traceRowOf(f.Follow(o), rv), rv, true, nil
}

// statsView is the process-wide statistics internal/report computed: the
// plan's Table 3 (ideas systematized into sheets, by workshop and the
// predominant principle of their sheet) and what became of them.
type statsView struct {
	Principles []string
	Workshops  []workshopStats
	Totals     []int
	Total      int
	// Captured is another population: ideas recorded at the tables.
	Captured int
	Sheets   int
	Merged   int
	Scored   int
	Scorers  int
	// Per idea: what the validation workshop decided on the sheet it ended in.
	Prioritized, PrioritizedOnly, Commitments, CommitmentIdeas, NotPrioritized, MergedInto, Pending int
}

type workshopStats struct {
	Label  string
	Date   string
	Counts []int
	Total  int
}

// buildStats presents the report's Table 3 and outcome counts.
func buildStats(mv *matrixView) *statsView {
	t3 := report.IdeasByPrinciple(mv.snap, report.Systematized, "")
	o := mv.forum.Outcomes("")
	sv := &statsView{Principles: model.Principles, Totals: t3.Totals, Total: t3.Total,
		Captured: report.IdeasByPrinciple(mv.snap, report.Captured, "").Total,
		Sheets:   len(mv.forum.Sheets), Merged: mv.forum.MergedSheets(), Scored: mv.forum.Scored(), Scorers: mv.forum.Members,
		Prioritized: o.Prioritized, PrioritizedOnly: o.PrioritizedOnly(), Commitments: o.Commitments, CommitmentIdeas: o.CommitmentIdeas,
		NotPrioritized: o.NotPrioritized, MergedInto: o.Merged, Pending: o.Pending}
	for _, r := range t3.Rows {
		sv.Workshops = append(sv.Workshops, workshopStats{Label: r.Label, Date: r.Date, Counts: r.Counts, Total: r.Total})
	}
	return sv
}

// outcomeLabel is the translated decision, with the commitment number.
func outcomeLabel(l string, d model.ForumDecision) string {
	if d.Outcome == model.OutcomeCommitment {
		return i18n.T(l, "forum.outcome.commitment_n", d.CommitmentNumber)
	}
	if d.Outcome == "" {
		return i18n.T(l, "forum.outcome.pending")
	}
	return i18n.T(l, "forum.outcome."+d.Outcome)
}
