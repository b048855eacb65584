package web

import (
	"github.com/gofiber/fiber/v2"

	"github.com/minka-gob/minka/internal/i18n"
	"github.com/minka-gob/minka/internal/model"
)

// criteriaEdit shows the scoring criteria: names, descriptions and weights,
// editable until scoring opens.
func (s *Server) criteriaEdit(c *fiber.Ctx) error {
	crits, err := s.store.Criteria(c.UserContext())
	if err != nil {
		return err
	}
	return s.renderCriteria(c, fiber.StatusOK, crits, nil)
}

func (s *Server) renderCriteria(c *fiber.Ctx, status int, crits []model.Criterion, data fiber.Map) error {
	st, err := s.store.ForumState(c.UserContext())
	if err != nil {
		return err
	}
	if data == nil {
		data = fiber.Map{}
	}
	data["Title"] = i18n.T(lang(c), "forum.criteria.title")
	data["Flash"] = flash(c)
	data["Tab"] = "criteria"
	data["State"] = st
	data["Criteria"] = criterionViews(lang(c), crits)
	data["Editable"] = st.Stage == model.StageReview
	return s.render(c, status, "forum/criteria", data)
}
