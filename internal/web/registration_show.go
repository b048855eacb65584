package web

import (
	"github.com/gofiber/fiber/v2"

	"github.com/minka-gob/minka/internal/model"
)

// registrationShow is a workshop's public registration form. A closed
// workshop shows why it takes no more registrations instead of the form.
func (s *Server) registrationShow(c *fiber.Ctx) error {
	w, err := s.store.Workshop(c.UserContext(), c.Params("id"))
	if err != nil {
		return err
	}
	return s.renderRegistration(c, fiber.StatusOK, w, model.Participant{}, nil)
}

// renderRegistration shows the registration form, with field errors after bad input.
func (s *Server) renderRegistration(c *fiber.Ctx, status int, w model.Workshop, p model.Participant, err error) error {
	data := fiber.Map{
		"Title":    tr(c, "participants.register.title", w.Label()),
		"Workshop": &w,
		"Form":     p,
		"Closed":   w.Status == model.WorkshopClosed,
		"Genders":  model.Genders,
		"Sectors":  model.Sectors,
	}
	if err != nil {
		return s.renderForm(c, err, "register/form", data)
	}
	return s.render(c, status, "register/form", data)
}
