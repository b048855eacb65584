package web

import (
	"github.com/gofiber/fiber/v2"

	"github.com/minka-gob/minka/internal/i18n"
	"github.com/minka-gob/minka/internal/model"
)

// problemCreate stores a new problem.
func (s *Server) problemCreate(c *fiber.Ctx) error {
	p := model.Problem{Title: c.FormValue("title"), Description: c.FormValue("description"), Challenge: c.FormValue("challenge")}
	if err := s.store.CreateProblem(c.UserContext(), &p); err != nil {
		return s.renderForm(c, err, "admin/problem_form", fiber.Map{"Title": i18n.T(lang(c), "setup.problems.new"), "Form": p})
	}
	return seeOther(c, "/admin/problems", "created")
}
