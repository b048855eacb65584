package web

import (
	"fmt"
	"html/template"
	"strings"

	"github.com/gofiber/fiber/v2"

	"github.com/minka-gob/minka/internal/chart"
	"github.com/minka-gob/minka/internal/i18n"
)

// processShow is the public page of the process: statistics derived from
// the records (ideas by workshop and principle — the plan's Table 3 — and
// what became of them) and every idea, each linking to its trace. It shows
// no personal data: no participant, facilitator or Forum member names.
func (s *Server) processShow(c *fiber.Ctx) error {
	ctx := c.UserContext()
	mv, err := s.buildMatrix(ctx, lang(c))
	if err != nil {
		return err
	}
	data := fiber.Map{
		"Title": i18n.T(lang(c), "public.title"),
		"State": mv.Rank.State,
	}
	if mv.Rank.State.SheetsPublished() {
		sv := buildStats(mv)
		data["Stats"] = sv
		data["Matrix"] = mv
		data["PrincipleChart"] = principleChart(lang(c), sv)
	}
	return s.render(c, fiber.StatusOK, "process/index", data)
}

// principleChart draws the plan's Figure 2 totals: the ideas systematized
// into sheets by predominant principle, as the report's Table 3 counts them.
func principleChart(l string, sv *statsView) template.HTML {
	var bars []chart.Bar
	var desc []string
	for i, p := range sv.Principles {
		name := i18n.T(l, "principle."+p)
		bars = append(bars, chart.Bar{Label: name, Value: sv.Totals[i]})
		desc = append(desc, fmt.Sprintf("%s: %d.", name, sv.Totals[i]))
	}
	return chart.Bars("chart-principles", i18n.T(l, "public.chart.principles"), strings.Join(desc, " "), bars)
}
