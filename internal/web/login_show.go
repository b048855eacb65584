package web

import (
	"net/url"
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
// Browsers drop tabs and newlines from URLs ("/\t/evil.example" becomes
// "//evil.example") and read "\" as "/", so those refuse the redirect too.
func safeNext(next string) string {
	const home = "/admin/"
	for _, r := range next {
		if r < 0x20 || r == 0x7f || r == '\\' || r == ' ' {
			return home
		}
	}
	if !strings.HasPrefix(next, "/") || strings.HasPrefix(next, "//") {
		return home
	}
	if u, err := url.Parse(next); err != nil || u.Scheme != "" || u.Host != "" || u.User != nil {
		return home
	}
	return next
}
