package web

import (
	"context"

	"github.com/minka-gob/minka/internal/i18n"
	"github.com/minka-gob/minka/internal/model"
	"github.com/minka-gob/minka/internal/ranking"
	"github.com/minka-gob/minka/internal/store"
)

// What the Forum pages show is composed here from the store's records and
// the ranking package: the same views feed the admin pages, the public
// pages and the JSON API, so they always agree.

// criterionView is a criterion as shown: the Secretariat's name and
// description, or the translated defaults.
type criterionView struct {
	ID          string  `json:"id"`
	Code        string  `json:"code"`
	Name        string  `json:"name"`
	Help        string  `json:"description"`
	CustomName  string  `json:"-"`
	CustomHelp  string  `json:"-"`
	Weight      float64 `json:"weight"`
	Share       float64 `json:"share_percent"`
	Field       string  `json:"-"`
	WeightField string  `json:"-"`
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

// rankRow is one sheet of the ranking with its decision.
type rankRow struct {
	Sheet    model.Sheet
	R        ranking.Row
	Means    []meanCell
	Decision model.ForumDecision
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

// buildRanking shows the ranking of the sheets being scored, computed by
// the store from the submitted scores and recusals (drafts never count) in
// one snapshot: the same numbers the Excel export writes.
func (s *Server) buildRanking(ctx context.Context, l string) (*rankView, error) {
	fr, err := s.store.ForumRanking(ctx)
	if err != nil {
		return nil, err
	}
	st, crits, decisions, res := fr.State, fr.Criteria, fr.Decisions, fr.Result
	byID := map[string]model.Sheet{}
	for _, sh := range fr.Sheets {
		byID[sh.ID] = sh
	}
	v := &rankView{State: st, Criteria: criterionViews(l, crits), BySheet: map[string]*rankRow{}, Scenarios: res.Scenarios, Members: fr.Members}
	for _, r := range res.Rows {
		row := &rankRow{Sheet: byID[r.Sheet], R: r}
		for _, c := range crits {
			m, ok := r.Means[c.Code]
			row.Means = append(row.Means, meanCell{Has: ok, Value: m})
		}
		if d, ok := decisions[r.Sheet]; ok {
			row.Decision = d
		} else {
			row.Decision = model.ForumDecision{SheetID: r.Sheet, Outcome: model.OutcomePending}
		}
		row.Outcome = outcomeLabel(l, row.Decision)
		row.CutAfter = r.Rank == st.Cutoff && r.Rank < len(res.Rows)
		v.Rows = append(v.Rows, row)
		v.BySheet[r.Sheet] = row
	}
	return v, nil
}

// traceRow follows one idea from its table to its decision.
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

// finalSheet follows merged_into links from a sheet to the sheet that was scored.
func finalSheet(byID map[string]model.Sheet, sh model.Sheet) model.Sheet {
	return store.FinalSheet(byID, sh)
}

// matrixView is every idea with its path to the decision, and the ranking behind it.
type matrixView struct {
	Rank   *rankView
	Rows   []traceRow
	Sheets map[string]model.Sheet
}

func (s *Server) buildMatrix(ctx context.Context, l string) (*matrixView, error) {
	rv, err := s.buildRanking(ctx, l)
	if err != nil {
		return nil, err
	}
	origins, err := s.store.IdeaOrigins(ctx, true)
	if err != nil {
		return nil, err
	}
	all, err := s.store.Sheets(ctx)
	if err != nil {
		return nil, err
	}
	byID := map[string]model.Sheet{}
	for _, sh := range all {
		byID[sh.ID] = sh
	}
	mv := &matrixView{Rank: rv, Sheets: byID}
	for _, o := range origins {
		mv.Rows = append(mv.Rows, traceFor(o, byID, rv))
	}
	return mv, nil
}

func traceFor(o model.IdeaOrigin, byID map[string]model.Sheet, rv *rankView) traceRow {
	t := traceRow{Origin: o, Sheet: byID[o.SheetID]}
	t.Final = finalSheet(byID, t.Sheet)
	t.MergedAtReview = t.Final.ID != t.Sheet.ID
	t.Decision = model.ForumDecision{Outcome: model.OutcomePending}
	if r, ok := rv.BySheet[t.Final.ID]; ok {
		t.Rank = r
		t.Decision = r.Decision
		if t.Decision.Outcome == model.OutcomeMerged {
			if target, ok := byID[t.Decision.MergedInto]; ok {
				t.Target = &target
				if tr, ok := rv.BySheet[target.ID]; ok {
					t.TargetDecision = tr.Decision
				}
			}
		}
	}
	return t
}

// statsView is the process-wide statistics, derived from the records: the
// plan's Table 3 (systematized ideas by workshop and predominant principle)
// and what became of them.
type statsView struct {
	Principles []string
	Workshops  []workshopStats
	Totals     []int
	Total      int
	Captured   int
	Sheets     int
	Merged     int
	Scored     int
	Scorers    int
	// Per idea: what the validation workshop decided on the sheet it ended in.
	Prioritized, PrioritizedOnly, Commitments, CommitmentIdeas, NotPrioritized, MergedInto, Pending int
}

type workshopStats struct {
	Label  string
	Date   string
	Counts []int
	Total  int
}

// buildStats counts the systematized ideas (those with an idea sheet) by
// workshop and by the predominant principle of their sheet (the
// Secretariat's classification, pre-filled from the table's).
func (s *Server) buildStats(ctx context.Context, mv *matrixView) (*statsView, error) {
	captured, err := s.store.IdeaOrigins(ctx, false)
	if err != nil {
		return nil, err
	}
	sv := &statsView{Principles: model.Principles, Totals: make([]int, len(model.Principles)), Captured: len(captured)}
	pidx := map[string]int{}
	for i, p := range model.Principles {
		pidx[p] = i
	}
	wsIdx := map[string]int{}
	commitments := map[int]bool{}
	for _, row := range mv.Rows {
		o := row.Origin
		i, ok := wsIdx[o.WorkshopID]
		if !ok {
			i = len(sv.Workshops)
			wsIdx[o.WorkshopID] = i
			sv.Workshops = append(sv.Workshops, workshopStats{Label: o.WorkshopLabel(), Date: o.Date, Counts: make([]int, len(model.Principles))})
		}
		if p, ok := pidx[row.Sheet.Principle]; ok {
			sv.Workshops[i].Counts[p]++
			sv.Workshops[i].Total++
			sv.Totals[p]++
			sv.Total++
		}
		switch {
		case row.Rank == nil || !row.Decision.Decided():
			sv.Pending++
		case row.Decision.Outcome == model.OutcomeCommitment:
			sv.Prioritized++
			sv.CommitmentIdeas++
			commitments[row.Decision.CommitmentNumber] = true
		case row.Decision.Outcome == model.OutcomePrioritized:
			sv.Prioritized++
		case row.Decision.Outcome == model.OutcomeMerged:
			sv.MergedInto++
		default:
			sv.NotPrioritized++
		}
	}
	sv.Commitments = len(commitments)
	sv.PrioritizedOnly = sv.Prioritized - sv.CommitmentIdeas
	for _, sh := range mv.Sheets {
		sv.Sheets++
		if !sh.Active() {
			sv.Merged++
		}
	}
	for _, r := range mv.Rank.Rows {
		if r.R.Scored {
			sv.Scored++
		}
	}
	sv.Scorers = mv.Rank.Members
	return sv, nil
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
