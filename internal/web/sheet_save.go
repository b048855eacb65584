package web

import (
	"github.com/gofiber/fiber/v2"

	"github.com/minka-gob/minka/internal/model"
	"github.com/minka-gob/minka/internal/web/form"
)

// sheetSave saves the Secretariat's edit of a sheet. An edit made on a
// stale copy (someone saved the sheet meanwhile) is refused with a message
// and the form keeps what was typed.
func (s *Server) sheetSave(c *fiber.Ctx) error {
	sh := model.Sheet{
		ID:           c.Params("id"),
		Name:         c.FormValue("name"),
		Place:        c.FormValue("place"),
		Problem:      c.FormValue("problem"),
		Description:  c.FormValue("description"),
		Contribution: c.FormValue("contribution"),
		Relevance:    c.FormValue("relevance"),
		Principle:    c.FormValue("principle"),
		Responsible:  c.FormValue("responsible"),
		Version:      form.Int(c, "version", 0),
	}
	err := s.store.UpdateSheet(c.UserContext(), &sh)
	switch model.KindOf(err) {
	case "":
		if err != nil {
			return err
		}
		return seeOther(c, "/admin/forum/sheets/"+sh.ID, "sheet_saved")
	case model.KindInvalid:
		e, _ := model.AsError(err)
		return s.renderSheetEdit(c, fiber.StatusUnprocessableEntity, sh, fiber.Map{"Errors": e.Fields, "FormError": messageOf(lang(c), err)})
	case model.KindConflict:
		return s.renderSheetEdit(c, fiber.StatusConflict, sh, fiber.Map{"FormError": messageOf(lang(c), err)})
	}
	return err
}
