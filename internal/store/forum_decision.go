package store

import (
	"context"
	"database/sql"
	"errors"
	"strings"

	sqlite3 "github.com/mattn/go-sqlite3"

	"github.com/minka-gob/minka/internal/model"
)

const decisionColumns = `sheet_id, outcome, COALESCE(merged_into, ''), COALESCE(commitment_number, 0), responsible_entity,
	notes, rationale, version, updated_at`

func scanDecision(row interface{ Scan(...any) error }) (model.ForumDecision, error) {
	var d model.ForumDecision
	var updated string
	err := row.Scan(&d.SheetID, &d.Outcome, &d.MergedInto, &d.CommitmentNumber, &d.ResponsibleEntity, &d.Notes, &d.Rationale, &d.Version, &updated)
	d.UpdatedAt = parseTime(updated)
	return d, err
}

// ForumDecisions returns the validation workshop's decisions by sheet id.
func (s *Store) ForumDecisions(ctx context.Context) (map[string]model.ForumDecision, error) {
	return queryDecisions(ctx, s.read)
}

func queryDecisions(ctx context.Context, q querier) (map[string]model.ForumDecision, error) {
	rows, err := q.QueryContext(ctx, `SELECT `+decisionColumns+` FROM forum_decisions`)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	out := map[string]model.ForumDecision{}
	for rows.Next() {
		d, err := scanDecision(rows)
		if err != nil {
			return nil, err
		}
		out[d.SheetID] = d
	}
	return out, rows.Err()
}

// ForumDecision returns the decision on a sheet; a sheet not yet discussed
// has a pending decision at version 0.
func (s *Store) ForumDecision(ctx context.Context, sheetID string) (model.ForumDecision, error) {
	d, err := scanDecision(s.read.QueryRowContext(ctx, `SELECT `+decisionColumns+` FROM forum_decisions WHERE sheet_id = ?`, sheetID))
	if errors.Is(err, sql.ErrNoRows) {
		return model.ForumDecision{SheetID: sheetID, Outcome: model.OutcomePending}, nil
	}
	return d, err
}

// SaveDecision records the deliberation notes and decision on a scored
// sheet, once scoring is closed. d.Version must be the version the editor
// started from (0 for a first decision): a decision changed meanwhile by
// someone else is not overwritten.
func (s *Store) SaveDecision(ctx context.Context, d *model.ForumDecision) error {
	d.Normalize()
	if err := d.Validate(); err != nil {
		return err
	}
	actor := ActorFrom(ctx)
	return s.Write(ctx, func(tx *Tx) error {
		if _, err := requireStage(tx, model.StageClosed); err != nil {
			return err
		}
		sh, err := sheetByID(ctx, tx, d.SheetID)
		if err != nil {
			return err
		}
		if !sh.Active() {
			return model.Conflict("forum.error.sheet_merged")
		}
		if d.Outcome == model.OutcomeMerged {
			target, err := sheetByID(ctx, tx, d.MergedInto)
			if err != nil || !target.Active() {
				return model.Invalid(model.FieldErrors{"merged_into": {Key: "forum.validation.merge_target"}})
			}
			var targetOutcome string
			err = tx.QueryRow(`SELECT outcome FROM forum_decisions WHERE sheet_id = ?`, target.ID).Scan(&targetOutcome)
			if err != nil && !errors.Is(err, sql.ErrNoRows) {
				return err
			}
			if targetOutcome == model.OutcomeMerged {
				return model.Invalid(model.FieldErrors{"merged_into": {Key: "forum.validation.merge_chain"}})
			}
		}
		var cur int
		err = tx.QueryRow(`SELECT version FROM forum_decisions WHERE sheet_id = ?`, d.SheetID).Scan(&cur)
		if err != nil && !errors.Is(err, sql.ErrNoRows) {
			return err
		}
		if cur != d.Version {
			return model.Conflict("forum.error.decision_stale")
		}
		now := s.now()
		var commitment any
		if d.Outcome == model.OutcomeCommitment {
			commitment = d.CommitmentNumber
		}
		if cur == 0 {
			_, err = tx.Exec(`INSERT INTO forum_decisions(sheet_id, outcome, merged_into, commitment_number, responsible_entity, notes, rationale,
				version, decided_by, created_at, updated_at) VALUES (?,?,?,?,?,?,?,1,?,?,?)`,
				d.SheetID, d.Outcome, nullString(d.MergedInto), commitment, d.ResponsibleEntity, d.Notes, d.Rationale, actor.ID,
				formatTime(now), formatTime(now))
		} else {
			_, err = tx.Exec(`UPDATE forum_decisions SET outcome=?, merged_into=?, commitment_number=?, responsible_entity=?, notes=?, rationale=?,
				version = version + 1, decided_by=?, updated_at=? WHERE sheet_id = ? AND version = ?`,
				d.Outcome, nullString(d.MergedInto), commitment, d.ResponsibleEntity, d.Notes, d.Rationale, actor.ID, formatTime(now),
				d.SheetID, cur)
		}
		if err := decisionWriteError(err); err != nil {
			return err
		}
		// A sheet others were merged into cannot itself be merged away.
		if d.Outcome == model.OutcomeMerged {
			var n int
			if err := tx.QueryRow(`SELECT COUNT(*) FROM forum_decisions WHERE merged_into = ?`, d.SheetID).Scan(&n); err != nil {
				return err
			}
			if n > 0 {
				return model.Invalid(model.FieldErrors{"outcome": {Key: "forum.validation.merge_chain"}})
			}
		}
		d.Version = cur + 1
		d.UpdatedAt = now
		return nil
	})
}

func decisionWriteError(err error) error {
	var se sqlite3.Error
	if errors.As(err, &se) && se.ExtendedCode == sqlite3.ErrConstraintUnique && strings.Contains(se.Error(), "commitment_number") {
		return model.Invalid(model.FieldErrors{"commitment_number": {Key: "forum.validation.commitment_taken"}})
	}
	return err
}
