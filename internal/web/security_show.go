package web

import (
	"github.com/gofiber/fiber/v2"

	"github.com/minka-gob/minka/internal/i18n"
)

// securityShow is the Secretariat's "Security and data" page: the backup
// button and the way to the audit log and the accounts.
func (s *Server) securityShow(c *fiber.Ctx) error {
	missing, err := s.store.AuditCoverage(c.UserContext())
	if err != nil {
		return err
	}
	return s.render(c, fiber.StatusOK, "security/show", fiber.Map{
		"Title":        i18n.T(lang(c), "security.title"),
		"Unaudited":    missing,
		"DatabasePath": s.store.Path(),
	})
}
