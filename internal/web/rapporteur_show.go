package web

import (
	"github.com/gofiber/fiber/v2"

	"github.com/minka-gob/minka/internal/model"
)

// rapporteurShow is the rapporteur's console: add, edit and delete every
// contribution of the table, phone- and tablet-first.
func (s *Server) rapporteurShow(c *fiber.Ctx) error {
	return s.tableScreen(c, "live/rapporteur", "live.rapporteur.title", model.Principal.CanWriteTable)
}
