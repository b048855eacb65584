package web

import (
	"github.com/gofiber/fiber/v2"

	"github.com/minka-gob/minka/internal/model"
	"github.com/minka-gob/minka/internal/report"
)

// apiSheet is one sheet with its lineage, read alone (store.SheetLineage):
// public once published to the Forum; the Secretariat sees it during the
// review too.
func (s *Server) apiSheet(c *fiber.Ctx) error {
	id := c.Params("id")
	fs, err := s.store.SheetLineage(c.UserContext(), id, false)
	if err != nil {
		return err
	}
	if !fs.State.SheetsPublished() && !principal(c).IsAdmin() {
		return model.NotFound("forum.error.sheet_not_found")
	}
	return c.JSON(sheetOut(report.LineageOf(fs, id)))
}
