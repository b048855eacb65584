package web

import (
	"github.com/gofiber/fiber/v2"

	"github.com/minka-gob/minka/internal/i18n"
)

// matrixPublic is the public reasoned response matrix: for every idea, the
// decision and its rationale, once the results are published.
func (s *Server) matrixPublic(c *fiber.Ctx) error {
	mv, err := s.buildMatrix(c.UserContext(), lang(c))
	if err != nil {
		return err
	}
	return s.render(c, fiber.StatusOK, "process/matrix", fiber.Map{
		"Title":  i18n.T(lang(c), "forum.matrix.title"),
		"State":  mv.Rank.State,
		"Matrix": mv,
	})
}
