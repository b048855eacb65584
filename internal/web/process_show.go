package web

import (
	"github.com/gofiber/fiber/v2"

	"github.com/minka-gob/minka/internal/i18n"
)

// processShow is the public page of the process: statistics derived from
// the records (ideas by workshop and principle — the plan's Table 3 — and
// what became of them) and every idea, each linking to its trace. It shows
// no personal data: no participant, facilitator or Forum member names.
func (s *Server) processShow(c *fiber.Ctx) error {
	ctx := c.UserContext()
	mv, err := s.buildMatrix(ctx, lang(c))
	if err != nil {
		return err
	}
	data := fiber.Map{
		"Title": i18n.T(lang(c), "public.title"),
		"State": mv.Rank.State,
	}
	if mv.Rank.State.SheetsPublished() {
		data["Stats"] = buildStats(mv)
		data["Matrix"] = mv
	}
	return s.render(c, fiber.StatusOK, "process/index", data)
}
