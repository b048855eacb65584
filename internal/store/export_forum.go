package store

import "github.com/minka-gob/minka/internal/model"

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
