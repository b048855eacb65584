package web

import (
	"github.com/gofiber/fiber/v2"

	"github.com/minka-gob/minka/internal/i18n"
)

// adminHome is the Secretariat's dashboard: the workshops and the set-up links.
func (s *Server) adminHome(c *fiber.Ctx) error {
	ws, err := s.store.Workshops(c.UserContext())
	if err != nil {
		return err
	}
	return s.render(c, fiber.StatusOK, "admin/home", fiber.Map{
		"Title":     i18n.T(lang(c), "admin.title"),
		"Workshops": ws,
	})
}
