package web

import (
	"github.com/gofiber/fiber/v2"

	"github.com/minka-gob/minka/internal/report"
)

// apiSheets lists the sheets: public once published to the Forum; the
// Secretariat sees them during the review too.
func (s *Server) apiSheets(c *fiber.Ctx) error {
	mv, err := s.buildMatrix(c.UserContext(), lang(c))
	if err != nil {
		return err
	}
	out := []apiSheetOut{}
	if !mv.Rank.State.SheetsPublished() && !principal(c).IsAdmin() {
		return c.JSON(fiber.Map{"sheets": out})
	}
	lineages := report.Lineages(mv.forum.Sheets, mv.snap.Ideas)
	for _, sh := range mv.forum.Sheets {
		out = append(out, sheetOut(lineages[sh.ID]))
	}
	return c.JSON(fiber.Map{"sheets": out})
}
