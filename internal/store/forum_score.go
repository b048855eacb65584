package store

import (
	"context"
	"database/sql"
	"errors"

	"github.com/minka-gob/minka/internal/model"
)

// A member's scores are only ever read or written together with that
// member's id, which the web layer takes from the member's own session:
// no method here lets one member reach another member's scores.

// queryScores loads scores with their values (by criterion code).
func queryScores(ctx context.Context, q querier, where string, args ...any) ([]model.ForumScore, error) {
	rows, err := q.QueryContext(ctx, `SELECT fs.id, fs.member_id, fs.sheet_id, fs.status, fs.observations, fs.conflict,
		fs.submitted_at, fs.updated_at FROM forum_scores fs `+where+` ORDER BY fs.sheet_id, fs.member_id`, args...)
	if err != nil {
		return nil, err
	}
	var out []model.ForumScore
	idx := map[string]int{}
	for rows.Next() {
		var sc model.ForumScore
		var submitted sql.NullString
		var updated string
		if err := rows.Scan(&sc.ID, &sc.MemberID, &sc.SheetID, &sc.Status, &sc.Observations, &sc.Conflict, &submitted, &updated); err != nil {
			rows.Close()
			return nil, err
		}
		sc.SubmittedAt, sc.UpdatedAt = parseNullTime(submitted), parseTime(updated)
		sc.Values = map[string]int{}
		idx[sc.ID] = len(out)
		out = append(out, sc)
	}
	rows.Close()
	if err := rows.Err(); err != nil || len(out) == 0 {
		return out, err
	}
	vrows, err := q.QueryContext(ctx, `SELECT v.score_id, c.code, v.value FROM forum_score_values v
		JOIN criteria c ON c.id = v.criterion_id JOIN forum_scores fs ON fs.id = v.score_id `+where, args...)
	if err != nil {
		return nil, err
	}
	defer vrows.Close()
	for vrows.Next() {
		var id, code string
		var v int
		if err := vrows.Scan(&id, &code, &v); err != nil {
			return nil, err
		}
		if i, ok := idx[id]; ok {
			out[i].Values[code] = v
		}
	}
	return out, vrows.Err()
}

// MyScore returns member's own evaluation of a sheet; Status is "" when the
// member has not touched it yet.
func (s *Store) MyScore(ctx context.Context, memberID, sheetID string) (model.ForumScore, error) {
	scs, err := queryScores(ctx, s.read, `WHERE fs.member_id = ? AND fs.sheet_id = ?`, memberID, sheetID)
	if err != nil || len(scs) == 0 {
		return model.ForumScore{SheetID: sheetID, Values: map[string]int{}}, err
	}
	return scs[0], nil
}

// MyScores returns all of member's own evaluations, by sheet id.
func (s *Store) MyScores(ctx context.Context, memberID string) (map[string]model.ForumScore, error) {
	scs, err := queryScores(ctx, s.read, `WHERE fs.member_id = ?`, memberID)
	if err != nil {
		return nil, err
	}
	out := make(map[string]model.ForumScore, len(scs))
	for _, sc := range scs {
		out[sc.SheetID] = sc
	}
	return out, nil
}

// RankingScores returns what the ranking counts: every submitted score and
// every recusal on the sheets being scored. Drafts are the members' own
// work in progress and are never counted.
func (s *Store) RankingScores(ctx context.Context) ([]model.ForumScore, error) {
	return rankingScores(ctx, s.read)
}

func rankingScores(ctx context.Context, q querier) ([]model.ForumScore, error) {
	return queryScores(ctx, q, `JOIN sheets sh ON sh.id = fs.sheet_id
		WHERE sh.merged_into IS NULL AND fs.status IN ('submitted','recused')`)
}

// SaveScore records member's action on a sheet: save a draft, submit (every
// criterion scored), recuse for a declared conflict of interest, or
// withdraw a recusal. It is refused unless scoring is open.
func (s *Store) SaveScore(ctx context.Context, memberID, sheetID string, in model.ScoreInput) (model.ForumScore, error) {
	crits, err := s.Criteria(ctx)
	if err != nil {
		return model.ForumScore{}, err
	}
	codes := make([]string, len(crits))
	critID := map[string]string{}
	for i, c := range crits {
		codes[i] = c.Code
		critID[c.Code] = c.ID
	}
	if err := in.Validate(codes); err != nil {
		return model.ForumScore{}, err
	}
	var out model.ForumScore
	err = s.Write(ctx, func(tx *Tx) error {
		if _, err := requireStage(tx, model.StageScoring); err != nil {
			return err
		}
		var merged sql.NullString
		err := tx.QueryRow(`SELECT merged_into FROM sheets WHERE id = ?`, sheetID).Scan(&merged)
		if errors.Is(err, sql.ErrNoRows) || merged.Valid {
			return model.NotFound("forum.error.sheet_not_found")
		}
		if err != nil {
			return err
		}
		var one int
		if err := tx.QueryRow(`SELECT 1 FROM forum_members WHERE id = ?`, memberID).Scan(&one); errors.Is(err, sql.ErrNoRows) {
			return model.Forbidden("forum.error.link_required")
		} else if err != nil {
			return err
		}
		var id, status string
		err = tx.QueryRow(`SELECT id, status FROM forum_scores WHERE member_id = ? AND sheet_id = ?`, memberID, sheetID).Scan(&id, &status)
		if err != nil && !errors.Is(err, sql.ErrNoRows) {
			return err
		}
		now := formatTime(s.now())
		newStatus, conflict, values := model.ScoreDraft, "", in.Values
		var submittedAt any
		switch in.Action {
		case model.ScoreActionSubmit:
			newStatus, submittedAt = model.ScoreSubmitted, now
		case model.ScoreActionRecuse:
			newStatus, conflict, values = model.ScoreRecused, in.Conflict, nil
		case model.ScoreActionUnrecuse:
			if status != model.ScoreRecused {
				return nil
			}
			values = nil
		}
		if id == "" {
			id = NewID()
			_, err = tx.Exec(`INSERT INTO forum_scores(id, member_id, sheet_id, status, observations, conflict, submitted_at, created_at, updated_at)
				VALUES (?,?,?,?,?,?,?,?,?)`, id, memberID, sheetID, newStatus, in.Observations, conflict, submittedAt, now, now)
		} else {
			_, err = tx.Exec(`UPDATE forum_scores SET status = ?, observations = ?, conflict = ?, submitted_at = ?, updated_at = ? WHERE id = ?`,
				newStatus, in.Observations, conflict, submittedAt, now, id)
		}
		if err != nil {
			return err
		}
		if _, err := tx.Exec(`DELETE FROM forum_score_values WHERE score_id = ?`, id); err != nil {
			return err
		}
		for code, v := range values {
			if _, err := tx.Exec(`INSERT INTO forum_score_values(score_id, criterion_id, value) VALUES (?,?,?)`, id, critID[code], v); err != nil {
				return err
			}
		}
		scs, err := queryScores(ctx, tx, `WHERE fs.id = ?`, id)
		if err != nil || len(scs) == 0 {
			return err
		}
		out = scs[0]
		return nil
	})
	return out, err
}

// ScoringProgress tells, for every member, how many of the sheets being
// scored they have submitted, left in draft or recused from.
func (s *Store) ScoringProgress(ctx context.Context) ([]model.MemberProgress, error) {
	rows, err := s.read.QueryContext(ctx, `SELECT m.id, m.name, m.organization, m.sector, m.link_created_at, m.created_at, m.updated_at,
		COUNT(CASE WHEN fs.status = 'submitted' THEN 1 END),
		COUNT(CASE WHEN fs.status = 'draft' THEN 1 END),
		COUNT(CASE WHEN fs.status = 'recused' THEN 1 END),
		MAX(fs.updated_at)
		FROM forum_members m
		LEFT JOIN forum_scores fs ON fs.member_id = m.id AND fs.sheet_id IN (SELECT id FROM sheets WHERE merged_into IS NULL)
		GROUP BY m.id ORDER BY m.organization, m.name, m.id`)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []model.MemberProgress
	for rows.Next() {
		var p model.MemberProgress
		var link, created, updated string
		var last sql.NullString
		if err := rows.Scan(&p.Member.ID, &p.Member.Name, &p.Member.Organization, &p.Member.Sector, &link, &created, &updated,
			&p.Submitted, &p.Drafts, &p.Recused, &last); err != nil {
			return nil, err
		}
		p.Member.LinkCreatedAt, p.Member.CreatedAt, p.Member.UpdatedAt = parseTime(link), parseTime(created), parseTime(updated)
		p.LastActivity = parseNullTime(last)
		out = append(out, p)
	}
	return out, rows.Err()
}

// SheetObservations lists the qualitative observations submitted on a
// sheet, for the Secretariat's deliberation (never shown publicly).
func (s *Store) SheetObservations(ctx context.Context, sheetID string) ([]model.Observation, error) {
	rows, err := s.read.QueryContext(ctx, `SELECT m.organization, m.sector, fs.observations FROM forum_scores fs
		JOIN forum_members m ON m.id = fs.member_id
		WHERE fs.sheet_id = ? AND fs.status = 'submitted' AND fs.observations <> '' ORDER BY m.organization, m.id`, sheetID)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []model.Observation
	for rows.Next() {
		var o model.Observation
		if err := rows.Scan(&o.Organization, &o.Sector, &o.Text); err != nil {
			return nil, err
		}
		out = append(out, o)
	}
	return out, rows.Err()
}
