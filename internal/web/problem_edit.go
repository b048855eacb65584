package web

import (
	"github.com/gofiber/fiber/v2"

	"github.com/minka-gob/minka/internal/i18n"
)

// problemEdit shows a problem's form.
func (s *Server) problemEdit(c *fiber.Ctx) error {
	p, err := s.store.Problem(c.UserContext(), c.Params("id"))
	if err != nil {
		return err
	}
	return s.render(c, fiber.StatusOK, "admin/problem_form", fiber.Map{
		"Title": i18n.T(lang(c), "setup.problems.edit"),
		"Form":  p,
	})
}
