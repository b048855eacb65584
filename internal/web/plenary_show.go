package web

import (
	"github.com/gofiber/fiber/v2"

	"github.com/minka-gob/minka/internal/i18n"
	"github.com/minka-gob/minka/internal/liveproto"
	"github.com/minka-gob/minka/internal/report"
)

// plenaryShow is the projector's screen of a workshop: every table, its
// phase and live counts, the newest ideas and ideas per principle. It is
// rendered complete on the server and kept current by plenary.js.
func (s *Server) plenaryShow(c *fiber.Ctx) error {
	id := c.Params("id")
	if _, err := s.store.Workshop(c.UserContext(), id); err != nil {
		return err
	}
	if err := s.canReadWorkshop(c, id); err != nil {
		if principal(c).Role == "" {
			return c.Redirect("/login?next=/workshops/"+id+"/plenary", fiber.StatusSeeOther)
		}
		return err
	}
	p, err := s.store.Plenary(c.UserContext(), id)
	if err != nil {
		return err
	}
	report.Plenary(&p)
	l := lang(c)
	most := 1 // a meter needs max > min
	for _, pc := range p.ByPrinciple.Principles {
		most = max(most, pc.Ideas)
	}
	return s.render(c, fiber.StatusOK, "live/plenary", fiber.Map{
		"Title":   i18n.T(l, "live.plenary.title", p.Workshop.Label()),
		"Plenary": &p,
		"MaxIdea": most,
		"Room":    liveproto.WorkshopRoom(id),
		"Strings": liveStrings(l),
	})
}
