package web

import "github.com/gofiber/fiber/v2"

// tableUpdate saves a table's number, problem, profile, facilitator and rapporteur.
func (s *Server) tableUpdate(c *fiber.Ctx) error {
	t, err := s.store.Table(c.UserContext(), c.Params("id"))
	if err != nil {
		return err
	}
	w, err := s.store.Workshop(c.UserContext(), t.WorkshopID)
	if err != nil {
		return err
	}
	t = tableFromForm(c, t)
	if err := s.store.UpdateTable(c.UserContext(), &t); err != nil {
		return s.renderTableForm(c, w, t, err)
	}
	return seeOther(c, "/admin/workshops/"+w.ID, "saved")
}
