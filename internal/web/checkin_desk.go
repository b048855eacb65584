package web

import (
	"strings"

	"github.com/gofiber/fiber/v2"

	"github.com/minka-gob/minka/internal/model"
)

// checkinEntry is one person on the check-in desk's list.
type checkinEntry struct {
	model.Participant
	Search      string // folded text the desk's instant search matches
	TableNumber int
}

// checkinDesk is the door's page: type a few letters of a name, mark the
// person present and seat them at a table. static/js/checkin.js filters the
// list as one types and marks attendance through the JSON API without
// reloading; without JavaScript the search box and the buttons still work
// (server-side search, ordinary form posts).
func (s *Server) checkinDesk(c *fiber.Ctx) error {
	wp, err := s.loadWorkshopPeople(c)
	if err != nil {
		return err
	}
	w, q, people, st := wp.Workshop, wp.Query, wp.People, wp.Stats
	numbers := tableNumbers(wp.Tables)
	entries := make([]checkinEntry, len(people))
	for i, p := range people {
		entries[i] = checkinEntry{Participant: p, TableNumber: numbers[p.TableID],
			Search: model.Fold(strings.Join([]string{p.Name, p.Organization, p.Email, p.Phone}, " "))}
	}
	// Suggest the table with the fewest people, so that tables fill evenly.
	suggest, fewest := "", -1
	for _, t := range st.Tables {
		if fewest < 0 || t.Seated < fewest {
			suggest, fewest = t.TableID, t.Seated
		}
	}
	return s.render(c, fiber.StatusOK, "admin/checkin", fiber.Map{
		"Title":    tr(c, "participants.checkin.title", w.Label()),
		"Workshop": &w,
		"Query":    q,
		"Entries":  entries,
		"Tables":   st.Tables,
		"Stats":    st.Total,
		"Suggest":  suggest,
		"Flash":    flash(c),
	})
}
