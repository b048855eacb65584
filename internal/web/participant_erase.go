package web

import (
	"github.com/gofiber/fiber/v2"
)

// participantErase deletes a participant's personal data at their request
// (name, organization, e-mail, phone), keeping the anonymous record that the
// workshop's counts by gender and sector are made of. Form field "next" is
// where to go afterwards (a page of this site; the admin home by default).
func (s *Server) participantErase(c *fiber.Ctx) error {
	if err := s.store.EraseParticipant(c.UserContext(), c.Params("id")); err != nil {
		return err
	}
	return c.Redirect(safeNext(c.FormValue("next")), fiber.StatusSeeOther)
}
