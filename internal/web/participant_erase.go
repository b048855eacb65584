package web

import (
	"github.com/gofiber/fiber/v2"
)

// participantErase deletes a participant's personal data at their request
// (name, organization, e-mail, phone), keeping the anonymous record that the
// workshop's counts by gender and sector are made of. Form field "next" is
// where to go afterwards (a page of this site); by default the workshop's
// list of participants, which confirms the erasure.
func (s *Server) participantErase(c *fiber.Ctx) error {
	p, err := s.store.Participant(c.UserContext(), c.Params("id"))
	if err != nil {
		return err
	}
	if err := s.store.EraseParticipant(c.UserContext(), p.ID); err != nil {
		return err
	}
	if next := c.FormValue("next"); next != "" {
		return c.Redirect(safeNext(next), fiber.StatusSeeOther)
	}
	return seeOther(c, participantListURL(p.WorkshopID), "erased")
}
