package web

import (
	"github.com/gofiber/fiber/v2"

	"github.com/minka-gob/minka/internal/i18n"
)

// surveySubmit saves a satisfaction answer (one per respondent; answering
// again changes it) and thanks the respondent.
func (s *Server) surveySubmit(c *fiber.Ctx) error {
	w, err := s.store.Workshop(c.UserContext(), c.Params("id"))
	if err != nil {
		return err
	}
	a := surveyAnswerForm(c, w.ID)
	a.Respondent = s.surveyRespondent(c, true)
	data := fiber.Map{"Title": i18n.T(lang(c), "survey.title"), "Workshop": &w, "Answer": &a}
	if err := s.store.SaveSurveyAnswer(c.UserContext(), &a); err != nil {
		return s.renderForm(c, err, "live/survey", data)
	}
	data["Thanks"] = true
	return s.render(c, fiber.StatusOK, "live/survey", data)
}
