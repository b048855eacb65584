package web

import (
	"github.com/gofiber/fiber/v2"

	"github.com/minka-gob/minka/internal/model"
)

func (s *Server) apiMatrix(c *fiber.Ctx) error {
	mv, err := s.buildMatrix(c.UserContext(), lang(c))
	if err != nil {
		return err
	}
	if !resultsVisible(c, mv.Rank.State) {
		return model.NotFound("public.after_results")
	}
	rows := make([]apiTrace, 0, len(mv.Rows))
	for _, t := range mv.Rows {
		rows = append(rows, traceOut(c, t, mv.Rank.State))
	}
	return c.JSON(fiber.Map{"rows": rows})
}
