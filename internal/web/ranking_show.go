package web

import (
	"github.com/gofiber/fiber/v2"

	"github.com/minka-gob/minka/internal/i18n"
)

// rankingShow is the Secretariat's ranking: per-criterion means, weighted
// score, scorers, spread and contested flag, rank and its range under ±20%
// weights, and the cut-off line. While scoring is open it is provisional.
func (s *Server) rankingShow(c *fiber.Ctx) error {
	rv, err := s.buildRanking(c.UserContext(), lang(c))
	if err != nil {
		return err
	}
	return s.render(c, fiber.StatusOK, "forum/ranking", fiber.Map{
		"Title":   i18n.T(lang(c), "forum.ranking.title"),
		"Flash":   flash(c),
		"Tab":     "ranking",
		"State":   rv.State,
		"Rank":    rv,
		"Admin":   true,
		"Columns": len(rv.Criteria) + 6,
	})
}
