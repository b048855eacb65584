package web

import (
	"github.com/gofiber/fiber/v2"

	"github.com/minka-gob/minka/internal/i18n"
	"github.com/minka-gob/minka/internal/model"
)

// sheetRow is a sheet in the Secretariat's list, with its lineage.
type sheetRow struct {
	Sheet   model.Sheet
	Sources []model.Sheet
	Into    *model.Sheet
	Missing int
	Origin  *model.IdeaOrigin
}

// sheetList shows the idea sheets of the internal review: generate them
// from the ideas, open one to edit it, select redundant ones to merge.
func (s *Server) sheetList(c *fiber.Ctx) error {
	return s.renderSheetList(c, fiber.StatusOK, nil)
}

func (s *Server) renderSheetList(c *fiber.Ctx, status int, data fiber.Map) error {
	ctx := c.UserContext()
	st, err := s.store.ForumState(ctx)
	if err != nil {
		return err
	}
	sheets, err := s.store.Sheets(ctx)
	if err != nil {
		return err
	}
	ideas, err := s.store.IdeaOrigins(ctx, false)
	if err != nil {
		return err
	}
	withSheet, err := s.store.IdeaOrigins(ctx, true)
	if err != nil {
		return err
	}
	origin := map[string]*model.IdeaOrigin{}
	for i := range withSheet {
		origin[withSheet[i].SheetID] = &withSheet[i]
	}
	byID := map[string]model.Sheet{}
	for _, sh := range sheets {
		byID[sh.ID] = sh
	}
	var rows []sheetRow
	for _, sh := range sheets {
		r := sheetRow{Sheet: sh, Missing: len(sh.Missing()), Origin: origin[sh.ID]}
		if sh.MergedInto != "" {
			into := byID[sh.MergedInto]
			r.Into = &into
		}
		for _, x := range sheets {
			if x.MergedInto == sh.ID {
				r.Sources = append(r.Sources, x)
			}
		}
		rows = append(rows, r)
	}
	withoutSheet, chosenWithout := 0, 0
	for _, o := range ideas {
		if o.SheetID == "" {
			withoutSheet++
			if o.Chosen {
				chosenWithout++
			}
		}
	}
	if data == nil {
		data = fiber.Map{}
	}
	data["Title"] = i18n.T(lang(c), "forum.sheets.title")
	data["Flash"] = flash(c)
	data["Tab"] = "sheets"
	data["State"] = st
	data["Rows"] = rows
	data["WithoutSheet"] = withoutSheet
	if data["Unclassified"], err = s.store.UnclassifiedIdeas(ctx, false); err != nil {
		return err
	}
	data["Principles"] = model.Principles
	data["ChosenWithout"] = chosenWithout
	data["PrintWorkshops"] = printWorkshops(sheets, originsByFinalSheet(sheets, withSheet))
	return s.render(c, status, "forum/sheets", data)
}
