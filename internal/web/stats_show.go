package web

import (
	"context"
	"fmt"
	"html/template"
	"strings"

	"github.com/gofiber/fiber/v2"

	"github.com/minka-gob/minka/internal/chart"
	"github.com/minka-gob/minka/internal/i18n"
	"github.com/minka-gob/minka/internal/model"
	"github.com/minka-gob/minka/internal/report"
)

// statsProcessShow shows the participant statistics of the whole process:
// the plan's Table 2 (attendance by city and gender) and Figure 1 (by
// sector), computed from the records. Public: aggregates only, no names.
func (s *Server) statsProcessShow(c *fiber.Ctx) error {
	st, err := s.attendance(c.UserContext(), "")
	if err != nil {
		return err
	}
	proc, err := s.store.Process(c.UserContext())
	if err != nil {
		return err
	}
	l := lang(c)
	return s.render(c, fiber.StatusOK, "stats/show", fiber.Map{
		"Title":       i18n.T(l, "stats.process.title"),
		"Heading":     i18n.T(l, "stats.process.title"),
		"Subheading":  proc.Name + " " + proc.Period,
		"Stats":       st,
		"GenderChart": genderChart(l, st),
		"SectorChart": sectorChart(l, st),
	})
}

// statsWorkshopShow shows the same figures for one workshop, with the seats per table.
func (s *Server) statsWorkshopShow(c *fiber.Ctx) error {
	w, err := s.store.Workshop(c.UserContext(), c.Params("id"))
	if err != nil {
		return err
	}
	st, err := s.attendance(c.UserContext(), w.ID)
	if err != nil {
		return err
	}
	l := lang(c)
	return s.render(c, fiber.StatusOK, "stats/show", fiber.Map{
		"Title":       i18n.T(l, "stats.workshop.title", w.Label()),
		"Heading":     i18n.T(l, "stats.workshop.title", w.Label()),
		"Subheading":  i18n.FormatDate(l, w.Date) + sep(w.Venue),
		"Workshop":    &w,
		"Stats":       st,
		"GenderChart": genderChart(l, st),
		"SectorChart": sectorChart(l, st),
	})
}

func sep(s string) string {
	if s == "" {
		return ""
	}
	return " · " + s
}

// genderChart draws attendance by workshop and gender (Table 2 as bars).
// The "other" series appears only when someone answered it.
func genderChart(l string, st model.Stats) template.HTML {
	series := []chart.Series{{Name: i18n.T(l, "stats.men")}, {Name: i18n.T(l, "stats.women")}}
	withOther := st.Total.Other > 0
	if withOther {
		series = append(series, chart.Series{Name: i18n.T(l, "stats.other")})
	}
	var groups []chart.Group
	var desc []string
	for _, r := range st.Workshops {
		g := chart.Group{Label: r.Label + " · " + i18n.FormatDate(l, r.Date), Values: []int{r.Men, r.Women}}
		if withOther {
			g.Values = append(g.Values, r.Other)
		}
		groups = append(groups, g)
		desc = append(desc, i18n.T(l, "stats.chart.gender_row", r.Label, r.Attended, r.Men, r.Women, r.Other))
	}
	return chart.GroupedBars("chart-gender", i18n.T(l, "stats.chart.gender_title"), strings.Join(desc, " "), series, groups)
}

// sectorChart draws attendance by sector with percentages (Figure 1).
func sectorChart(l string, st model.Stats) template.HTML {
	var bars []chart.Bar
	var desc []string
	for _, sc := range st.Sectors {
		note := i18n.FormatNumber(sc.Percent, 1) + " %"
		name := i18n.T(l, "sector."+sc.Sector)
		bars = append(bars, chart.Bar{Label: name, Value: sc.Attended, Note: note})
		desc = append(desc, fmt.Sprintf("%s: %d (%s).", name, sc.Attended, note))
	}
	return chart.Bars("chart-sector", i18n.T(l, "stats.chart.sector_title"), strings.Join(desc, " "), bars)
}

// attendance presents internal/report's Table 2 and Figure 1 for the whole
// process (workshopID "") or one workshop (not found when it does not exist),
// reading that workshop's rows only.
func (s *Server) attendance(ctx context.Context, workshopID string) (model.Stats, error) {
	read := s.store.AttendanceSnapshot
	if workshopID != "" {
		read = func(ctx context.Context) (*model.Snapshot, error) { return s.store.WorkshopSnapshot(ctx, workshopID) }
	}
	snap, err := read(ctx)
	if err != nil {
		return model.Stats{}, err
	}
	return report.Attendance(snap, workshopID)
}
