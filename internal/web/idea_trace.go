package web

import (
	"github.com/gofiber/fiber/v2"

	"github.com/minka-gob/minka/internal/model"
)

// ideaTrace is the public trace of one contribution: its workshop and
// table, its idea sheet, the sheet it was merged into, the Forum's score
// summary and rank, and the decision with its rationale. Ideas become
// public when the sheets go to the Forum; scores and decisions when the
// results are published. The idea is read alone (store.IdeaTrace).
func (s *Server) ideaTrace(c *fiber.Ctx) error {
	row, rv, ok, err := s.ideaTraceOf(c.UserContext(), lang(c), c.Params("id"))
	if err != nil {
		return err
	}
	if !ok || !rv.State.SheetsPublished() {
		return model.NotFound("forum.error.idea_not_found")
	}
	return s.render(c, fiber.StatusOK, "process/idea", fiber.Map{
		"Title":    row.Origin.Title,
		"State":    rv.State,
		"Trace":    row,
		"Criteria": rv.Criteria,
		"Cutoff":   rv.State.Cutoff,
	})
}
