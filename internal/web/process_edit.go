package web

import (
	"github.com/gofiber/fiber/v2"

	"github.com/minka-gob/minka/internal/i18n"
)

// processEdit shows the form for the process's name and period.
func (s *Server) processEdit(c *fiber.Ctx) error {
	p, err := s.store.Process(c.UserContext())
	if err != nil {
		return err
	}
	return s.render(c, fiber.StatusOK, "admin/process", fiber.Map{
		"Title": i18n.T(lang(c), "setup.process.title"),
		"Form":  p,
		"Flash": flash(c),
	})
}
