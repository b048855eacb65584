package web

import (
	"github.com/gofiber/fiber/v2"

	"github.com/minka-gob/minka/internal/importer"
	"github.com/minka-gob/minka/internal/model"
)

// importShow is the upload form of a CSV of registrations for one workshop.
func (s *Server) importShow(c *fiber.Ctx) error {
	w, err := s.store.Workshop(c.UserContext(), c.Params("id"))
	if err != nil {
		return err
	}
	return s.renderImport(c, fiber.StatusOK, &w, "")
}

// processImportShow is the upload form of a process-wide registration file,
// whose rows name their workshop (taller, ciudad, fecha).
func (s *Server) processImportShow(c *fiber.Ctx) error {
	return s.renderImport(c, fiber.StatusOK, nil, "")
}

// importAction is where an import form posts: the workshop's, or the
// process's when w is nil.
func importAction(w *model.Workshop) string {
	if w == nil {
		return "/admin/import"
	}
	return "/admin/workshops/" + w.ID + "/import"
}

// renderImport shows the upload form (of one workshop, or of the whole
// process when w is nil), with a file-level error when there is one.
func (s *Server) renderImport(c *fiber.Ctx, status int, w *model.Workshop, formError string) error {
	title := tr(c, "participants.import.process_title")
	if w != nil {
		title = tr(c, "participants.import.title", w.Label())
	}
	return s.render(c, status, "admin/import", fiber.Map{
		"Title":     title,
		"Workshop":  w,
		"Action":    importAction(w),
		"FormError": formError,
		"Required":  importer.RequiredFields,
		"MaxRows":   importer.MaxRows,
	})
}
