package web

import (
	"net/url"

	"github.com/gofiber/fiber/v2"

	"github.com/minka-gob/minka/internal/model"
)

// checkinMark marks a participant present and seats them at the chosen table
// (the form fallback of the check-in desk; the desk's script uses the API).
func (s *Server) checkinMark(c *fiber.Ctx) error {
	p, err := s.store.CheckIn(c.UserContext(), c.Params("id"), c.FormValue("table_id"))
	if err != nil {
		return err
	}
	return backToDesk(c, p, "checkedin")
}

// backToDesk returns to the check-in desk, keeping the search and scrolling to the person.
func backToDesk(c *fiber.Ctx, p model.Participant, ok string) error {
	q := url.Values{"ok": {ok}}
	if search := c.FormValue("q"); search != "" {
		q.Set("q", search)
	}
	return c.Redirect("/admin/workshops/"+p.WorkshopID+"/checkin?"+q.Encode()+"#p-"+p.ID, fiber.StatusSeeOther)
}
