package web

import (
	"github.com/gofiber/fiber/v2"

	"github.com/minka-gob/minka/internal/i18n"
)

// adminHome is the Secretariat's dashboard: the process, every workshop with
// its registrations and attendance, and the links to set everything up.
func (s *Server) adminHome(c *fiber.Ctx) error {
	ctx := c.UserContext()
	ws, err := s.store.Workshops(ctx)
	if err != nil {
		return err
	}
	proc, err := s.store.Process(ctx)
	if err != nil {
		return err
	}
	st, err := s.attendance(ctx, "")
	if err != nil {
		return err
	}
	problems, err := s.store.Problems(ctx)
	if err != nil {
		return err
	}
	profiles, err := s.store.Profiles(ctx)
	if err != nil {
		return err
	}
	return s.render(c, fiber.StatusOK, "admin/home", fiber.Map{
		"Title":     i18n.T(lang(c), "admin.title"),
		"Process":   proc,
		"Workshops": ws,
		"Stats":     st,
		"Problems":  len(problems),
		"Profiles":  len(profiles),
		"Flash":     flash(c),
	})
}
