package store

import (
	"context"
	"math"

	"github.com/minka-gob/minka/internal/model"
)

// Participant statistics, computed from the participant records on every
// call. The figures count attendance (checked-in participants), as the plan's
// Table 2 and Figure 1 do; registrations are counted beside them.

const workshopStatsQuery = `SELECT w.id, w.city, w.focus, w.date, w.status,
	COUNT(p.id),
	COUNT(p.checked_in_at),
	COUNT(CASE WHEN p.checked_in_at IS NOT NULL AND p.gender = 'male' THEN 1 END),
	COUNT(CASE WHEN p.checked_in_at IS NOT NULL AND p.gender = 'female' THEN 1 END),
	COUNT(CASE WHEN p.checked_in_at IS NOT NULL AND p.gender = 'other' THEN 1 END),
	COUNT(CASE WHEN p.checked_in_at IS NOT NULL AND p.table_id IS NOT NULL THEN 1 END)
	FROM workshops w LEFT JOIN participants p ON p.workshop_id = w.id`

// ProcessStats returns Table 2 (one row per workshop, by date, and the TOTAL
// row) and Figure 1 (attendance by sector) for the whole process.
func (s *Store) ProcessStats(ctx context.Context) (model.Stats, error) {
	return s.stats(ctx, "")
}

// WorkshopStats returns the same figures for one workshop, plus how many
// attendees sit at each of its tables.
func (s *Store) WorkshopStats(ctx context.Context, workshopID string) (model.Stats, error) {
	if _, err := s.Workshop(ctx, workshopID); err != nil {
		return model.Stats{}, err
	}
	st, err := s.stats(ctx, workshopID)
	if err != nil {
		return st, err
	}
	rows, err := s.read.QueryContext(ctx, `SELECT t.id, t.number, COUNT(p.id) FROM workshop_tables t
		LEFT JOIN participants p ON p.table_id = t.id AND p.checked_in_at IS NOT NULL
		WHERE t.workshop_id = ? GROUP BY t.id ORDER BY t.number`, workshopID)
	if err != nil {
		return st, err
	}
	defer rows.Close()
	st.Tables = []model.TableStats{}
	for rows.Next() {
		var t model.TableStats
		if err := rows.Scan(&t.TableID, &t.Number, &t.Seated); err != nil {
			return st, err
		}
		st.Tables = append(st.Tables, t)
	}
	return st, rows.Err()
}

func (s *Store) stats(ctx context.Context, workshopID string) (model.Stats, error) {
	st := model.Stats{Basis: model.StatsBasis, Workshops: []model.WorkshopStats{}}
	q, args := workshopStatsQuery, []any{}
	if workshopID != "" {
		q += ` WHERE w.id = ?`
		args = append(args, workshopID)
	}
	q += ` GROUP BY w.id ORDER BY w.date, w.city, w.created_at`
	rows, err := s.read.QueryContext(ctx, q, args...)
	if err != nil {
		return st, err
	}
	defer rows.Close()
	for rows.Next() {
		var r model.WorkshopStats
		if err := rows.Scan(&r.WorkshopID, &r.City, &r.Focus, &r.Date, &r.Status, &r.Registered, &r.Attended,
			&r.Men, &r.Women, &r.Other, &r.Seated); err != nil {
			return st, err
		}
		w := model.Workshop{City: r.City, Focus: r.Focus}
		r.Label = w.Label()
		st.Workshops = append(st.Workshops, r)
		st.Total.Add(r)
	}
	if err := rows.Err(); err != nil {
		return st, err
	}
	st.Sectors, err = s.sectorStats(ctx, workshopID, st.Total.Attended)
	return st, err
}

// sectorStats counts attendance and registrations per sector, every sector
// listed in the plan's order even when zero.
func (s *Store) sectorStats(ctx context.Context, workshopID string, attended int) ([]model.SectorStats, error) {
	q := `SELECT sector, COUNT(checked_in_at), COUNT(*) FROM participants`
	args := []any{}
	if workshopID != "" {
		q += ` WHERE workshop_id = ?`
		args = append(args, workshopID)
	}
	rows, err := s.read.QueryContext(ctx, q+` GROUP BY sector`, args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	by := map[string]model.SectorStats{}
	for rows.Next() {
		var sc model.SectorStats
		if err := rows.Scan(&sc.Sector, &sc.Attended, &sc.Registered); err != nil {
			return nil, err
		}
		by[sc.Sector] = sc
	}
	if err := rows.Err(); err != nil {
		return nil, err
	}
	out := make([]model.SectorStats, 0, len(model.Sectors))
	for _, code := range model.Sectors {
		sc := by[code]
		sc.Sector = code
		sc.Percent = Percent(sc.Attended, attended)
		out = append(out, sc)
	}
	return out, nil
}

// Percent is part of total in percent, rounded half away from zero to one
// decimal (95 of 167 → 56.9), 0 when total is 0.
func Percent(part, total int) float64 {
	if total == 0 {
		return 0
	}
	return math.Round(1000*float64(part)/float64(total)) / 10
}
