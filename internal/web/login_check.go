package web

import (
	"github.com/gofiber/fiber/v2"

	"github.com/minka-gob/minka/internal/i18n"
	"github.com/minka-gob/minka/internal/model"
)

// loginCheck checks the Secretariat's username and password and starts a session.
func (s *Server) loginCheck(c *fiber.Ctx) error {
	username, next := c.FormValue("username"), safeNext(c.FormValue("next"))
	a, err := s.store.CheckAdminPassword(c.UserContext(), username, c.FormValue("password"))
	if model.KindOf(err) == model.KindForbidden {
		return s.render(c, fiber.StatusUnauthorized, "login", fiber.Map{
			"Title":     i18n.T(lang(c), "login.title"),
			"Next":      next,
			"Username":  username,
			"FormError": i18n.T(lang(c), "error.login_failed"),
		})
	}
	if err != nil {
		return err
	}
	if err := s.startSession(c, model.Session{Role: model.RoleAdmin, AdminID: a.ID}); err != nil {
		return err
	}
	return c.Redirect(next, fiber.StatusSeeOther)
}
