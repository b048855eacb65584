package web

import (
	"github.com/gofiber/fiber/v2"

	"github.com/minka-gob/minka/internal/i18n"
)

// decisionList is the validation workshop's working list: every scored
// sheet in rank order with its decision, and the reasoned response matrix
// (every idea, the sheet it ended in, the decision and its rationale).
func (s *Server) decisionList(c *fiber.Ctx) error {
	mv, err := s.buildMatrix(c.UserContext(), lang(c))
	if err != nil {
		return err
	}
	decided := 0
	for _, r := range mv.Rank.Rows {
		if r.Decision.Decided() {
			decided++
		}
	}
	return s.render(c, fiber.StatusOK, "forum/decisions", fiber.Map{
		"Title":   i18n.T(lang(c), "forum.decisions.title"),
		"Flash":   flash(c),
		"Tab":     "decisions",
		"State":   mv.Rank.State,
		"Matrix":  mv,
		"Decided": decided,
		"Admin":   true,
	})
}
