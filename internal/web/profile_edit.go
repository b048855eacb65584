package web

import "github.com/gofiber/fiber/v2"

// profileEdit shows a user profile's form.
func (s *Server) profileEdit(c *fiber.Ctx) error {
	p, err := s.store.Profile(c.UserContext(), c.Params("id"))
	if err != nil {
		return err
	}
	return s.renderProfileForm(c, fiber.StatusOK, "setup.profiles.edit", p, nil)
}
