package web

import (
	"github.com/gofiber/fiber/v2"

	"github.com/minka-gob/minka/internal/model"
)

// facilitatorShow is the facilitator's console: the phase, the timer, who is
// connected, the impact × feasibility matrix and the chosen ideas.
func (s *Server) facilitatorShow(c *fiber.Ctx) error {
	return s.tableScreen(c, "live/facilitator", "live.facilitator.title", model.Principal.CanFacilitateTable)
}
