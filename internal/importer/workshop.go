package importer

import (
	"strings"
	"time"

	"github.com/minka-gob/minka/internal/model"
)

// HasWorkshopColumns reports whether the file names each row's workshop
// (a workshop or city column): a process-wide registration file.
func (r *Result) HasWorkshopColumns() bool {
	for _, c := range r.Columns {
		if c.Field == FieldWorkshop || c.Field == FieldCity {
			return true
		}
	}
	return false
}

// Assign sets each row's workshop from its workshop, city and date columns:
// the workshop whose name (label or city) and city match, ignoring case and
// accents, on the date given. A row naming no workshop, an unknown one, a
// date that is no date, or a name shared by several workshops without the
// date that tells them apart gets an error on "workshop" (the line keeps
// its other errors). It returns how many rows go to each workshop.
func (r *Result) Assign(workshops []model.Workshop) map[string]int {
	counts := map[string]int{}
	for i := range r.Rows {
		row := &r.Rows[i]
		id, key, args := Match(workshops, row.Workshop, row.City, row.Date)
		if key != "" {
			if row.Errors == nil {
				row.Errors = model.FieldErrors{}
			}
			row.Errors["workshop"] = model.Msg{Key: key, Args: args}
			continue
		}
		row.Participant.WorkshopID = id
		counts[id]++
	}
	return counts
}

// Match finds the one workshop a row names. It returns the workshop's id,
// or the message key (and its arguments) saying why there is none.
func Match(workshops []model.Workshop, name, city, date string) (id, key string, args []any) {
	name, city, date = strings.TrimSpace(name), strings.TrimSpace(city), strings.TrimSpace(date)
	if name == "" && city == "" {
		return "", "participants.import.error.no_workshop", nil
	}
	day := ""
	if date != "" {
		var ok bool
		if day, ok = parseDate(date); !ok {
			return "", "participants.import.error.bad_date", []any{date}
		}
	}
	fname := strings.TrimSpace(strings.TrimPrefix(model.Fold(name), "taller "))
	var found []model.Workshop
	for _, w := range workshops {
		if name != "" && fname != model.Fold(w.Label()) && fname != model.Fold(w.City) {
			continue
		}
		if city != "" && model.Fold(city) != model.Fold(w.City) {
			continue
		}
		if day != "" && day != w.Date {
			continue
		}
		found = append(found, w)
	}
	said := strings.TrimSpace(strings.Join(strings.Fields(name+" "+city+" "+date), " "))
	switch len(found) {
	case 1:
		return found[0].ID, "", nil
	case 0:
		return "", "participants.import.error.unknown_workshop", []any{said}
	}
	return "", "participants.import.error.ambiguous_workshop", []any{said}
}

// parseDate reads the dates registration forms write: 2025-05-23,
// 23/05/2025, 23-05-2025, 23/5/2025, 23/05/25.
func parseDate(s string) (string, bool) {
	for _, layout := range []string{"2006-01-02", "02/01/2006", "2/1/2006", "02-01-2006", "2-1-2006", "02/01/06", "2/1/06", "2006/01/02"} {
		if t, err := time.Parse(layout, s); err == nil {
			return t.Format("2006-01-02"), true
		}
	}
	return "", false
}
