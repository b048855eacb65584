package web

import (
	"encoding/base64"

	"github.com/gofiber/fiber/v2"

	"github.com/minka-gob/minka/internal/model"
)

// importConfirm imports the file the preview showed, all rows in one write,
// or — if anything is wrong now (a row, a duplicate registered meanwhile) —
// nothing, showing the preview again with the reasons.
func (s *Server) importConfirm(c *fiber.Ctx) error {
	w, err := s.store.Workshop(c.UserContext(), c.Params("id"))
	if err != nil {
		return err
	}
	return s.confirmImport(c, &w)
}

// processImportConfirm imports a process-wide file the preview showed, every
// row into its workshop in one write, or nothing.
func (s *Server) processImportConfirm(c *fiber.Ctx) error {
	return s.confirmImport(c, nil)
}

func (s *Server) confirmImport(c *fiber.Ctx, w *model.Workshop) error {
	data, err := base64.StdEncoding.DecodeString(c.FormValue("data"))
	if err != nil || len(data) == 0 || len(data) > maxImportBytes {
		return s.renderImport(c, fiber.StatusUnprocessableEntity, w, tr(c, "participants.import.error.no_file"))
	}
	return s.previewImport(c, w, data, true)
}
