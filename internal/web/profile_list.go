package web

import (
	"github.com/gofiber/fiber/v2"

	"github.com/minka-gob/minka/internal/i18n"
	"github.com/minka-gob/minka/internal/model"
)

// profileList shows the user profiles (archetypes) and the problem each serves.
func (s *Server) profileList(c *fiber.Ctx) error {
	ps, err := s.store.Profiles(c.UserContext())
	if err != nil {
		return err
	}
	problems, err := s.store.Problems(c.UserContext())
	if err != nil {
		return err
	}
	return s.render(c, fiber.StatusOK, "admin/profiles", fiber.Map{
		"Title":    i18n.T(lang(c), "setup.profiles.title"),
		"Profiles": ps,
		"Problems": problemTitles(problems),
		"Flash":    flash(c),
	})
}

// problemTitles maps problem ids to titles, for lists that name them.
func problemTitles(ps []model.Problem) map[string]string {
	m := make(map[string]string, len(ps))
	for _, p := range ps {
		m[p.ID] = p.Title
	}
	return m
}
