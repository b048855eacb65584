package web

import (
	"github.com/gofiber/fiber/v2"

	"github.com/minka-gob/minka/internal/i18n"
	"github.com/minka-gob/minka/internal/model"
)

// workshopUpdate saves a workshop's city, date, venue, focus and status.
func (s *Server) workshopUpdate(c *fiber.Ctx) error {
	w, err := s.store.Workshop(c.UserContext(), c.Params("id"))
	if err != nil {
		return err
	}
	w = workshopFromForm(c, w)
	if err := s.store.UpdateWorkshop(c.UserContext(), &w); err != nil {
		return s.renderForm(c, err, "admin/workshop_form", fiber.Map{
			"Title": i18n.T(lang(c), "setup.workshops.edit"), "Form": &w, "Statuses": model.WorkshopStatuses})
	}
	return seeOther(c, "/admin/workshops/"+w.ID, "saved")
}
