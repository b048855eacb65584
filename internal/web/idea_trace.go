package web

import (
	"github.com/gofiber/fiber/v2"

	"github.com/minka-gob/minka/internal/i18n"
	"github.com/minka-gob/minka/internal/model"
	"github.com/minka-gob/minka/internal/report"
)

// ideaTrace is the public trace of one contribution: its workshop and
// table, its idea sheet, the sheet it was merged into, the Forum's score
// summary and rank, and the decision with its rationale. Ideas become
// public when the sheets go to the Forum; scores and decisions when the
// results are published.
func (s *Server) ideaTrace(c *fiber.Ctx) error {
	ctx := c.UserContext()
	mv, err := s.buildMatrix(ctx, lang(c))
	if err != nil {
		return err
	}
	if !mv.Rank.State.SheetsPublished() {
		return model.NotFound("forum.error.idea_not_found")
	}
	id := c.Params("id")
	for _, row := range mv.Rows {
		if row.Origin.IdeaID == id {
			return s.render(c, fiber.StatusOK, "process/idea", fiber.Map{
				"Title":    row.Origin.Title,
				"State":    mv.Rank.State,
				"Trace":    row,
				"Criteria": mv.Rank.Criteria,
				"Cutoff":   mv.Rank.State.Cutoff,
			})
		}
	}
	return model.NotFound("forum.error.idea_not_found")
}

// sheetPublic is the public page of an idea sheet: its seven fields, the
// ideas behind it and, once published, its score summary and decision.
func (s *Server) sheetPublic(c *fiber.Ctx) error {
	ctx := c.UserContext()
	mv, err := s.buildMatrix(ctx, lang(c))
	if err != nil {
		return err
	}
	sh, ok := mv.Sheets[c.Params("id")]
	if !ok || !mv.Rank.State.SheetsPublished() {
		return model.NotFound("forum.error.sheet_not_found")
	}
	var ideas []traceRow
	for _, row := range mv.Rows {
		if row.Sheet.ID == sh.ID || row.Final.ID == sh.ID {
			ideas = append(ideas, row)
		}
	}
	var sources []model.Sheet
	for _, x := range mv.Sheets {
		if x.MergedInto == sh.ID {
			sources = append(sources, x)
		}
	}
	sortSheetsByNumber(sources)
	data := fiber.Map{
		"Title":    i18n.T(lang(c), "forum.sheet.title", sh.Number),
		"State":    mv.Rank.State,
		"Sheet":    sh,
		"Ideas":    ideas,
		"Sources":  sources,
		"Criteria": mv.Rank.Criteria,
		"Row":      mv.Rank.BySheet[sh.ID],
	}
	if sh.MergedInto != "" {
		into := report.FinalSheet(mv.Sheets, sh)
		data["Into"] = into
	}
	return s.render(c, fiber.StatusOK, "process/sheet", data)
}

func sortSheetsByNumber(shs []model.Sheet) {
	for i := 1; i < len(shs); i++ {
		for j := i; j > 0 && shs[j].Number < shs[j-1].Number; j-- {
			shs[j], shs[j-1] = shs[j-1], shs[j]
		}
	}
}
