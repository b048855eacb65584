package web

import (
	"github.com/gofiber/fiber/v2"

	"github.com/minka-gob/minka/internal/i18n"
	"github.com/minka-gob/minka/internal/model"
)

// workshopCreate stores a new workshop and opens its page.
func (s *Server) workshopCreate(c *fiber.Ctx) error {
	w := workshopFromForm(c, model.Workshop{})
	if err := s.store.CreateWorkshop(c.UserContext(), &w); err != nil {
		return s.renderForm(c, err, "admin/workshop_form", fiber.Map{
			"Title": i18n.T(lang(c), "setup.workshops.new"), "Form": &w, "Statuses": model.WorkshopStatuses})
	}
	return seeOther(c, "/admin/workshops/"+w.ID, "created")
}

func workshopFromForm(c *fiber.Ctx, w model.Workshop) model.Workshop {
	w.City, w.Date, w.Venue = c.FormValue("city"), c.FormValue("date"), c.FormValue("venue")
	w.Focus, w.Status = c.FormValue("focus"), c.FormValue("status")
	return w
}
