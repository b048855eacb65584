package web

import (
	"github.com/gofiber/fiber/v2"

	"github.com/minka-gob/minka/internal/model"
	"github.com/minka-gob/minka/internal/web/form"
)

// cutoffSave sets how many top ranks form the proposed prioritized list.
func (s *Server) cutoffSave(c *fiber.Ctx) error {
	err := s.store.SetCutoff(c.UserContext(), form.Int(c, "cutoff", 0))
	if model.KindOf(err) == model.KindInvalid {
		return seeOther(c, "/admin/forum/ranking", "cutoff_invalid")
	}
	if err != nil {
		return err
	}
	return seeOther(c, "/admin/forum/ranking", "cutoff_saved")
}
