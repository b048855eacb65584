package web

import (
	"github.com/gofiber/fiber/v2"
)

// participantList shows a workshop's registrations with their contact data
// and attendance, searchable by name, organization, e-mail or phone.
func (s *Server) participantList(c *fiber.Ctx) error {
	ctx := c.UserContext()
	w, err := s.store.Workshop(ctx, c.Params("id"))
	if err != nil {
		return err
	}
	q := c.Query("q")
	people, err := s.store.Participants(ctx, w.ID, q)
	if err != nil {
		return err
	}
	tables, err := s.store.Tables(ctx, w.ID)
	if err != nil {
		return err
	}
	st, err := s.store.WorkshopStats(ctx, w.ID)
	if err != nil {
		return err
	}
	return s.render(c, fiber.StatusOK, "admin/participants", fiber.Map{
		"Title":        tr(c, "participants.list.title", w.Label()),
		"Workshop":     &w,
		"Query":        q,
		"Participants": people,
		"TableNumbers": tableNumbers(tables),
		"Stats":        st.Total,
		"Flash":        flash(c),
	})
}
