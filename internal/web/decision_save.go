package web

import (
	"github.com/gofiber/fiber/v2"

	"github.com/minka-gob/minka/internal/model"
	"github.com/minka-gob/minka/internal/web/form"
)

// decisionSave records the deliberation notes and the decision on a sheet,
// with its required rationale.
func (s *Server) decisionSave(c *fiber.Ctx) error {
	d := model.ForumDecision{
		SheetID:           c.Params("id"),
		Outcome:           c.FormValue("outcome"),
		MergedInto:        c.FormValue("merged_into"),
		CommitmentNumber:  form.Int(c, "commitment_number", 0),
		ResponsibleEntity: c.FormValue("responsible_entity"),
		Notes:             c.FormValue("notes"),
		Rationale:         c.FormValue("rationale"),
		Version:           form.Int(c, "version", 0),
	}
	err := s.store.SaveDecision(c.UserContext(), &d)
	switch model.KindOf(err) {
	case "":
		if err != nil {
			return err
		}
		return seeOther(c, "/admin/forum/decisions/"+d.SheetID, "decision_saved")
	case model.KindInvalid:
		e, _ := model.AsError(err)
		return s.renderDecision(c, fiber.StatusUnprocessableEntity, d, fiber.Map{"Errors": e.Fields, "FormError": messageOf(lang(c), err)})
	case model.KindConflict:
		return s.renderDecision(c, fiber.StatusConflict, d, fiber.Map{"FormError": messageOf(lang(c), err)})
	}
	return err
}
