package store

import (
	"context"
	"database/sql"
	"fmt"

	"github.com/minka-gob/minka/internal/model"
	"github.com/minka-gob/minka/internal/ranking"
)

// ForumRanking is the Forum's ranking together with every record it was
// computed from, read as one consistent snapshot. The ranking pages, the
// public pages, the API and the Excel export all take it from here, so they
// always show the same numbers.
type ForumRanking struct {
	State    model.ForumState
	Criteria []model.Criterion
	// Sheets is every idea sheet by number, merged ones included.
	Sheets []model.Sheet
	// Scores is what the ranking counts: submitted scores and recusals on
	// the sheets being scored (drafts never count).
	Scores    []model.ForumScore
	Decisions map[string]model.ForumDecision
	Result    ranking.Result
	// Members is how many members submitted at least one score.
	Members int
}

// ForumRanking reads the criteria, sheets, counted scores and decisions in
// one read transaction and ranks the sheets being scored.
func (s *Store) ForumRanking(ctx context.Context) (*ForumRanking, error) {
	tx, err := s.read.BeginTx(ctx, nil)
	if err != nil {
		return nil, err
	}
	defer tx.Rollback()
	return readForumRanking(ctx, tx)
}

func readForumRanking(ctx context.Context, tx *sql.Tx) (*ForumRanking, error) {
	fr := &ForumRanking{}
	var err error
	if fr.State, err = queryForumState(ctx, tx); err != nil {
		return nil, err
	}
	if fr.Criteria, err = queryCriteria(ctx, tx); err != nil {
		return nil, err
	}
	if fr.Sheets, err = querySheets(ctx, tx, ``); err != nil {
		return nil, err
	}
	if fr.Scores, err = rankingScores(ctx, tx); err != nil {
		return nil, err
	}
	if fr.Decisions, err = queryDecisions(ctx, tx); err != nil {
		return nil, err
	}
	fr.Result, fr.Members = rankSheets(fr.State, fr.Criteria, fr.Sheets, fr.Scores)
	return fr, nil
}

// rankSheets hands the active sheets and the counted scores to the scoring
// math. Sheets are keyed by their zero-padded number, the last tie-break.
func rankSheets(st model.ForumState, crits []model.Criterion, sheets []model.Sheet, scores []model.ForumScore) (ranking.Result, int) {
	rc := make([]ranking.Criterion, len(crits))
	for i, c := range crits {
		rc[i] = ranking.Criterion{Code: c.Code, Weight: c.Weight}
	}
	var rs []ranking.Sheet
	for _, sh := range sheets {
		if sh.Active() {
			rs = append(rs, ranking.Sheet{ID: sh.ID, Key: fmt.Sprintf("%06d", sh.Number)})
		}
	}
	members := map[string]bool{}
	sc := make([]ranking.Score, len(scores))
	for i, x := range scores {
		sc[i] = ranking.Score{Sheet: x.SheetID, Member: x.MemberID, Values: x.Values, Recused: x.Status == model.ScoreRecused}
		if x.Status == model.ScoreSubmitted {
			members[x.MemberID] = true
		}
	}
	return ranking.Compute(rc, rs, sc, ranking.Options{Cutoff: st.Cutoff}), len(members)
}

// FinalSheet follows merged_into links from sh to the sheet the Forum
// scored (sh itself when it was not merged during the review).
func FinalSheet(byID map[string]model.Sheet, sh model.Sheet) model.Sheet {
	for i := 0; i < len(byID) && sh.MergedInto != ""; i++ {
		next, ok := byID[sh.MergedInto]
		if !ok {
			break
		}
		sh = next
	}
	return sh
}
