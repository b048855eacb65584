package web

import (
	"github.com/gofiber/fiber/v2"

	"github.com/minka-gob/minka/internal/i18n"
)

// joinShow is where a facilitator, rapporteur or participant types (or a QR
// code fills in) a table's join code.
func (s *Server) joinShow(c *fiber.Ctx) error {
	return s.render(c, fiber.StatusOK, "join", fiber.Map{
		"Title": i18n.T(lang(c), "join.title"),
		"Code":  c.Query("code"),
	})
}
