package web

import (
	"github.com/gofiber/fiber/v2"

	"github.com/minka-gob/minka/internal/model"
)

func (s *Server) apiRanking(c *fiber.Ctx) error {
	rv, err := s.buildRanking(c.UserContext(), lang(c))
	if err != nil {
		return err
	}
	if !resultsVisible(c, rv.State) {
		return model.NotFound("public.after_results")
	}
	admin := principal(c).IsAdmin()
	rows := make([]apiRankRow, 0, len(rv.Rows))
	for _, r := range rv.Rows {
		rows = append(rows, rankRowOut(r, admin))
	}
	return c.JSON(fiber.Map{"state": rv.State, "criteria": rv.Criteria, "scenarios": rv.Scenarios, "members": rv.Members, "rows": rows})
}
