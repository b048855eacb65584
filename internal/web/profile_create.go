package web

import (
	"github.com/gofiber/fiber/v2"

	"github.com/minka-gob/minka/internal/model"
)

// profileCreate stores a new user profile.
func (s *Server) profileCreate(c *fiber.Ctx) error {
	p := profileFromForm(c, model.UserProfile{})
	if err := s.store.CreateProfile(c.UserContext(), &p); err != nil {
		return s.renderProfileForm(c, 0, "setup.profiles.new", p, err)
	}
	return seeOther(c, "/admin/profiles", "created")
}

func profileFromForm(c *fiber.Ctx, p model.UserProfile) model.UserProfile {
	p.Name, p.ProblemID, p.Description = c.FormValue("name"), c.FormValue("problem_id"), c.FormValue("description")
	p.Needs, p.Pains = c.FormValue("needs"), c.FormValue("pains")
	return p
}
