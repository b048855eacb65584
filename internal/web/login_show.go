package web

import (
	"strings"

	"github.com/gofiber/fiber/v2"

	"github.com/minka-gob/minka/internal/i18n"
)

// loginShow is the Secretariat login form.
func (s *Server) loginShow(c *fiber.Ctx) error {
	return s.render(c, fiber.StatusOK, "login", fiber.Map{
		"Title": i18n.T(lang(c), "login.title"),
		"Next":  safeNext(c.Query("next")),
	})
}

// safeNext keeps a post-login redirect on this site ("/admin/…"), never
// "//evil.example" or "https://…".
func safeNext(next string) string {
	if !strings.HasPrefix(next, "/") || strings.HasPrefix(next, "//") || strings.Contains(next, `\`) {
		return "/admin/"
	}
	return next
}
