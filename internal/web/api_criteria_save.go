package web

import (
	"github.com/gofiber/fiber/v2"
)

func (s *Server) apiCriteriaSave(c *fiber.Ctx) error {
	var in []struct {
		Code        string   `json:"code"`
		Name        string   `json:"name"`
		Description string   `json:"description"`
		Rubric1     *string  `json:"rubric_1"`
		Rubric3     *string  `json:"rubric_3"`
		Rubric5     *string  `json:"rubric_5"`
		Weight      *float64 `json:"weight"`
	}
	if err := readJSON(c, &in); err != nil {
		return err
	}
	crits, err := s.store.Criteria(c.UserContext())
	if err != nil {
		return err
	}
	for i := range crits {
		for _, x := range in {
			if x.Code == crits[i].Code {
				crits[i].Name, crits[i].Description = x.Name, x.Description
				setIf(&crits[i].Rubric1, x.Rubric1)
				setIf(&crits[i].Rubric3, x.Rubric3)
				setIf(&crits[i].Rubric5, x.Rubric5)
				if x.Weight != nil {
					crits[i].Weight = *x.Weight
				}
			}
		}
	}
	if err := s.store.UpdateCriteria(c.UserContext(), crits); err != nil {
		return err
	}
	return c.JSON(fiber.Map{"criteria": criterionViews(lang(c), crits)})
}
