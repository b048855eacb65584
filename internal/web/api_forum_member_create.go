package web

import (
	"github.com/gofiber/fiber/v2"

	"github.com/minka-gob/minka/internal/model"
)

// apiForumMemberCreate answers the member and their personal link: the only
// time the link is given out.
func (s *Server) apiForumMemberCreate(c *fiber.Ctx) error {
	var m model.ForumMember
	if err := readJSON(c, &m); err != nil {
		return err
	}
	token, err := s.store.CreateForumMember(c.UserContext(), &m)
	if err != nil {
		return err
	}
	c.Set(fiber.HeaderCacheControl, "no-store")
	return c.Status(fiber.StatusCreated).JSON(fiber.Map{"member": m, "link": forumLinkURL(c, token)})
}
