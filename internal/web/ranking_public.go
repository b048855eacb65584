package web

import (
	"github.com/gofiber/fiber/v2"

	"github.com/minka-gob/minka/internal/i18n"
)

// rankingPublic is the public ranking, once the results are published. It
// shows aggregates only: never who scored what.
func (s *Server) rankingPublic(c *fiber.Ctx) error {
	rv, err := s.buildRanking(c.UserContext(), lang(c))
	if err != nil {
		return err
	}
	return s.render(c, fiber.StatusOK, "process/ranking", fiber.Map{
		"Title":   i18n.T(lang(c), "forum.ranking.title"),
		"State":   rv.State,
		"Rank":    rv,
		"Columns": len(rv.Criteria) + 6,
	})
}
