package web

import (
	"github.com/gofiber/fiber/v2"
)

func (s *Server) apiForumState(c *fiber.Ctx) error {
	st, err := s.store.ForumState(c.UserContext())
	if err != nil {
		return err
	}
	crits, err := s.store.Criteria(c.UserContext())
	if err != nil {
		return err
	}
	return c.JSON(apiState{ForumState: st, Criteria: criterionViews(lang(c), crits)})
}
