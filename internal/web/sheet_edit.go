package web

import (
	"github.com/gofiber/fiber/v2"

	"github.com/minka-gob/minka/internal/i18n"
	"github.com/minka-gob/minka/internal/model"
)

// sheetEdit shows a sheet's seven fields for the Secretariat to edit (during
// the review), with its lineage: the ideas and tables behind it, the sheets
// merged into it, or the sheet it was merged into.
func (s *Server) sheetEdit(c *fiber.Ctx) error {
	sh, err := s.store.Sheet(c.UserContext(), c.Params("id"))
	if err != nil {
		return err
	}
	return s.renderSheetEdit(c, fiber.StatusOK, sh, nil)
}

func (s *Server) renderSheetEdit(c *fiber.Ctx, status int, sh model.Sheet, data fiber.Map) error {
	ctx := c.UserContext()
	st, err := s.store.ForumState(ctx)
	if err != nil {
		return err
	}
	stored, err := s.store.Sheet(ctx, sh.ID)
	if err != nil {
		return err
	}
	sources, err := s.store.SheetSources(ctx, sh.ID)
	if err != nil {
		return err
	}
	ideas, err := s.store.SheetIdeas(ctx, sh.ID)
	if err != nil {
		return err
	}
	var into *model.Sheet
	if stored.MergedInto != "" {
		x, err := s.store.Sheet(ctx, stored.MergedInto)
		if err != nil {
			return err
		}
		into = &x
	}
	if data == nil {
		data = fiber.Map{}
	}
	data["Title"] = i18n.T(lang(c), "forum.sheet.title", stored.Number)
	data["Flash"] = flash(c)
	data["Tab"] = "sheets"
	data["State"] = st
	data["Sheet"] = sh
	data["Stored"] = stored
	data["Sources"] = sources
	data["Into"] = into
	data["Ideas"] = ideas
	data["Principles"] = model.Principles
	data["Editable"] = st.Stage == model.StageReview && stored.Active()
	return s.render(c, status, "forum/sheet_edit", data)
}
