package store

import (
	"context"
	"database/sql"
	"errors"

	"github.com/minka-gob/minka/internal/model"
)

// AfterActionReview returns a workshop's review (Version 0 when none is written yet).
func (s *Store) AfterActionReview(ctx context.Context, workshopID string) (model.AfterActionReview, error) {
	r := model.AfterActionReview{WorkshopID: workshopID}
	if _, err := s.Workshop(ctx, workshopID); err != nil {
		return r, err
	}
	var created, updated string
	err := s.read.QueryRowContext(ctx, `SELECT planned, happened, why, change_next, version, updated_by, created_at, updated_at
		FROM after_action_reviews WHERE workshop_id = ?`, workshopID).
		Scan(&r.Planned, &r.Happened, &r.Why, &r.ChangeNext, &r.Version, &r.UpdatedBy, &created, &updated)
	if errors.Is(err, sql.ErrNoRows) {
		return r, nil
	}
	r.CreatedAt, r.UpdatedAt = parseTime(created), parseTime(updated)
	return r, err
}

// SaveAfterActionReview writes a workshop's review. r.Version is the version
// the editor started from (0 for a new review); if someone saved in between,
// the save is refused as a conflict instead of overwriting their text.
func (s *Store) SaveAfterActionReview(ctx context.Context, r *model.AfterActionReview) error {
	r.Normalize()
	if err := r.Validate(); err != nil {
		return err
	}
	actor := ActorFrom(ctx)
	return s.Write(ctx, func(tx *Tx) error {
		if err := requireWorkshop(tx, r.WorkshopID); err != nil {
			return err
		}
		if err := refuseInField(tx, r.WorkshopID); err != nil {
			return err
		}
		now := formatTime(s.now())
		var cur int
		err := tx.QueryRow(`SELECT version FROM after_action_reviews WHERE workshop_id = ?`, r.WorkshopID).Scan(&cur)
		if err != nil && !errors.Is(err, sql.ErrNoRows) {
			return err
		}
		if cur != r.Version {
			return model.Conflict("aar.error.stale")
		}
		if cur == 0 {
			_, err = tx.Exec(`INSERT INTO after_action_reviews(workshop_id, planned, happened, why, change_next, version, updated_by, created_at, updated_at)
				VALUES (?,?,?,?,?,1,?,?,?)`, r.WorkshopID, r.Planned, r.Happened, r.Why, r.ChangeNext, actor.ID, now, now)
		} else {
			_, err = tx.Exec(`UPDATE after_action_reviews SET planned = ?, happened = ?, why = ?, change_next = ?, version = version + 1,
				updated_by = ?, updated_at = ? WHERE workshop_id = ?`, r.Planned, r.Happened, r.Why, r.ChangeNext, actor.ID, now, r.WorkshopID)
		}
		if err != nil {
			return err
		}
		r.Version = cur + 1
		return nil
	})
}
