package web

import (
	"github.com/gofiber/fiber/v2"

	"github.com/minka-gob/minka/internal/i18n"
)

// processSave saves the process's name and period.
func (s *Server) processSave(c *fiber.Ctx) error {
	p, err := s.store.Process(c.UserContext())
	if err != nil {
		return err
	}
	p.Name, p.Period = c.FormValue("name"), c.FormValue("period")
	if err := s.store.UpdateProcess(c.UserContext(), &p); err != nil {
		return s.renderForm(c, err, "admin/process", fiber.Map{"Title": i18n.T(lang(c), "setup.process.title"), "Form": p})
	}
	return seeOther(c, "/admin/process", "saved")
}
