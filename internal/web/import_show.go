package web

import (
	"github.com/gofiber/fiber/v2"

	"github.com/minka-gob/minka/internal/importer"
	"github.com/minka-gob/minka/internal/model"
)

// importShow is the upload form of a CSV of registrations.
func (s *Server) importShow(c *fiber.Ctx) error {
	w, err := s.store.Workshop(c.UserContext(), c.Params("id"))
	if err != nil {
		return err
	}
	return s.renderImport(c, fiber.StatusOK, w, "")
}

// renderImport shows the upload form, with a file-level error when there is one.
func (s *Server) renderImport(c *fiber.Ctx, status int, w model.Workshop, formError string) error {
	return s.render(c, status, "admin/import", fiber.Map{
		"Title":     tr(c, "participants.import.title", w.Label()),
		"Workshop":  &w,
		"FormError": formError,
		"Required":  importer.RequiredFields,
		"MaxRows":   importer.MaxRows,
	})
}
