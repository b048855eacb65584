package web

import (
	"github.com/gofiber/fiber/v2"

	"github.com/minka-gob/minka/internal/model"
)

// apiIdeaTrace is one idea's trace, read alone (store.IdeaTrace): public
// once the sheets are published to the Forum, its ranking and decision once
// the results are; the Secretariat sees it all at any time.
func (s *Server) apiIdeaTrace(c *fiber.Ctx) error {
	row, rv, ok, err := s.ideaTraceOf(c.UserContext(), lang(c), c.Params("id"))
	if err != nil {
		return err
	}
	if !ok || (!rv.State.SheetsPublished() && !principal(c).IsAdmin()) {
		return model.NotFound("forum.error.idea_not_found")
	}
	return c.JSON(traceOut(c, row, rv.State))
}
