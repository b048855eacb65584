package web

import (
	"strconv"

	"github.com/gofiber/fiber/v2"
)

// sheetGenerate makes a pre-filled sheet for every idea that has none yet.
func (s *Server) sheetGenerate(c *fiber.Ctx) error {
	n, err := s.store.GenerateSheets(c.UserContext(), c.FormValue("only_chosen") == "1")
	if err != nil {
		return err
	}
	if n == 0 {
		return seeOther(c, "/admin/forum/sheets", "none_generated")
	}
	return seeOther(c, "/admin/forum/sheets", "generated", "n", strconv.Itoa(n))
}
