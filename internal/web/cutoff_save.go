package web

import (
	"github.com/gofiber/fiber/v2"

	"github.com/minka-gob/minka/internal/model"
)

// cutoffSave sets how many top ranks form the proposed prioritized list.
func (s *Server) cutoffSave(c *fiber.Ctx) error {
	err := s.store.SetCutoff(c.UserContext(), formInt(c, "cutoff"))
	if model.KindOf(err) == model.KindInvalid {
		return redirectOK(c, "/admin/forum/ranking", "cutoff_invalid")
	}
	if err != nil {
		return err
	}
	return redirectOK(c, "/admin/forum/ranking", "cutoff_saved")
}
