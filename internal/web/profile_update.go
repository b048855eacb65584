package web

import "github.com/gofiber/fiber/v2"

// profileUpdate saves a user profile.
func (s *Server) profileUpdate(c *fiber.Ctx) error {
	p, err := s.store.Profile(c.UserContext(), c.Params("id"))
	if err != nil {
		return err
	}
	p = profileFromForm(c, p)
	if err := s.store.UpdateProfile(c.UserContext(), &p); err != nil {
		return s.renderProfileForm(c, 0, "setup.profiles.edit", p, err)
	}
	return seeOther(c, "/admin/profiles", "saved")
}
