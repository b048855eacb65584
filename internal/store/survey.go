package store

import (
	"context"
	"database/sql"
	"errors"
	"strings"

	"github.com/minka-gob/minka/internal/model"
)

// SaveSurveyAnswer stores a respondent's satisfaction answer for a workshop;
// answering again replaces the respondent's earlier answer.
func (s *Store) SaveSurveyAnswer(ctx context.Context, a *model.SurveyAnswer) error {
	a.Normalize()
	if err := a.Validate(); err != nil {
		return err
	}
	return s.Write(ctx, func(tx *Tx) error {
		if err := requireWorkshop(tx, a.WorkshopID); err != nil {
			return err
		}
		if err := refuseInField(tx, a.WorkshopID); err != nil {
			return err
		}
		now := s.now()
		if a.ID == "" {
			a.ID = NewID()
		}
		_, err := tx.Exec(`INSERT INTO survey_answers(id, workshop_id, respondent, score, comment, created_at, updated_at) VALUES (?,?,?,?,?,?,?)
			ON CONFLICT (workshop_id, respondent) DO UPDATE SET score = excluded.score, comment = excluded.comment, updated_at = excluded.updated_at`,
			a.ID, a.WorkshopID, a.Respondent, a.Score, a.Comment, formatTime(now), formatTime(now))
		if err != nil {
			return err
		}
		return tx.QueryRow(`SELECT id, created_at FROM survey_answers WHERE workshop_id = ? AND respondent = ?`, a.WorkshopID, a.Respondent).
			Scan(&a.ID, new(string))
	})
}

// SurveyAnswerOf returns a respondent's answer for a workshop, or not found.
func (s *Store) SurveyAnswerOf(ctx context.Context, workshopID, respondent string) (model.SurveyAnswer, error) {
	a := model.SurveyAnswer{WorkshopID: workshopID, Respondent: respondent}
	var created, updated string
	err := s.read.QueryRowContext(ctx, `SELECT id, score, comment, created_at, updated_at FROM survey_answers WHERE workshop_id = ? AND respondent = ?`,
		workshopID, respondent).Scan(&a.ID, &a.Score, &a.Comment, &created, &updated)
	if errors.Is(err, sql.ErrNoRows) {
		return a, model.ErrNotFound
	}
	a.CreatedAt, a.UpdatedAt = parseTime(created), parseTime(updated)
	return a, err
}

// SurveySummary counts a workshop's answers: how many, the mean score (two
// decimals), how many gave each score, and the comments, newest first.
func (s *Store) SurveySummary(ctx context.Context, workshopID string) (model.SurveySummary, error) {
	if _, err := s.Workshop(ctx, workshopID); err != nil {
		return model.SurveySummary{WorkshopID: workshopID, Comments: []string{}}, err
	}
	return querySurvey(ctx, s.read, workshopID)
}

// querySurvey counts a workshop's answers (the workshop is not checked).
func querySurvey(ctx context.Context, q querier, workshopID string) (model.SurveySummary, error) {
	sum := model.SurveySummary{WorkshopID: workshopID, Comments: []string{}}
	rows, err := q.QueryContext(ctx, `SELECT score, comment FROM survey_answers WHERE workshop_id = ? ORDER BY updated_at DESC, id`, workshopID)
	if err != nil {
		return sum, err
	}
	defer rows.Close()
	total := 0
	for rows.Next() {
		var score int
		var comment string
		if err := rows.Scan(&score, &comment); err != nil {
			return sum, err
		}
		sum.Answers++
		total += score
		sum.Distribution[score-1]++
		if strings.TrimSpace(comment) != "" {
			sum.Comments = append(sum.Comments, comment)
		}
	}
	if sum.Answers > 0 {
		sum.Average = round2(float64(total) / float64(sum.Answers))
	}
	return sum, rows.Err()
}
