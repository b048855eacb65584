package web

import (
	"github.com/gofiber/fiber/v2"
)

// apiSheets lists the sheets: public once published to the Forum; the
// Secretariat sees them during the review too.
func (s *Server) apiSheets(c *fiber.Ctx) error {
	mv, err := s.buildMatrix(c.UserContext(), lang(c))
	if err != nil {
		return err
	}
	if !mv.Rank.State.SheetsPublished() && !principal(c).IsAdmin() {
		return c.JSON(fiber.Map{"sheets": []apiSheetOut{}})
	}
	out := sheetsOut(mv, "")
	if out == nil {
		out = []apiSheetOut{}
	}
	return c.JSON(fiber.Map{"sheets": out})
}
