package web

import (
	"github.com/gofiber/fiber/v2"

	"github.com/minka-gob/minka/internal/model"
)

// sheetMerge merges the selected redundant sheets into a new sheet and
// opens it for editing; the sources stay, pointing at it.
func (s *Server) sheetMerge(c *fiber.Ctx) error {
	var ids []string
	for _, v := range c.Request().PostArgs().PeekMulti("sheet") {
		ids = append(ids, string(v))
	}
	merged, err := s.store.MergeSheets(c.UserContext(), ids)
	if model.KindOf(err) == model.KindInvalid {
		return s.renderSheetList(c, fiber.StatusUnprocessableEntity, fiber.Map{"FormError": messageOf(lang(c), err)})
	}
	if err != nil {
		return err
	}
	return seeOther(c, "/admin/forum/sheets/"+merged.ID, "merged")
}
