package web

import (
	"github.com/gofiber/fiber/v2"

	"github.com/minka-gob/minka/internal/export"
)

// participantErase deletes a participant's personal data at their request
// (name, organization, e-mail, phone), keeping the anonymous record that the
// workshop's counts by gender and sector are made of; every workbook made
// before is deleted. Form field "next" is
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
	// The workbooks made before hold the person: they are deleted (the
	// export page makes new ones without them).
	if _, err := export.RemoveAll(s.cfg.ExportsDir); err != nil {
		return err
	}
	if next := c.FormValue("next"); next != "" {
		return c.Redirect(safeNext(next), fiber.StatusSeeOther)
	}
	return seeOther(c, participantListURL(p.WorkshopID), "erased")
}
