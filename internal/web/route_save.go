package web

import (
	"github.com/gofiber/fiber/v2"

	"github.com/minka-gob/minka/internal/i18n"
	"github.com/minka-gob/minka/internal/model"
	"github.com/minka-gob/minka/internal/web/form"
)

// routeSave saves the script of every phase at once (nothing when any field
// is wrong). A text left as the route's standard text (in any language) or
// emptied is stored empty, so the tables keep reading the standard text in
// their own language; anything else is the Secretariat's own text.
func (s *Server) routeSave(c *fiber.Ctx) error {
	gs, err := s.store.PhaseGuides(c.UserContext())
	if err != nil {
		return err
	}
	typed := map[string]string{}
	for i := range gs {
		g := &gs[i]
		for _, f := range guideFields {
			v := model.Clean(c.FormValue(f + "_" + g.Phase))
			for _, l := range i18n.Languages {
				if v == standardGuideText(l, g.Phase, f) {
					v = ""
				}
			}
			switch f {
			case "goal":
				g.Goal = v
			case "prompt":
				g.Prompt = v
			case "output":
				g.Output = v
			}
		}
		// Not a whole number: -1, which the model refuses with its range message.
		g.Minutes = form.Int(c, "minutes_"+g.Phase, -1)
		typed[g.Phase] = c.FormValue("minutes_" + g.Phase)
	}
	if err := s.store.UpdatePhaseGuides(c.UserContext(), gs); err != nil {
		return s.renderForm(c, err, "admin/route", routeData(c, gs, fiber.Map{"Typed": typed}))
	}
	return seeOther(c, "/admin/route", "saved")
}
