package web

import (
	"github.com/gofiber/fiber/v2"

	"github.com/minka-gob/minka/internal/i18n"
	"github.com/minka-gob/minka/internal/model"
)

// scoreShow shows a published sheet to a Forum member with the member's
// OWN evaluation: the five criteria with the meaning of each scale step,
// observations, and the conflict-of-interest declaration. The member id
// comes from the session only, never from the request.
func (s *Server) scoreShow(c *fiber.Ctx) error {
	ctx := c.UserContext()
	sc, err := s.store.MyScore(ctx, principal(c).ForumMemberID, c.Params("id"))
	if err != nil {
		return err
	}
	return s.renderScore(c, fiber.StatusOK, sc, nil)
}

// scoreCriterion is one criterion of the scoring form with the member's value.
type scoreCriterion struct {
	criterionView
	Value int
}

func (s *Server) renderScore(c *fiber.Ctx, status int, sc model.ForumScore, data fiber.Map) error {
	ctx := c.UserContext()
	st, err := s.store.ForumState(ctx)
	if err != nil {
		return err
	}
	if !st.SheetsPublished() {
		return model.NotFound("forum.error.sheet_not_found")
	}
	sheets, err := s.store.ActiveSheets(ctx)
	if err != nil {
		return err
	}
	pos := -1
	for i, sh := range sheets {
		if sh.ID == sc.SheetID {
			pos = i
		}
	}
	if pos < 0 {
		return model.NotFound("forum.error.sheet_not_found")
	}
	crits, err := s.store.Criteria(ctx)
	if err != nil {
		return err
	}
	var form []scoreCriterion
	for _, cv := range criterionViews(lang(c), crits) {
		form = append(form, scoreCriterion{criterionView: cv, Value: sc.Values[cv.Code]})
	}
	if data == nil {
		data = fiber.Map{}
	}
	data["Title"] = i18n.T(lang(c), "forum.sheet.title", sheets[pos].Number)
	data["Flash"] = flash(c)
	data["State"] = st
	data["Sheet"] = sheets[pos]
	data["Score"] = sc
	data["Criteria"] = form
	data["Scale"] = []int{1, 2, 3, 4, 5}
	// The first criterion with an error takes the focus (and the browser
	// scrolls to it) when the form comes back.
	if errs, ok := data["Errors"].(model.FieldErrors); ok {
		for _, cr := range form {
			if _, bad := errs[cr.Field]; bad {
				data["FirstError"] = cr.Field
				break
			}
		}
	}
	data["Open"] = st.Stage == model.StageScoring
	data["Position"] = pos + 1
	data["Total"] = len(sheets)
	if pos > 0 {
		data["Prev"] = sheets[pos-1]
	}
	if pos+1 < len(sheets) {
		data["Next"] = sheets[pos+1]
	}
	return s.render(c, status, "forum/score", data)
}
