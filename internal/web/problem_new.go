package web

import (
	"github.com/gofiber/fiber/v2"

	"github.com/minka-gob/minka/internal/i18n"
	"github.com/minka-gob/minka/internal/model"
)

// problemNew shows an empty problem form.
func (s *Server) problemNew(c *fiber.Ctx) error {
	return s.render(c, fiber.StatusOK, "admin/problem_form", fiber.Map{
		"Title": i18n.T(lang(c), "setup.problems.new"),
		"Form":  model.Problem{},
	})
}
