package web

import (
	"github.com/gofiber/fiber/v2"

	"github.com/minka-gob/minka/internal/i18n"
	"github.com/minka-gob/minka/internal/model"
)

// profileNew shows an empty user-profile form (optionally for ?problem=).
func (s *Server) profileNew(c *fiber.Ctx) error {
	return s.renderProfileForm(c, fiber.StatusOK, "setup.profiles.new", model.UserProfile{ProblemID: c.Query("problem")}, nil)
}

// renderProfileForm shows the user-profile form with the problems to choose from.
func (s *Server) renderProfileForm(c *fiber.Ctx, status int, titleKey string, p model.UserProfile, err error) error {
	problems, perr := s.store.Problems(c.UserContext())
	if perr != nil {
		return perr
	}
	data := fiber.Map{"Title": i18n.T(lang(c), titleKey), "Form": p, "Problems": problems}
	if err != nil {
		return s.renderForm(c, err, "admin/profile_form", data)
	}
	return s.render(c, status, "admin/profile_form", data)
}
