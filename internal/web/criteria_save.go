package web

import (
	"github.com/gofiber/fiber/v2"

	"github.com/minka-gob/minka/internal/model"
	"github.com/minka-gob/minka/internal/web/form"
)

// criteriaSave saves the criteria (names, descriptions, rubrics, weights);
// refused once scoring has opened.
func (s *Server) criteriaSave(c *fiber.Ctx) error {
	crits, err := s.store.Criteria(c.UserContext())
	if err != nil {
		return err
	}
	bad := model.FieldErrors{}
	for i := range crits {
		cr := &crits[i]
		cr.Name = c.FormValue("name_" + cr.Code)
		cr.Description = c.FormValue("description_" + cr.Code)
		cr.Rubric1 = c.FormValue("rubric1_" + cr.Code)
		cr.Rubric3 = c.FormValue("rubric3_" + cr.Code)
		cr.Rubric5 = c.FormValue("rubric5_" + cr.Code)
		w, ok := form.Float(c, "weight_"+cr.Code)
		if !ok {
			bad["weight_"+cr.Code] = model.Msg{Key: "validation.weight"}
		}
		cr.Weight = w
	}
	if len(bad) > 0 {
		// Nothing is saved while a weight is not even a number; the other
		// fields are still checked so that every message shows at once.
		for i := range crits {
			cr := crits[i]
			cr.Normalize()
			if e, ok := model.AsError(cr.Validate()); ok {
				for f, m := range e.Fields {
					bad[f+"_"+cr.Code] = m
				}
			}
		}
	} else {
		err = s.store.UpdateCriteria(c.UserContext(), crits)
	}
	if e, ok := model.AsError(err); ok && e.Kind == model.KindInvalid {
		for f, m := range e.Fields {
			bad[f] = m
		}
	}
	if len(bad) > 0 {
		return s.renderCriteria(c, fiber.StatusUnprocessableEntity, crits, fiber.Map{"Errors": bad, "FormError": messageOf(lang(c), model.Invalid(bad))})
	}
	if model.KindOf(err) == model.KindConflict {
		return s.renderCriteria(c, fiber.StatusConflict, crits, fiber.Map{"FormError": messageOf(lang(c), err)})
	}
	if err != nil {
		return err
	}
	return seeOther(c, "/admin/forum/criteria", "criteria_saved")
}
