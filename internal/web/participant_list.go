package web

import (
	"github.com/gofiber/fiber/v2"

	"github.com/minka-gob/minka/internal/model"
)

// workshopPeople is what the participant list and the check-in desk both
// show: the workshop, its registrations matching the search, its tables and
// its attendance figures.
type workshopPeople struct {
	Workshop model.Workshop
	Query    string
	People   []model.Participant
	Tables   []model.Table
	Stats    model.Stats
}

func (s *Server) loadWorkshopPeople(c *fiber.Ctx) (workshopPeople, error) {
	ctx := c.UserContext()
	var wp workshopPeople
	var err error
	if wp.Workshop, err = s.store.Workshop(ctx, c.Params("id")); err != nil {
		return wp, err
	}
	wp.Query = c.Query("q")
	if wp.People, err = s.store.Participants(ctx, wp.Workshop.ID, wp.Query); err != nil {
		return wp, err
	}
	if wp.Tables, err = s.store.Tables(ctx, wp.Workshop.ID); err != nil {
		return wp, err
	}
	wp.Stats, err = s.attendance(ctx, wp.Workshop.ID)
	return wp, err
}

// participantList shows a workshop's registrations with their contact data
// and attendance, searchable by name, organization, e-mail or phone.
func (s *Server) participantList(c *fiber.Ctx) error {
	wp, err := s.loadWorkshopPeople(c)
	if err != nil {
		return err
	}
	w := wp.Workshop
	return s.render(c, fiber.StatusOK, "admin/participants", fiber.Map{
		"Title":        tr(c, "participants.list.title", w.Label()),
		"Workshop":     &w,
		"Query":        wp.Query,
		"Participants": wp.People,
		"TableNumbers": tableNumbers(wp.Tables),
		"Stats":        wp.Stats.Total,
		"Flash":        flash(c),
	})
}
