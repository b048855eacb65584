package web

import "github.com/gofiber/fiber/v2"

// checkinUndo clears a participant's attendance and seat (a slip at the desk).
func (s *Server) checkinUndo(c *fiber.Ctx) error {
	p, err := s.store.UndoCheckIn(c.UserContext(), c.Params("id"))
	if err != nil {
		return err
	}
	return backToDesk(c, p, "undone")
}
