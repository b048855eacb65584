package web

import (
	"github.com/gofiber/fiber/v2"

	"github.com/minka-gob/minka/internal/i18n"
	"github.com/minka-gob/minka/internal/model"
)

// workshopNew shows an empty workshop form.
func (s *Server) workshopNew(c *fiber.Ctx) error {
	return s.render(c, fiber.StatusOK, "admin/workshop_form", fiber.Map{
		"Title":    i18n.T(lang(c), "setup.workshops.new"),
		"Form":     model.Workshop{Status: model.WorkshopPlanned},
		"Statuses": model.WorkshopStatuses,
	})
}
