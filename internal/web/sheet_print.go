package web

import (
	"github.com/gofiber/fiber/v2"

	"github.com/minka-gob/minka/internal/i18n"
	"github.com/minka-gob/minka/internal/model"
	"github.com/minka-gob/minka/internal/report"
)

// printedSheet is one idea sheet on paper: its seven fields and where its
// ideas come from (workshop, date, table, problem).
type printedSheet struct {
	Sheet model.Sheet
	Ideas []model.IdeaOrigin
	Into  *model.Sheet // set when the sheet was merged into another
}

// printWorkshop is a workshop the sheets can be printed for.
type printWorkshop struct {
	ID    string
	Label string
	Date  string
	Count int
}

// sheetsPrint prints the idea sheets on A4, one sheet a page, for the
// validation workshops: every sheet the Forum scores (the ones not merged
// into another), or, with ?workshop=<id>, those with an idea from that
// workshop.
func (s *Server) sheetsPrint(c *fiber.Ctx) error {
	ctx := c.UserContext()
	sheets, origins, err := s.sheetsWithOrigins(c)
	if err != nil {
		return err
	}
	title := i18n.T(lang(c), "forum.print.all_title")
	wid := c.Query("workshop")
	if wid != "" {
		w, err := s.store.Workshop(ctx, wid)
		if err != nil {
			return err
		}
		title = i18n.T(lang(c), "forum.print.workshop_title", w.Label())
	}
	var out []printedSheet
	for _, sh := range sheets {
		if !sh.Active() {
			continue
		}
		p := printedSheet{Sheet: sh, Ideas: origins[sh.ID]}
		if wid != "" && !hasWorkshop(p.Ideas, wid) {
			continue
		}
		out = append(out, p)
	}
	return s.renderSheetsPrint(c, title, out)
}

// sheetPrint prints one idea sheet on A4.
func (s *Server) sheetPrint(c *fiber.Ctx) error {
	sheets, origins, err := s.sheetsWithOrigins(c)
	if err != nil {
		return err
	}
	byID := map[string]model.Sheet{}
	for _, sh := range sheets {
		byID[sh.ID] = sh
	}
	sh, ok := byID[c.Params("id")]
	if !ok {
		return model.NotFound("forum.error.sheet_not_found")
	}
	p := printedSheet{Sheet: sh, Ideas: origins[sh.ID]}
	if !sh.Active() {
		into := report.FinalSheet(byID, sh)
		p.Into = &into
		// A merged sheet is printed with its own ideas only.
		p.Ideas = nil
		for _, o := range origins[into.ID] {
			if o.SheetID == sh.ID {
				p.Ideas = append(p.Ideas, o)
			}
		}
	}
	return s.renderSheetsPrint(c, i18n.T(lang(c), "forum.sheet.title", sh.Number)+" · "+sh.Name, []printedSheet{p})
}

// sheetsWithOrigins reads every sheet and, for each sheet the Forum scores,
// the ideas behind it however deep its merges go (by final sheet id).
func (s *Server) sheetsWithOrigins(c *fiber.Ctx) ([]model.Sheet, map[string][]model.IdeaOrigin, error) {
	ctx := c.UserContext()
	sheets, err := s.store.Sheets(ctx)
	if err != nil {
		return nil, nil, err
	}
	ideas, err := s.store.IdeaOrigins(ctx, true)
	if err != nil {
		return nil, nil, err
	}
	return sheets, originsByFinalSheet(sheets, ideas), nil
}

// originsByFinalSheet groups the ideas (each with its sheet) by the sheet
// the Forum scores for them: their own, or the one it was merged into.
func originsByFinalSheet(sheets []model.Sheet, ideas []model.IdeaOrigin) map[string][]model.IdeaOrigin {
	byID := map[string]model.Sheet{}
	for _, sh := range sheets {
		byID[sh.ID] = sh
	}
	origins := map[string][]model.IdeaOrigin{}
	for _, o := range ideas {
		final := report.FinalSheet(byID, byID[o.SheetID])
		origins[final.ID] = append(origins[final.ID], o)
	}
	return origins
}

func hasWorkshop(ideas []model.IdeaOrigin, wid string) bool {
	for _, o := range ideas {
		if o.WorkshopID == wid {
			return true
		}
	}
	return false
}

// printWorkshops lists the workshops that have ideas on sheets the Forum
// scores, with how many such sheets each (for the print buttons).
func printWorkshops(sheets []model.Sheet, origins map[string][]model.IdeaOrigin) []printWorkshop {
	var out []printWorkshop
	at := map[string]int{}
	for _, sh := range sheets {
		if !sh.Active() {
			continue
		}
		seen := map[string]bool{}
		for _, o := range origins[sh.ID] {
			if seen[o.WorkshopID] {
				continue
			}
			seen[o.WorkshopID] = true
			i, ok := at[o.WorkshopID]
			if !ok {
				i = len(out)
				at[o.WorkshopID] = i
				out = append(out, printWorkshop{ID: o.WorkshopID, Label: o.WorkshopLabel(), Date: o.Date})
			}
			out[i].Count++
		}
	}
	return out
}

func (s *Server) renderSheetsPrint(c *fiber.Ctx, title string, sheets []printedSheet) error {
	p, err := s.store.Process(c.UserContext())
	if err != nil {
		return err
	}
	back := "/admin/forum/sheets"
	if len(sheets) == 1 && c.Params("id") != "" {
		back = "/admin/forum/sheets/" + sheets[0].Sheet.ID
	}
	return s.render(c, fiber.StatusOK, "forum/sheets_print", fiber.Map{
		"Title":   title,
		"Process": p,
		"Sheets":  sheets,
		"Back":    back,
	})
}
