package web

import (
	"github.com/gofiber/fiber/v2"

	"github.com/minka-gob/minka/internal/i18n"
)

// problemList shows the problems (themes) of the preparatory stage.
func (s *Server) problemList(c *fiber.Ctx) error {
	ps, err := s.store.Problems(c.UserContext())
	if err != nil {
		return err
	}
	return s.render(c, fiber.StatusOK, "admin/problems", fiber.Map{
		"Title":    i18n.T(lang(c), "setup.problems.title"),
		"Problems": ps,
		"Flash":    flash(c),
	})
}
