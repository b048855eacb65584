package web

import (
	"github.com/gofiber/fiber/v2"

	"github.com/minka-gob/minka/internal/model"
)

// workshopShow is a workshop's page for the Secretariat: its tables with
// their join codes, its participants and the links to register, import,
// check in and see the statistics.
func (s *Server) workshopShow(c *fiber.Ctx) error {
	ctx := c.UserContext()
	w, err := s.store.Workshop(ctx, c.Params("id"))
	if err != nil {
		return err
	}
	tables, err := s.store.Tables(ctx, w.ID)
	if err != nil {
		return err
	}
	st, err := s.attendance(ctx, w.ID)
	if err != nil {
		return err
	}
	people, err := s.store.Participants(ctx, w.ID, "")
	if err != nil {
		return err
	}
	problems, err := s.store.Problems(ctx)
	if err != nil {
		return err
	}
	profiles, err := s.store.Profiles(ctx)
	if err != nil {
		return err
	}
	checkout, err := s.store.ActiveFieldCheckout(ctx, w.ID)
	if err != nil {
		return err
	}
	seated := map[string]int{}
	for _, t := range st.Tables {
		seated[t.TableID] = t.Seated
	}
	return s.render(c, fiber.StatusOK, "admin/workshop", fiber.Map{
		"Title":        w.Label(),
		"Workshop":     &w,
		"Tables":       tables,
		"Seated":       seated,
		"TableNumbers": tableNumbers(tables),
		"Stats":        st.Total,
		"Participants": people,
		"Problems":     problemTitles(problems),
		"Profiles":     profileNames(profiles),
		"RegisterURL":  c.BaseURL() + "/workshops/" + w.ID + "/register",
		"Flash":        flash(c),
		"InField":      checkout != nil,
	})
}

func profileNames(ps []model.UserProfile) map[string]string {
	m := make(map[string]string, len(ps))
	for _, p := range ps {
		m[p.ID] = p.Name
	}
	return m
}

// tableNumbers maps table ids to their numbers, for lists of seated people.
func tableNumbers(ts []model.Table) map[string]int {
	m := make(map[string]int, len(ts))
	for _, t := range ts {
		m[t.ID] = t.Number
	}
	return m
}
