package web

import (
	"strconv"

	"github.com/gofiber/fiber/v2"

	"github.com/minka-gob/minka/internal/model"
)

// sheetGenerate makes a pre-filled sheet for every idea that has none yet.
func (s *Server) sheetGenerate(c *fiber.Ctx) error {
	onlyChosen := c.FormValue("only_chosen") == "1"
	n, err := s.store.GenerateSheets(c.UserContext(), onlyChosen)
	if e, ok := model.AsError(err); ok && e.Msg.Key == "forum.error.unclassified" {
		// Some ideas still lack their principle: say which, with a link to
		// classify each, and make no sheet.
		missing, lerr := s.store.UnclassifiedIdeas(c.UserContext(), onlyChosen)
		if lerr != nil {
			return lerr
		}
		return s.renderSheetList(c, fiber.StatusConflict, fiber.Map{"MissingPrinciple": missing, "MissingMessage": messageOf(lang(c), err)})
	}
	if err != nil {
		return err
	}
	if n == 0 {
		return seeOther(c, "/admin/forum/sheets", "none_generated")
	}
	return seeOther(c, "/admin/forum/sheets", "generated", "n", strconv.Itoa(n))
}
