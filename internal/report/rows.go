package report

import (
	"cmp"
	"slices"

	"github.com/minka-gob/minka/internal/model"
)

// ForumRows are the internal review's and the Forum's lines of a workbook.
type ForumRows struct {
	Criteria  []model.CriterionRow
	Status    model.ForumStatus
	Sheets    []model.SheetRow
	Scores    []model.ScoreRow
	Ranking   []model.RankRow
	Decisions []model.DecisionRow
}

// Rows flattens the Forum into a workbook's lines. For one workshop
// (workshopID not ""): the sheets its ideas lead to (their own sheets and
// the sheets they were merged into), the scores on those sheets and one
// matrix line per idea of the workshop. The ranking is always the whole
// process's: a rank only means something among all sheets. members names the
// scorers (only the full workbook shows them).
func (f *Forum) Rows(s *model.Snapshot, workshopID string) ForumRows {
	var out ForumRows
	out.Criteria = make([]model.CriterionRow, len(f.Criteria))
	for i, c := range f.Criteria {
		out.Criteria[i] = model.CriterionRow{Code: c.Code, Name: c.Name, Weight: c.Weight}
	}
	out.Status = model.ForumStatus{Stage: f.State.Stage, SheetsPublic: f.State.SheetsPublished(),
		ResultsPublic: f.State.ResultsPublished(), Cutoff: f.State.Cutoff, Members: f.Members, Scenarios: f.Scenarios}

	// The ideas behind each sheet, through any number of merges, and the
	// sheets the scope's ideas lead to.
	ideasOf := map[string][]model.IdeaRef{}
	inScope := map[string]bool{}
	for _, t := range f.Trace {
		ref := model.IdeaRef{Place: placeOf(t.Idea), Title: t.Idea.Title}
		ours := workshopID == "" || t.Idea.WorkshopID == workshopID
		sh, ok := f.ByID[t.Idea.SheetID]
		for i := 0; ok && i <= len(f.ByID); i++ {
			ideasOf[sh.ID] = append(ideasOf[sh.ID], ref)
			if ours {
				inScope[sh.ID] = true
			}
			sh, ok = f.ByID[sh.MergedInto]
		}
	}
	wanted := func(id string) bool { return workshopID == "" || inScope[id] }

	mergedFrom := map[string][]int{}
	for _, sh := range f.Sheets { // by number
		if sh.MergedInto != "" {
			mergedFrom[sh.MergedInto] = append(mergedFrom[sh.MergedInto], sh.Number)
		}
	}
	for _, sh := range f.Sheets {
		if !wanted(sh.ID) {
			continue
		}
		out.Sheets = append(out.Sheets, model.SheetRow{Number: sh.Number, Principle: sh.Principle, Name: sh.Name, Place: sh.Place,
			Problem: sh.Problem, Description: sh.Description, Contribution: sh.Contribution, Relevance: sh.Relevance,
			Responsible: sh.Responsible, SourceIdeas: ideasOf[sh.ID], MergedFrom: mergedFrom[sh.ID], MergedInto: f.ByID[sh.MergedInto].Number})
	}

	out.Scores = f.scoreRows(s, wanted)

	for _, x := range f.Ranks {
		row := model.RankRow{SheetNumber: x.Sheet.Number, Sheet: x.Sheet.Name, Means: make([]float64, len(f.Criteria)),
			Counts: make([]int, len(f.Criteria)), Scorers: x.Scorers, Recusals: x.Recusals, Spread: x.Spread, Contested: x.Contested,
			Rank: x.Rank, RankMin: x.RankMin, RankMax: x.RankMax, AboveCutoff: x.AboveCut, CutStable: x.CutStable,
			Tie: x.Tie, TieFrom: x.TieFrom, TieTo: x.TieTo}
		if x.Scored {
			row.Weighted = x.Weighted
		}
		for i, c := range f.Criteria {
			row.Means[i], row.Counts[i] = x.Means[c.Code], x.Counts[c.Code]
		}
		out.Ranking = append(out.Ranking, row)
	}

	for _, t := range f.Trace {
		if workshopID != "" && t.Idea.WorkshopID != workshopID {
			continue
		}
		d := t.Decision
		line := model.DecisionRow{Place: placeOf(t.Idea), Idea: t.Idea.Title, Principle: t.Sheet.Principle, SheetNumber: t.Sheet.Number,
			FinalNumber: t.Final.Number, Decision: d.Outcome, Commitment: d.CommitmentNumber, MergedInto: f.ByID[d.MergedInto].Number,
			Rationale: d.Rationale, Responsible: d.ResponsibleEntity}
		if t.Rank != nil && t.Rank.Scorers > 0 {
			line.Rank, line.Weighted, line.Tie = t.Rank.Rank, t.Rank.Weighted, t.Rank.Tie
		}
		out.Decisions = append(out.Decisions, line)
	}
	return out
}

// scoreRows lists the counted scores (submitted, recused) on the sheets in
// scope, by sheet number, then organization and member name.
func (f *Forum) scoreRows(s *model.Snapshot, wanted func(string) bool) []model.ScoreRow {
	who := make(map[string]model.ForumMember, len(s.Forum.Members))
	for _, m := range s.Forum.Members {
		who[m.ID] = m
	}
	var out []model.ScoreRow
	for _, sc := range s.Forum.Scores {
		if !wanted(sc.SheetID) {
			continue
		}
		sh, m := f.ByID[sc.SheetID], who[sc.MemberID]
		row := model.ScoreRow{Member: m.Name, Organization: m.Organization, SheetNumber: sh.Number, Sheet: sh.Name,
			Observations: sc.Observations, Recused: sc.Status == model.ScoreRecused, SubmittedAt: sc.UpdatedAt}
		if sc.SubmittedAt != nil {
			row.SubmittedAt = *sc.SubmittedAt
		}
		if !row.Recused {
			row.Scores = make([]int, len(f.Criteria))
			for i, c := range f.Criteria {
				row.Scores[i] = sc.Values[c.Code]
			}
		}
		out = append(out, row)
	}
	slices.SortStableFunc(out, func(a, b model.ScoreRow) int {
		return cmp.Or(cmp.Compare(a.SheetNumber, b.SheetNumber), cmp.Compare(a.Organization, b.Organization), cmp.Compare(a.Member, b.Member))
	})
	return out
}

// placeOf is where an idea was captured.
func placeOf(o model.IdeaOrigin) model.Place {
	return model.Place{WorkshopID: o.WorkshopID, Workshop: o.WorkshopLabel(), City: o.City, Table: o.TableNumber}
}

// SatisfactionLine is a workshop's survey result.
type SatisfactionLine struct {
	Workshop     string
	Date         string
	Distribution [5]int
	Responses    int
	Average      float64 // 0 when nobody answered
}

func (l *SatisfactionLine) finish() {
	sum := 0
	l.Responses = 0
	for i, n := range l.Distribution {
		l.Responses += n
		sum += (i + 1) * n
	}
	l.Average = 0
	if l.Responses > 0 {
		l.Average = float64(sum) / float64(l.Responses)
	}
}

// Satisfaction computes each workshop's responses and average from its
// distribution, and the process line over every response (pooled, so a
// workshop with more answers weighs more, as in the plan's 4.7 of 5).
func Satisfaction(rows []model.SatisfactionRow) (lines []SatisfactionLine, total SatisfactionLine) {
	for _, r := range rows {
		l := SatisfactionLine{Workshop: r.Workshop, Date: r.Date, Distribution: r.Distribution}
		l.finish()
		lines = append(lines, l)
		for i, n := range r.Distribution {
			total.Distribution[i] += n
		}
	}
	total.finish()
	return lines, total
}

// Complete returns r with its internal review and Forum lines (criteria,
// stage, sheets, scores, ranking, decisions) computed from r.Snapshot for
// r's scope; r itself when it has no snapshot or its snapshot holds no
// Forum records (a report written by hand keeps its own lines).
func Complete(r *model.Report) *model.Report {
	if r.Snapshot == nil || r.Snapshot.Forum.State.Stage == "" {
		return r
	}
	c := *r
	scope := ""
	if r.Workshop != nil {
		scope = r.Workshop.ID
	}
	rows := NewForum(r.Snapshot).Rows(r.Snapshot, scope)
	c.Criteria, c.Forum, c.Sheets, c.Scores, c.Ranking, c.Decisions = rows.Criteria, rows.Status, rows.Sheets, rows.Scores, rows.Ranking, rows.Decisions
	return &c
}
