package web

import (
	"github.com/gofiber/fiber/v2"

	"github.com/minka-gob/minka/internal/i18n"
)

// aarShow is the After Action Review form of a workshop for the Secretariat:
// what was planned, what happened, why, and what to change next time.
func (s *Server) aarShow(c *fiber.Ctx) error {
	w, err := s.store.Workshop(c.UserContext(), c.Params("id"))
	if err != nil {
		return err
	}
	r, err := s.store.AfterActionReview(c.UserContext(), w.ID)
	if err != nil {
		return err
	}
	return s.render(c, fiber.StatusOK, "live/aar", fiber.Map{
		"Title":    i18n.T(lang(c), "aar.title", w.Label()),
		"Workshop": &w,
		"Review":   r,
		"Saved":    c.Query("saved") == "1",
	})
}
