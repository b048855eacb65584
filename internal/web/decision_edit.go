package web

import (
	"github.com/gofiber/fiber/v2"

	"github.com/minka-gob/minka/internal/i18n"
	"github.com/minka-gob/minka/internal/model"
	"github.com/minka-gob/minka/internal/report"
)

// decisionEdit shows one scored sheet for the validation workshop: its
// score summary, the Forum's observations, the deliberation notes and the
// decision form (editable once scoring is closed).
func (s *Server) decisionEdit(c *fiber.Ctx) error {
	d, err := s.store.ForumDecision(c.UserContext(), c.Params("id"))
	if err != nil {
		return err
	}
	return s.renderDecision(c, fiber.StatusOK, d, nil)
}

func (s *Server) renderDecision(c *fiber.Ctx, status int, d model.ForumDecision, data fiber.Map) error {
	ctx := c.UserContext()
	sh, err := s.store.Sheet(ctx, d.SheetID)
	if err != nil {
		return err
	}
	if !sh.Active() {
		return model.NotFound("forum.error.sheet_not_found")
	}
	rv, err := s.buildRanking(ctx, lang(c))
	if err != nil {
		return err
	}
	obs, err := s.store.SheetObservations(ctx, sh.ID)
	if err != nil {
		return err
	}
	fs, err := s.store.SheetLineage(ctx, sh.ID, false)
	if err != nil {
		return err
	}
	ideas := report.LineageOf(fs, sh.ID).Ideas
	var targets []*rankRow
	for _, r := range rv.Rows {
		if r.Sheet.ID != sh.ID {
			targets = append(targets, r)
		}
	}
	if data == nil {
		data = fiber.Map{}
	}
	data["Title"] = i18n.T(lang(c), "forum.decision.title", sh.Number)
	data["Flash"] = flash(c)
	data["Tab"] = "decisions"
	data["State"] = rv.State
	data["Sheet"] = sh
	data["Row"] = rv.BySheet[sh.ID]
	data["Rank"] = rv
	data["Observations"] = obs
	data["Ideas"] = ideas
	data["Decision"] = d
	data["Targets"] = targets
	data["Outcomes"] = model.Outcomes
	data["Editable"] = rv.State.Stage == model.StageClosed
	return s.render(c, status, "forum/decision", data)
}
