package web

import (
	"github.com/gofiber/fiber/v2"

	"github.com/minka-gob/minka/internal/i18n"
	"github.com/minka-gob/minka/internal/model"
	"github.com/minka-gob/minka/internal/report"
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
	fs, err := s.store.SheetLineage(ctx, sh.ID, false)
	if err != nil {
		return err
	}
	l := report.LineageOf(fs, sh.ID)
	if data == nil {
		data = fiber.Map{}
	}
	data["Title"] = i18n.T(lang(c), "forum.sheet.title", stored.Number)
	data["Flash"] = flash(c)
	data["Tab"] = "sheets"
	data["State"] = st
	data["Sheet"] = sh
	data["Stored"] = stored
	data["Sources"] = l.Sources
	data["Into"] = l.Into
	data["Ideas"] = l.Ideas
	data["Principles"] = model.Principles
	data["Editable"] = st.Stage == model.StageReview && stored.Active()
	return s.render(c, status, "forum/sheet_edit", data)
}
