package web

import (
	"github.com/gofiber/fiber/v2"

	"github.com/minka-gob/minka/internal/i18n"
	"github.com/minka-gob/minka/internal/model"
	"github.com/minka-gob/minka/internal/store"
	"github.com/minka-gob/minka/internal/web/form"
)

// surveyCookie identifies a respondent who has no session (a phone that
// scanned the survey's QR code without joining a table).
const surveyCookie = "minka_survey"

// surveyShow is the satisfaction survey of a workshop, answered from a phone.
// A respondent who already answered sees the answer and may change it.
func (s *Server) surveyShow(c *fiber.Ctx) error {
	w, err := s.store.Workshop(c.UserContext(), c.Params("id"))
	if err != nil {
		return err
	}
	data := fiber.Map{"Title": i18n.T(lang(c), "survey.title"), "Workshop": &w}
	if r := s.surveyRespondent(c, false); r != "" {
		if a, err := s.store.SurveyAnswerOf(c.UserContext(), w.ID, r); err == nil {
			data["Answer"] = &a
		}
	}
	return s.render(c, fiber.StatusOK, "live/survey", data)
}

// surveyRespondent is who answers the survey: the session, or else an
// anonymous survey cookie (set when create is true). One answer each.
func (s *Server) surveyRespondent(c *fiber.Ctx, create bool) string {
	if p := principal(c); p.SessionID != "" {
		return "session:" + p.SessionID
	}
	tok := c.Cookies(surveyCookie)
	if tok == "" && create {
		tok = store.NewToken()
		c.Cookie(&fiber.Cookie{Name: surveyCookie, Value: tok, Path: "/", HTTPOnly: true, MaxAge: 90 * 24 * 3600,
			SameSite: fiber.CookieSameSiteLaxMode, Secure: s.secureCookie(c)})
	}
	if tok == "" {
		return ""
	}
	return "anon:" + store.HashToken(tok)
}

// surveyAnswerForm reads the survey form.
func surveyAnswerForm(c *fiber.Ctx, workshopID string) model.SurveyAnswer {
	return model.SurveyAnswer{WorkshopID: workshopID, Score: form.Int(c, "score", 0), Comment: c.FormValue("comment")}
}
