package web

import (
	"github.com/gofiber/fiber/v2"

	"github.com/minka-gob/minka/internal/model"
)

func (s *Server) apiSheet(c *fiber.Ctx) error {
	mv, err := s.buildMatrix(c.UserContext(), lang(c))
	if err != nil {
		return err
	}
	out := sheetsOut(mv, c.Params("id"))
	if len(out) == 0 || (!mv.Rank.State.SheetsPublished() && !principal(c).IsAdmin()) {
		return model.NotFound("forum.error.sheet_not_found")
	}
	return c.JSON(out[0])
}
