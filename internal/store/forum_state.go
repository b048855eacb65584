package store

import (
	"context"
	"database/sql"

	"github.com/minka-gob/minka/internal/model"
)

// ForumState returns where the process stands (review, scoring, closed).
func (s *Store) ForumState(ctx context.Context) (model.ForumState, error) {
	return queryForumState(ctx, s.read)
}

func queryForumState(ctx context.Context, q interface {
	QueryRowContext(ctx context.Context, query string, args ...any) *sql.Row
}) (model.ForumState, error) {
	return scanForumState(q.QueryRowContext(ctx, `SELECT stage, cutoff, opened_at, closed_at, results_published_at FROM forum_state WHERE id = 1`))
}

func scanForumState(row interface{ Scan(...any) error }) (model.ForumState, error) {
	var st model.ForumState
	var opened, closed, published sql.NullString
	err := row.Scan(&st.Stage, &st.Cutoff, &opened, &closed, &published)
	st.OpenedAt, st.ClosedAt, st.ResultsPublishedAt = parseNullTime(opened), parseNullTime(closed), parseNullTime(published)
	return st, err
}

// forumStateTx reads the state inside a write, where it cannot change under us.
func forumStateTx(tx *Tx) (model.ForumState, error) {
	return scanForumState(tx.QueryRow(`SELECT stage, cutoff, opened_at, closed_at, results_published_at FROM forum_state WHERE id = 1`))
}

// requireStage fails with a translated conflict unless the process is at stage.
func requireStage(tx *Tx, stage string) (model.ForumState, error) {
	st, err := forumStateTx(tx)
	if err != nil {
		return st, err
	}
	if st.Stage != stage {
		switch stage {
		case model.StageReview:
			return st, model.Conflict("forum.error.sheets_published")
		case model.StageScoring:
			if st.Stage == model.StageReview {
				return st, model.Conflict("forum.error.scoring_not_open")
			}
			return st, model.Conflict("forum.error.scoring_closed")
		default:
			return st, model.Conflict("forum.error.scoring_not_closed")
		}
	}
	return st, nil
}

func (s *Store) recordEvent(ctx context.Context, tx *Tx, action, reason string) error {
	a := ActorFrom(ctx)
	_, err := tx.Exec(`INSERT INTO forum_events(id, action, actor_role, actor_id, reason, at) VALUES (?,?,?,?,?,?)`,
		NewID(), action, a.Role, a.ID, reason, s.nowText())
	return err
}

// PublishSheets sends the idea sheets to the Forum and opens scoring. Every
// sheet to be scored must have its seven fields, and the criteria weights
// must not all be zero. From then on sheets and criteria are locked.
func (s *Store) PublishSheets(ctx context.Context) error {
	return s.Write(ctx, func(tx *Tx) error {
		if _, err := requireStage(tx, model.StageReview); err != nil {
			return err
		}
		sheets, err := querySheets(ctx, tx, `WHERE merged_into IS NULL`)
		if err != nil {
			return err
		}
		if len(sheets) == 0 {
			return model.Conflict("forum.error.no_sheets")
		}
		incomplete := 0
		for _, sh := range sheets {
			if len(sh.Missing()) > 0 {
				incomplete++
			}
		}
		if incomplete > 0 {
			return model.Conflict("forum.error.sheets_incomplete", incomplete)
		}
		var total float64
		if err := tx.QueryRow(`SELECT COALESCE(SUM(weight), 0) FROM criteria`).Scan(&total); err != nil {
			return err
		}
		if total <= 0 {
			return model.Conflict("forum.validation.weights_zero")
		}
		now := s.nowText()
		if _, err := tx.Exec(`UPDATE forum_state SET stage = 'scoring', opened_at = ?, updated_at = ? WHERE id = 1`, now, now); err != nil {
			return err
		}
		return s.recordEvent(ctx, tx, model.EventPublish, "")
	})
}

// CloseScoring freezes the scores: members can no longer change them.
func (s *Store) CloseScoring(ctx context.Context) error {
	return s.Write(ctx, func(tx *Tx) error {
		if _, err := requireStage(tx, model.StageScoring); err != nil {
			return err
		}
		now := s.nowText()
		if _, err := tx.Exec(`UPDATE forum_state SET stage = 'closed', closed_at = ?, updated_at = ? WHERE id = 1`, now, now); err != nil {
			return err
		}
		return s.recordEvent(ctx, tx, model.EventClose, "")
	})
}

// ReopenScoring lets members score again after closing. Only an admin may
// do it, with a reason, and it is recorded; once the results are public the
// scores stay frozen.
func (s *Store) ReopenScoring(ctx context.Context, reason string) error {
	reason = model.Clean(reason)
	var v model.Validator
	v.LongText("reason", reason, true, 1000)
	if err := v.Err(); err != nil {
		return err
	}
	if ActorFrom(ctx).Role != model.RoleAdmin {
		return model.Forbidden("error.forbidden")
	}
	return s.Write(ctx, func(tx *Tx) error {
		st, err := requireStage(tx, model.StageClosed)
		if err != nil {
			return err
		}
		if st.ResultsPublished() {
			return model.Conflict("forum.error.results_published")
		}
		if _, err := tx.Exec(`UPDATE forum_state SET stage = 'scoring', closed_at = NULL, updated_at = ? WHERE id = 1`, s.nowText()); err != nil {
			return err
		}
		return s.recordEvent(ctx, tx, model.EventReopen, reason)
	})
}

// PublishResults makes the ranking and the reasoned response matrix public.
// Every scored sheet needs its final decision first.
func (s *Store) PublishResults(ctx context.Context) error {
	return s.Write(ctx, func(tx *Tx) error {
		st, err := requireStage(tx, model.StageClosed)
		if err != nil {
			return err
		}
		if st.ResultsPublished() {
			return nil
		}
		var undecided int
		err = tx.QueryRow(`SELECT COUNT(*) FROM sheets s LEFT JOIN forum_decisions d ON d.sheet_id = s.id
			WHERE s.merged_into IS NULL AND (d.outcome IS NULL OR d.outcome = 'pending')`).Scan(&undecided)
		if err != nil {
			return err
		}
		if undecided > 0 {
			return model.Conflict("forum.error.undecided", undecided)
		}
		now := s.nowText()
		if _, err := tx.Exec(`UPDATE forum_state SET results_published_at = ?, updated_at = ? WHERE id = 1`, now, now); err != nil {
			return err
		}
		return s.recordEvent(ctx, tx, model.EventPublishResults, "")
	})
}

// SetCutoff sets how many top ranks form the proposed prioritized list.
func (s *Store) SetCutoff(ctx context.Context, n int) error {
	var v model.Validator
	v.IntRange("cutoff", n, 0, 999)
	if err := v.Err(); err != nil {
		return err
	}
	return s.Write(ctx, func(tx *Tx) error {
		_, err := tx.Exec(`UPDATE forum_state SET cutoff = ?, updated_at = ? WHERE id = 1`, n, s.nowText())
		return err
	})
}

// ForumEvents lists the changes of stage, newest first, naming the admin who made each.
func (s *Store) ForumEvents(ctx context.Context) ([]model.ForumEvent, error) {
	rows, err := s.read.QueryContext(ctx, `SELECT e.id, e.action, e.actor_role, e.actor_id, COALESCE(a.username, ''), e.reason, e.at
		FROM forum_events e LEFT JOIN admins a ON e.actor_role = 'admin' AND a.id = e.actor_id ORDER BY e.at DESC, e.rowid DESC`)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var evs []model.ForumEvent
	for rows.Next() {
		var e model.ForumEvent
		var at string
		if err := rows.Scan(&e.ID, &e.Action, &e.ActorRole, &e.ActorID, &e.ActorName, &e.Reason, &at); err != nil {
			return nil, err
		}
		e.At = parseTime(at)
		evs = append(evs, e)
	}
	return evs, rows.Err()
}

// UpdateCriteria saves the criteria names, descriptions, rubrics and weights,
// all of them or (any field invalid) none. It is
// refused once scoring has opened: the Forum scores against fixed criteria.
func (s *Store) UpdateCriteria(ctx context.Context, cs []model.Criterion) error {
	var v model.Validator
	var total float64
	for i := range cs {
		c := &cs[i]
		c.Normalize()
		if err := c.Validate(); err != nil {
			e, _ := model.AsError(err)
			for f, m := range e.Fields {
				v.Add(f+"_"+c.Code, m.Key, m.Args...)
			}
		}
		total += c.Weight
	}
	if total <= 0 {
		v.Add("weights", "forum.validation.weights_zero")
	}
	if err := v.Err(); err != nil {
		return err
	}
	return s.Write(ctx, func(tx *Tx) error {
		if _, err := requireStage(tx, model.StageReview); err != nil {
			if model.KindOf(err) == model.KindConflict {
				return model.Conflict("forum.error.criteria_locked")
			}
			return err
		}
		for _, c := range cs {
			res, err := tx.Exec(`UPDATE criteria SET name = ?, description = ?, rubric_1 = ?, rubric_3 = ?, rubric_5 = ?, weight = ? WHERE id = ?`,
				c.Name, c.Description, c.Rubric1, c.Rubric3, c.Rubric5, c.Weight, c.ID)
			if err != nil {
				return err
			}
			if err := mustAffect(res); err != nil {
				return err
			}
		}
		return nil
	})
}
