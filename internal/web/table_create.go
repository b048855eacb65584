package web

import (
	"github.com/gofiber/fiber/v2"

	"github.com/minka-gob/minka/internal/model"
	"github.com/minka-gob/minka/internal/web/form"
)

// tableCreate stores a new table of a workshop with fresh join codes.
func (s *Server) tableCreate(c *fiber.Ctx) error {
	w, err := s.store.Workshop(c.UserContext(), c.Params("id"))
	if err != nil {
		return err
	}
	t := tableFromForm(c, model.Table{WorkshopID: w.ID})
	if err := s.store.CreateTable(c.UserContext(), &t); err != nil {
		t.ID = ""
		return s.renderTableForm(c, w, t, err)
	}
	return seeOther(c, "/admin/workshops/"+w.ID, "created")
}

func tableFromForm(c *fiber.Ctx, t model.Table) model.Table {
	t.Number = form.Int(c, "number", 0)
	t.ProblemID, t.ProfileID = c.FormValue("problem_id"), c.FormValue("profile_id")
	t.Facilitator, t.Rapporteur = c.FormValue("facilitator"), c.FormValue("rapporteur")
	return t
}
