package web

import (
	"github.com/gofiber/fiber/v2"

	"github.com/minka-gob/minka/internal/i18n"
	"github.com/minka-gob/minka/internal/model"
	"github.com/minka-gob/minka/internal/report"
)

// sheetPublic is the public page of an idea sheet: its seven fields, the
// ideas behind it and, once published, its score summary and decision. The
// sheet is read with its lineage alone (store.SheetLineage) and the ranking's
// records.
func (s *Server) sheetPublic(c *fiber.Ctx) error {
	id := c.Params("id")
	fs, err := s.store.SheetLineage(c.UserContext(), id, true)
	if err != nil {
		return err
	}
	if !fs.State.SheetsPublished() {
		return model.NotFound("forum.error.sheet_not_found")
	}
	f := report.NewRanking(fs.Ranking)
	rv := rankViewOf(lang(c), f)
	l := report.LineageOf(fs, id)
	var ideas []traceRow
	for _, o := range l.Ideas {
		ideas = append(ideas, traceRowOf(f.Follow(o), rv))
	}
	data := fiber.Map{
		"Title":    i18n.T(lang(c), "forum.sheet.title", l.Sheet.Number),
		"State":    rv.State,
		"Sheet":    l.Sheet,
		"Ideas":    ideas,
		"Sources":  l.Sources,
		"Criteria": rv.Criteria,
		"Row":      rv.BySheet[id],
	}
	if l.Sheet.MergedInto != "" {
		data["Into"] = l.Final
	}
	return s.render(c, fiber.StatusOK, "process/sheet", data)
}
