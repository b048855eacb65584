package web

import (
	"github.com/gofiber/fiber/v2"

	"github.com/minka-gob/minka/internal/i18n"
	"github.com/minka-gob/minka/internal/model"
)

// workshopEdit shows a workshop's form.
func (s *Server) workshopEdit(c *fiber.Ctx) error {
	w, err := s.store.Workshop(c.UserContext(), c.Params("id"))
	if err != nil {
		return err
	}
	return s.render(c, fiber.StatusOK, "admin/workshop_form", fiber.Map{
		"Title":    i18n.T(lang(c), "setup.workshops.edit"),
		"Form":     &w,
		"Statuses": model.WorkshopStatuses,
	})
}
