package web

import (
	"github.com/gofiber/fiber/v2"

	"github.com/minka-gob/minka/internal/i18n"
)

// surveyResults shows the Secretariat a workshop's satisfaction survey: the
// mean, how many gave each score, the comments, and the QR code to answer it.
func (s *Server) surveyResults(c *fiber.Ctx) error {
	w, err := s.store.Workshop(c.UserContext(), c.Params("id"))
	if err != nil {
		return err
	}
	sum, err := s.store.SurveySummary(c.UserContext(), w.ID)
	if err != nil {
		return err
	}
	most := 0
	for _, n := range sum.Distribution {
		most = max(most, n)
	}
	return s.render(c, fiber.StatusOK, "live/survey_results", fiber.Map{
		"Title":    i18n.T(lang(c), "survey.results_title", w.Label()),
		"Workshop": &w,
		"Summary":  sum,
		"Max":      most,
		"Link":     s.joinBaseURL(c) + "/workshops/" + w.ID + "/survey",
	})
}

// surveyQR is the PNG QR code of a workshop's survey link.
func (s *Server) surveyQR(c *fiber.Ctx) error {
	w, err := s.store.Workshop(c.UserContext(), c.Params("id"))
	if err != nil {
		return err
	}
	return sendQR(c, s.joinBaseURL(c)+"/workshops/"+w.ID+"/survey")
}
