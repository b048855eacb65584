package web

import (
	"net/url"

	"github.com/gofiber/fiber/v2"

	"github.com/minka-gob/minka/internal/i18n"
)

// participantEraseConfirm asks the Secretariat to confirm the erasure of a
// participant's personal data, saying what is deleted and what stays.
func (s *Server) participantEraseConfirm(c *fiber.Ctx) error {
	ctx := c.UserContext()
	p, err := s.store.Participant(ctx, c.Params("id"))
	if err != nil {
		return err
	}
	w, err := s.store.Workshop(ctx, p.WorkshopID)
	if err != nil {
		return err
	}
	return s.render(c, fiber.StatusOK, "security/erase", fiber.Map{
		"Title":       i18n.T(lang(c), "security.erase.title"),
		"Participant": &p,
		"Workshop":    &w,
		"Back":        participantListURL(p.WorkshopID),
	})
}

// participantListURL is a workshop's list of participants.
func participantListURL(workshopID string) string {
	return "/admin/workshops/" + url.PathEscape(workshopID) + "/participants"
}
