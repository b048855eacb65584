package web

import "github.com/gofiber/fiber/v2"

// registrationThanks confirms a registration. It shows the workshop, never
// the person's data (the URL could be shared).
func (s *Server) registrationThanks(c *fiber.Ctx) error {
	w, err := s.store.Workshop(c.UserContext(), c.Params("id"))
	if err != nil {
		return err
	}
	return s.render(c, fiber.StatusOK, "register/thanks", fiber.Map{
		"Title":    tr(c, "participants.thanks.title"),
		"Workshop": &w,
	})
}
