package web

import (
	"github.com/gofiber/fiber/v2"

	"github.com/minka-gob/minka/internal/model"
)

func (s *Server) apiForumMembers(c *fiber.Ctx) error {
	ms, err := s.store.ForumMembers(c.UserContext())
	if err != nil {
		return err
	}
	if ms == nil {
		ms = []model.ForumMember{}
	}
	return c.JSON(fiber.Map{"members": ms})
}
