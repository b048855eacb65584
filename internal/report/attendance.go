package report

import (
	"cmp"
	"slices"

	"github.com/minka-gob/minka/internal/model"
)

// Attendance computes the plan's Table 2 (people who ATTENDED — were checked
// in — by workshop and gender, with the TOTAL row) and Figure 1 (attendance by
// sector, every sector in the plan's order) for the whole process
// (workshopID "") or one workshop, which then also gets its seats per table.
//
// Registrations are counted in their own column (Registered), never in place
// of attendance: a workshop where nobody was checked in attended 0.
func Attendance(s *model.Snapshot, workshopID string) (model.Stats, error) {
	st := model.Stats{Basis: model.StatsBasis, Workshops: []model.WorkshopStats{}}
	idx := map[string]int{}
	for _, w := range s.Workshops {
		if workshopID != "" && w.ID != workshopID {
			continue
		}
		idx[w.ID] = len(st.Workshops)
		st.Workshops = append(st.Workshops, model.WorkshopStats{WorkshopID: w.ID, City: w.City, Focus: w.Focus,
			Label: w.Label(), Date: w.Date, Status: w.Status})
	}
	if workshopID != "" && len(st.Workshops) == 0 {
		return st, model.NotFound("error.workshop_not_found")
	}
	sector := map[string]*model.SectorStats{}
	st.Sectors = make([]model.SectorStats, len(model.Sectors))
	for i, code := range model.Sectors {
		st.Sectors[i].Sector = code
		sector[code] = &st.Sectors[i]
	}
	seated := map[string]int{}
	for _, p := range s.Participants {
		i, ok := idx[p.WorkshopID]
		if !ok {
			continue
		}
		r := &st.Workshops[i]
		r.Registered++
		sc := sector[p.Sector]
		if sc != nil {
			sc.Registered++
		}
		if !p.CheckedIn {
			continue
		}
		r.Attended++
		switch p.Gender {
		case "male":
			r.Men++
		case "female":
			r.Women++
		default:
			r.Other++
		}
		if p.TableID != "" {
			r.Seated++
			seated[p.TableID]++
		}
		if sc != nil {
			sc.Attended++
		}
	}
	for _, r := range st.Workshops {
		st.Total.Add(r)
	}
	for i := range st.Sectors {
		st.Sectors[i].Percent = Percent(st.Sectors[i].Attended, st.Total.Attended)
	}
	if workshopID != "" {
		st.Tables = []model.TableStats{}
		for _, t := range s.Tables {
			if t.WorkshopID == workshopID {
				st.Tables = append(st.Tables, model.TableStats{TableID: t.ID, Number: t.Number, Seated: seated[t.ID]})
			}
		}
		slices.SortFunc(st.Tables, func(a, b model.TableStats) int { return cmp.Compare(a.Number, b.Number) })
	}
	return st, nil
}
