package web

import (
	"github.com/gofiber/fiber/v2"

	"github.com/minka-gob/minka/internal/i18n"
)

// homeShow is the public home page: what Minka is and the workshops.
func (s *Server) homeShow(c *fiber.Ctx) error {
	ws, err := s.store.Workshops(c.UserContext())
	if err != nil {
		return err
	}
	proc, err := s.store.Process(c.UserContext())
	if err != nil {
		return err
	}
	return s.render(c, fiber.StatusOK, "home", fiber.Map{
		"Title":     i18n.T(lang(c), "home.title"),
		"Process":   proc,
		"Workshops": ws,
	})
}
