package web

import (
	"github.com/gofiber/fiber/v2"

	"github.com/minka-gob/minka/internal/model"
)

// registrationSubmit stores a registration from the public form and thanks
// the person; bad input re-shows the form with a message next to each field.
func (s *Server) registrationSubmit(c *fiber.Ctx) error {
	w, err := s.store.Workshop(c.UserContext(), c.Params("id"))
	if err != nil {
		return err
	}
	p := model.Participant{
		WorkshopID:   w.ID,
		Name:         c.FormValue("name"),
		Gender:       c.FormValue("gender"),
		Sector:       c.FormValue("sector"),
		Organization: c.FormValue("organization"),
		Email:        c.FormValue("email"),
		Phone:        c.FormValue("phone"),
		Consent:      c.FormValue("consent") != "",
		Source:       model.SourceForm,
	}
	err = s.store.CreateParticipant(c.UserContext(), &p)
	switch {
	case err == nil:
		return c.Redirect("/workshops/"+w.ID+"/register/thanks", fiber.StatusSeeOther)
	case model.KindOf(err) == model.KindConflict:
		// Closed meanwhile: show the page that says so.
		w.Status = model.WorkshopClosed
		return s.renderRegistration(c, fiber.StatusConflict, w, p, nil)
	}
	return s.renderRegistration(c, 0, w, p, err)
}
