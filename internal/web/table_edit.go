package web

import "github.com/gofiber/fiber/v2"

// tableEdit shows a table's form.
func (s *Server) tableEdit(c *fiber.Ctx) error {
	t, err := s.store.Table(c.UserContext(), c.Params("id"))
	if err != nil {
		return err
	}
	w, err := s.store.Workshop(c.UserContext(), t.WorkshopID)
	if err != nil {
		return err
	}
	return s.renderTableForm(c, w, t, nil)
}
