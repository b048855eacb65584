package web

import (
	"github.com/gofiber/fiber/v2"

	"github.com/minka-gob/minka/internal/model"
)

// tableNew shows an empty table form, numbered after the workshop's last table.
func (s *Server) tableNew(c *fiber.Ctx) error {
	w, err := s.store.Workshop(c.UserContext(), c.Params("id"))
	if err != nil {
		return err
	}
	tables, err := s.store.Tables(c.UserContext(), w.ID)
	if err != nil {
		return err
	}
	next := 1
	for _, t := range tables {
		if t.Number >= next {
			next = t.Number + 1
		}
	}
	return s.renderTableForm(c, w, model.Table{WorkshopID: w.ID, Number: next}, nil)
}

// renderTableForm shows the table form with the problems and profiles to choose from.
func (s *Server) renderTableForm(c *fiber.Ctx, w model.Workshop, t model.Table, err error) error {
	problems, perr := s.store.Problems(c.UserContext())
	if perr != nil {
		return perr
	}
	profiles, perr := s.store.Profiles(c.UserContext())
	if perr != nil {
		return perr
	}
	titleKey := "setup.tables.new"
	if t.ID != "" {
		titleKey = "setup.tables.edit"
	}
	data := fiber.Map{"Title": tr(c, titleKey, t.Number), "Workshop": &w, "Form": t, "Problems": problems, "Profiles": profiles}
	if err != nil {
		return s.renderForm(c, err, "admin/table_form", data)
	}
	return s.render(c, fiber.StatusOK, "admin/table_form", data)
}
