package web

import (
	"github.com/gofiber/fiber/v2"

	"github.com/minka-gob/minka/internal/store"
)

// logout ends the caller's session, whatever its role.
func (s *Server) logout(c *fiber.Ctx) error {
	if token := c.Cookies(sessionCookie); token != "" {
		if err := s.store.DeleteSession(c.UserContext(), token); err != nil {
			return err
		}
		s.live.Revoke(store.HashToken(token))
	}
	c.ClearCookie(sessionCookie)
	return c.Redirect("/", fiber.StatusSeeOther)
}
