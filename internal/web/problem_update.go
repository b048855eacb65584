package web

import (
	"github.com/gofiber/fiber/v2"

	"github.com/minka-gob/minka/internal/i18n"
)

// problemUpdate saves a problem's title, description and challenge.
func (s *Server) problemUpdate(c *fiber.Ctx) error {
	p, err := s.store.Problem(c.UserContext(), c.Params("id"))
	if err != nil {
		return err
	}
	p.Title, p.Description, p.Challenge = c.FormValue("title"), c.FormValue("description"), c.FormValue("challenge")
	if err := s.store.UpdateProblem(c.UserContext(), &p); err != nil {
		return s.renderForm(c, err, "admin/problem_form", fiber.Map{"Title": i18n.T(lang(c), "setup.problems.edit"), "Form": p})
	}
	return seeOther(c, "/admin/problems", "saved")
}
