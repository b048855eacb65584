package web

import (
	"encoding/base64"

	"github.com/gofiber/fiber/v2"
)

// importConfirm imports the file the preview showed, all rows in one write,
// or — if anything is wrong now (a row, a duplicate registered meanwhile) —
// nothing, showing the preview again with the reasons.
func (s *Server) importConfirm(c *fiber.Ctx) error {
	w, err := s.store.Workshop(c.UserContext(), c.Params("id"))
	if err != nil {
		return err
	}
	data, err := base64.StdEncoding.DecodeString(c.FormValue("data"))
	if err != nil || len(data) == 0 || len(data) > maxImportBytes {
		return s.renderImport(c, fiber.StatusUnprocessableEntity, w, tr(c, "participants.import.error.no_file"))
	}
	return s.previewImport(c, w, data, true)
}
