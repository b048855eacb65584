package web

import (
	"github.com/gofiber/fiber/v2"

	"github.com/minka-gob/minka/internal/i18n"
	"github.com/minka-gob/minka/internal/model"
)

// liveWorkshop is a workshop with its tables, for the live index.
type liveWorkshop struct {
	Workshop model.Workshop
	Tables   []model.Table
}

// liveAdminIndex is the Secretariat's entry to the workshop day: for every
// workshop, the plenary screen, the survey and the review; for every table,
// its join codes and its three screens.
func (s *Server) liveAdminIndex(c *fiber.Ctx) error {
	ws, err := s.store.Workshops(c.UserContext())
	if err != nil {
		return err
	}
	var out []liveWorkshop
	for _, w := range ws {
		ts, err := s.store.Tables(c.UserContext(), w.ID)
		if err != nil {
			return err
		}
		out = append(out, liveWorkshop{Workshop: w, Tables: ts})
	}
	return s.render(c, fiber.StatusOK, "live/admin_index", fiber.Map{
		"Title":     i18n.T(lang(c), "live.admin.title"),
		"Workshops": out,
	})
}
