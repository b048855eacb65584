package web

import (
	"github.com/gofiber/fiber/v2"

	"github.com/minka-gob/minka/internal/model"
	"github.com/minka-gob/minka/internal/store"
)

// ideaClassify gives an idea captured without a principle its principle, in
// the review (the "Ideas sin principio" list of the sheets page). The
// table's screens, if open, see the idea change like any other edit.
func (s *Server) ideaClassify(c *fiber.Ctx) error {
	id := c.Params("id")
	_, err := s.store.ClassifyIdea(c.UserContext(), store.NewID(), id, c.FormValue("principle"))
	if err != nil {
		if e, ok := model.AsError(err); ok && e.Kind == model.KindInvalid {
			return s.renderSheetList(c, fiber.StatusUnprocessableEntity, fiber.Map{
				"Errors": model.FieldErrors{"principle_" + id: e.Fields["principle"]}, "FormError": messageOf(lang(c), err)})
		}
		return err
	}
	return seeOther(c, "/admin/forum/sheets", "classified")
}
