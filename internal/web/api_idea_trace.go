package web

import (
	"github.com/gofiber/fiber/v2"

	"github.com/minka-gob/minka/internal/model"
)

func (s *Server) apiIdeaTrace(c *fiber.Ctx) error {
	mv, err := s.buildMatrix(c.UserContext(), lang(c))
	if err != nil {
		return err
	}
	if mv.Rank.State.SheetsPublished() || principal(c).IsAdmin() {
		for _, t := range mv.Rows {
			if t.Origin.IdeaID == c.Params("id") {
				return c.JSON(traceOut(c, t, mv.Rank.State))
			}
		}
	}
	return model.NotFound("forum.error.idea_not_found")
}
