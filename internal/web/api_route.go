package web

import (
	"github.com/gofiber/fiber/v2"

	"github.com/minka-gob/minka/internal/model"
)

// routeGuideJSON is a phase's script as the API gives it: what the
// Secretariat typed (empty: the standard text) and the text the tables show
// in the request's language.
type routeGuideJSON struct {
	model.PhaseGuide
	Shown struct {
		Goal   string `json:"goal"`
		Prompt string `json:"prompt"`
		Output string `json:"output"`
	} `json:"shown"`
}

// apiRouteGet returns the facilitator's script of every phase (public, like the process).
func (s *Server) apiRouteGet(c *fiber.Ctx) error {
	gs, err := s.store.PhaseGuides(c.UserContext())
	if err != nil {
		return err
	}
	out := make([]routeGuideJSON, 0, len(gs))
	for _, v := range guideViews(lang(c), gs) {
		g := routeGuideJSON{PhaseGuide: v.Custom}
		g.Shown.Goal, g.Shown.Prompt, g.Shown.Output = v.Goal, v.Prompt, v.Output
		out = append(out, g)
	}
	return c.JSON(fiber.Map{"phases": out})
}

// apiRouteUpdate replaces the script of every phase (admin): one object per
// phase, all saved or none.
func (s *Server) apiRouteUpdate(c *fiber.Ctx) error {
	var in []model.PhaseGuide
	if err := readJSON(c, &in); err != nil {
		return err
	}
	if err := s.store.UpdatePhaseGuides(c.UserContext(), in); err != nil {
		return err
	}
	return s.apiRouteGet(c)
}
