package web

import (
	"github.com/gofiber/fiber/v2"

	"github.com/minka-gob/minka/internal/i18n"
)

// workshopList shows every workshop with its registrations and attendance.
func (s *Server) workshopList(c *fiber.Ctx) error {
	st, err := s.attendance(c.UserContext(), "")
	if err != nil {
		return err
	}
	return s.render(c, fiber.StatusOK, "admin/workshops", fiber.Map{
		"Title": i18n.T(lang(c), "setup.workshops.title"),
		"Stats": st,
		"Flash": flash(c),
	})
}
