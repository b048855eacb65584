package store

import (
	"cmp"
	"slices"

	"github.com/minka-gob/minka/internal/model"
)

// forum fills the report's internal review and Forum rows from the same
// snapshot the ranking pages compute from (readForumRanking), inside the
// report's read transaction. For one workshop: the sheets its ideas lead to
// (their own sheets and the sheets they were merged into), the scores on
// those sheets and one matrix line per idea of the workshop. The ranking is
// always the whole process's: a rank only means something among all sheets.
func (q *reportQuery) forum(r *model.Report) error {
	fr, err := readForumRanking(q.ctx, q.tx)
	if err != nil {
		return err
	}
	r.Criteria = make([]model.CriterionRow, len(fr.Criteria))
	for i, c := range fr.Criteria {
		r.Criteria[i] = model.CriterionRow{Code: c.Code, Name: c.Name, Weight: c.Weight}
	}
	r.Forum = model.ForumStatus{Stage: fr.State.Stage, SheetsPublic: fr.State.SheetsPublished(),
		ResultsPublic: fr.State.ResultsPublished(), Cutoff: fr.State.Cutoff, Members: fr.Members, Scenarios: fr.Result.Scenarios}

	origins, err := queryIdeaOrigins(q.ctx, q.tx, `WHERE sh.id IS NOT NULL`)
	if err != nil {
		return err
	}
	byID := make(map[string]model.Sheet, len(fr.Sheets))
	for _, sh := range fr.Sheets {
		byID[sh.ID] = sh
	}
	// The ideas behind each sheet, through any number of merges, and the
	// sheets the scope's ideas lead to.
	ideasOf := map[string][]model.IdeaRef{}
	inScope := map[string]bool{}
	var mine []model.IdeaOrigin
	for _, o := range origins {
		ref := model.IdeaRef{Place: originPlace(o), Title: o.Title}
		ours := q.workshop == "" || o.WorkshopID == q.workshop
		if ours {
			mine = append(mine, o)
		}
		sh, ok := byID[o.SheetID]
		for i := 0; ok && i <= len(byID); i++ {
			ideasOf[sh.ID] = append(ideasOf[sh.ID], ref)
			if ours {
				inScope[sh.ID] = true
			}
			sh, ok = byID[sh.MergedInto]
		}
	}
	wanted := func(id string) bool { return q.workshop == "" || inScope[id] }

	mergedFrom := map[string][]int{}
	for _, sh := range fr.Sheets { // by number
		if sh.MergedInto != "" {
			mergedFrom[sh.MergedInto] = append(mergedFrom[sh.MergedInto], sh.Number)
		}
	}
	for _, sh := range fr.Sheets {
		if !wanted(sh.ID) {
			continue
		}
		r.Sheets = append(r.Sheets, model.SheetRow{Number: sh.Number, Principle: sh.Principle, Name: sh.Name, Place: sh.Place,
			Problem: sh.Problem, Description: sh.Description, Contribution: sh.Contribution, Relevance: sh.Relevance,
			Responsible: sh.Responsible, SourceIdeas: ideasOf[sh.ID], MergedFrom: mergedFrom[sh.ID], MergedInto: byID[sh.MergedInto].Number})
	}

	if err := q.scores(r, fr, byID, wanted); err != nil {
		return err
	}

	rankOf := map[string]model.RankRow{}
	for _, x := range fr.Result.Rows {
		sh := byID[x.Sheet]
		row := model.RankRow{SheetNumber: sh.Number, Sheet: sh.Name, Means: make([]float64, len(fr.Criteria)), Counts: make([]int, len(fr.Criteria)),
			Scorers: x.Scorers, Recusals: x.Recusals, Spread: x.Spread, Contested: x.Contested, Rank: x.Rank,
			RankMin: x.RankMin, RankMax: x.RankMax, AboveCutoff: x.AboveCut, CutStable: x.CutStable}
		if x.Scored {
			row.Weighted = x.Weighted
		}
		for i, c := range fr.Criteria {
			row.Means[i], row.Counts[i] = x.Means[c.Code], x.Counts[c.Code]
		}
		r.Ranking = append(r.Ranking, row)
		rankOf[x.Sheet] = row
	}

	for _, o := range mine {
		own := byID[o.SheetID]
		final := FinalSheet(byID, own)
		d, ok := fr.Decisions[final.ID]
		if !ok {
			d.Outcome = model.OutcomePending
		}
		line := model.DecisionRow{Place: originPlace(o), Idea: o.Title, Principle: own.Principle, SheetNumber: own.Number,
			FinalNumber: final.Number, Decision: d.Outcome, Commitment: d.CommitmentNumber, MergedInto: byID[d.MergedInto].Number,
			Rationale: d.Rationale, Responsible: d.ResponsibleEntity}
		if x, ok := rankOf[final.ID]; ok && x.Scorers > 0 {
			line.Rank, line.Weighted = x.Rank, x.Weighted
		}
		r.Decisions = append(r.Decisions, line)
	}
	return nil
}

// scores lists the counted scores (submitted, recused) on the sheets in
// scope, by sheet number, then organization and member name.
func (q *reportQuery) scores(r *model.Report, fr *ForumRanking, byID map[string]model.Sheet, wanted func(string) bool) error {
	members, err := queryForumMembers(q.ctx, q.tx)
	if err != nil {
		return err
	}
	who := make(map[string]model.ForumMember, len(members))
	for _, m := range members {
		who[m.ID] = m
	}
	for _, sc := range fr.Scores {
		if !wanted(sc.SheetID) {
			continue
		}
		sh, m := byID[sc.SheetID], who[sc.MemberID]
		row := model.ScoreRow{Member: m.Name, Organization: m.Organization, SheetNumber: sh.Number, Sheet: sh.Name,
			Observations: sc.Observations, Recused: sc.Status == model.ScoreRecused, SubmittedAt: sc.UpdatedAt}
		if sc.SubmittedAt != nil {
			row.SubmittedAt = *sc.SubmittedAt
		}
		if !row.Recused {
			row.Scores = make([]int, len(fr.Criteria))
			for i, c := range fr.Criteria {
				row.Scores[i] = sc.Values[c.Code]
			}
		}
		r.Scores = append(r.Scores, row)
	}
	slices.SortStableFunc(r.Scores, func(a, b model.ScoreRow) int {
		return cmp.Or(cmp.Compare(a.SheetNumber, b.SheetNumber), cmp.Compare(a.Organization, b.Organization), cmp.Compare(a.Member, b.Member))
	})
	return nil
}

// satisfaction counts each workshop's survey answers.
func (q *reportQuery) satisfaction(r *model.Report) error {
	for _, w := range r.Workshops {
		sum, err := querySurvey(q.ctx, q.tx, w.ID)
		if err != nil {
			return err
		}
		r.Satisfaction = append(r.Satisfaction, model.SatisfactionRow{WorkshopID: w.ID, Workshop: w.Label(), City: w.City, Date: w.Date,
			Distribution: sum.Distribution})
	}
	return nil
}

// originPlace is where an idea was captured.
func originPlace(o model.IdeaOrigin) model.Place {
	return model.Place{WorkshopID: o.WorkshopID, Workshop: o.WorkshopLabel(), City: o.City, Table: o.TableNumber}
}
