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
	id := c.Params("id")
	if mv.Rank.State.SheetsPublished() {
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
	}
	return s.ideaProgress(c, id, mv)
}

// routeStep is one stage of an idea's way from its table to the decision,
// as the idea's page shows it: done, current, to come, or where it stopped.
type routeStep struct {
	Key    string // i18n key of the stage's name: public.route.<Key>
	Status string // done, current, todo, stopped
}

// ideaProgress is the page of an idea that is not (yet) on the Forum's
// public record — its sheets are still in the internal review, or it did
// not become a sheet: the idea as its table recorded it and where it is in
// the route, for the participant who follows its link. Its address is its
// unguessable id, as before; search engines are asked not to list it.
func (s *Server) ideaProgress(c *fiber.Ctx, id string, mv *matrixView) error {
	o, err := s.store.IdeaOrigin(c.UserContext(), id)
	if err != nil {
		return err
	}
	if o.Deleted {
		return model.NotFound("forum.error.idea_not_found")
	}
	st := mv.Rank.State
	var sheet *model.Sheet
	if sh, ok := mv.Sheets[o.SheetID]; ok {
		final := report.FinalSheet(mv.Sheets, sh)
		sheet = &final
	}
	steps := []routeStep{{"table", "done"}, {"review", "current"}, {"forum", "todo"}, {"decision", "todo"}}
	switch {
	case st.SheetsPublished() && sheet == nil:
		steps[1].Status = "stopped" // the review made no sheet of it
		steps = steps[:2]
	case st.SheetsPublished():
		steps[1].Status, steps[2].Status = "done", "current"
	}
	c.Set("X-Robots-Tag", "noindex")
	return s.render(c, fiber.StatusOK, "process/idea_progress", fiber.Map{
		"Title":  o.Title,
		"Origin": o,
		"Sheet":  sheet,
		"Merged": sheet != nil && sheet.ID != o.SheetID,
		"Steps":  steps,
		"State":  st,
	})
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
