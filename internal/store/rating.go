package store

import (
	"context"
	"database/sql"
	"errors"
	"strings"
	"time"

	"github.com/minka-gob/minka/internal/liveproto"
	"github.com/minka-gob/minka/internal/model"
)

// RateIdea records r.Rater's impact and feasibility rating of an idea during
// the table's prioritization phase. A rater has one rating per idea: rating
// again replaces it. The event carries only the idea's new summary.
func (s *Store) RateIdea(ctx context.Context, op, tableID string, r *model.Rating) (Applied, error) {
	if err := r.Validate(); err != nil {
		return Applied{}, err
	}
	if r.Rater == "" {
		return Applied{}, model.Forbidden("live.error.forbidden")
	}
	return s.liveOp(ctx, tableID, op, func(ctx context.Context, tx *Tx, now time.Time) (string, any, error) {
		var phase string
		if err := tx.QueryRow(`SELECT phase FROM workshop_tables WHERE id = ?`, tableID).Scan(&phase); err != nil {
			return "", nil, err
		}
		if phase != model.PhasePrioritize {
			return "", nil, model.Conflict("live.error.not_prioritize")
		}
		var one int
		err := tx.QueryRow(`SELECT 1 FROM ideas WHERE id = ? AND table_id = ? AND deleted_at IS NULL`, r.IdeaID, tableID).Scan(&one)
		if errors.Is(err, sql.ErrNoRows) {
			return "", nil, model.NotFound("live.error.record_not_found")
		}
		if err != nil {
			return "", nil, err
		}
		if strings.HasPrefix(r.Rater, proxyPrefix) {
			if err := checkProxyRater(tx, tableID, r.Rater); err != nil {
				return "", nil, err
			}
		}
		t := formatTime(now)
		if _, err := tx.Exec(`INSERT INTO idea_ratings(id, idea_id, rater, impact, feasibility, created_at, updated_at)
			VALUES (?,?,?,?,?,?,?)
			ON CONFLICT (idea_id, rater) DO UPDATE SET impact = excluded.impact, feasibility = excluded.feasibility, updated_at = excluded.updated_at`,
			r.ID, r.IdeaID, r.Rater, r.Impact, r.Feasibility, t, t); err != nil {
			return "", nil, err
		}
		sum, err := ratingSummary(ctx, tx, r.IdeaID)
		return liveproto.EventRated, liveproto.RatingChange{TableID: tableID, IdeaID: r.IdeaID, Ratings: sum}, err
	})
}

func ratingSummary(ctx context.Context, q querier, ideaID string) (model.RatingSummary, error) {
	var sum model.RatingSummary
	err := q.QueryRowContext(ctx, `SELECT COUNT(*), COALESCE(AVG(impact), 0), COALESCE(AVG(feasibility), 0) FROM idea_ratings WHERE idea_id = ?`, ideaID).
		Scan(&sum.Count, &sum.Impact, &sum.Feasibility)
	sum.Impact, sum.Feasibility = round2(sum.Impact), round2(sum.Feasibility)
	return sum, err
}

// ratingsBy returns rater's ratings of a table's ideas, by idea.
func ratingsBy(ctx context.Context, q querier, tableID, rater string) (map[string]model.Rating, error) {
	rows, err := q.QueryContext(ctx, `SELECT r.id, r.idea_id, r.impact, r.feasibility, r.created_at, r.updated_at
		FROM idea_ratings r JOIN ideas i ON i.id = r.idea_id WHERE i.table_id = ? AND r.rater = ?`, tableID, rater)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	out := map[string]model.Rating{}
	for rows.Next() {
		var r model.Rating
		var created, updated string
		if err := rows.Scan(&r.ID, &r.IdeaID, &r.Impact, &r.Feasibility, &created, &updated); err != nil {
			return nil, err
		}
		r.Rater, r.CreatedAt, r.UpdatedAt = rater, parseTime(created), parseTime(updated)
		out[r.IdeaID] = r
	}
	return out, rows.Err()
}

// proxyPrefix starts the rater of a rating recorded for a table member
// without a phone.
const proxyPrefix = "proxy:"

// ProxyRater is the rater of the member labelled label at table tableID.
func ProxyRater(tableID, label string) string { return proxyPrefix + tableID + "#" + label }

// maxProxyDefault is how many members without a phone a table may have when
// nobody was checked in at it (a table seats about ten).
const maxProxyDefault = 10

// checkProxyRater refuses a new member label beyond the table's people: the
// members checked in at the table (or ten when check-in did not seat
// anyone). A rapporteur cannot invent raters.
func checkProxyRater(tx *Tx, tableID, rater string) error {
	var used, exists, seated int
	if err := tx.QueryRow(`SELECT COUNT(DISTINCT r.rater), COALESCE(SUM(r.rater = ?), 0) FROM idea_ratings r
		JOIN ideas i ON i.id = r.idea_id WHERE i.table_id = ? AND r.rater LIKE ?`,
		rater, tableID, proxyPrefix+"%").Scan(&used, &exists); err != nil {
		return err
	}
	if exists > 0 {
		return nil // a rater already counted rates again (replaces)
	}
	if err := tx.QueryRow(`SELECT COUNT(*) FROM participants WHERE table_id = ? AND checked_in_at IS NOT NULL`, tableID).Scan(&seated); err != nil {
		return err
	}
	if seated == 0 {
		seated = maxProxyDefault
	}
	if used >= seated {
		return model.Forbidden("live.error.too_many_raters")
	}
	return nil
}
