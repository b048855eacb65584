package web

import (
	"github.com/gofiber/fiber/v2"

	"github.com/minka-gob/minka/internal/i18n"
	"github.com/minka-gob/minka/internal/model"
)

// guideFields are a phase guide's translated texts, in the form's order.
var guideFields = []string{"goal", "prompt", "output"}

// guideView is a phase's script as a table screen shows it (an empty text
// replaced by the route's standard text in the screen's language) and as
// the editor shows it (Custom: what the Secretariat typed).
type guideView struct {
	Phase   string
	Goal    string
	Prompt  string
	Output  string
	Minutes int
	Seconds int // Minutes in seconds: the one-tap timer's duration
	Custom  model.PhaseGuide
}

// standardGuideText is the route's standard text of a guide's field.
func standardGuideText(lang, phase, field string) string {
	return i18n.T(lang, "guide."+phase+"."+field)
}

func guideViews(lang string, gs []model.PhaseGuide) []guideView {
	out := make([]guideView, 0, len(gs))
	for _, g := range gs {
		v := guideView{Phase: g.Phase, Goal: g.Goal, Prompt: g.Prompt, Output: g.Output, Minutes: g.Minutes, Seconds: g.Minutes * 60, Custom: g}
		if v.Goal == "" {
			v.Goal = standardGuideText(lang, g.Phase, "goal")
		}
		if v.Prompt == "" {
			v.Prompt = standardGuideText(lang, g.Phase, "prompt")
		}
		if v.Output == "" {
			v.Output = standardGuideText(lang, g.Phase, "output")
		}
		out = append(out, v)
	}
	return out
}

// routeEdit shows the facilitator's script of every phase of the route
// (part of the process template), each field filled with the text the
// tables see.
func (s *Server) routeEdit(c *fiber.Ctx) error {
	gs, err := s.store.PhaseGuides(c.UserContext())
	if err != nil {
		return err
	}
	return s.render(c, fiber.StatusOK, "admin/route", routeData(c, gs, fiber.Map{"Flash": flash(c)}))
}

// routeData is the route editor's page data. Typed (after bad input) holds
// the minutes as typed, by phase.
func routeData(c *fiber.Ctx, gs []model.PhaseGuide, data fiber.Map) fiber.Map {
	data["Title"] = i18n.T(lang(c), "setup.route.title")
	data["Guides"] = guideViews(lang(c), gs)
	return data
}
