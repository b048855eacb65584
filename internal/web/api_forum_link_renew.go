package web

import (
	"github.com/gofiber/fiber/v2"
)

func (s *Server) apiForumLinkRenew(c *fiber.Ctx) error {
	token, err := s.store.RenewForumLink(c.UserContext(), c.Params("id"))
	if err != nil {
		return err
	}
	c.Set(fiber.HeaderCacheControl, "no-store")
	return c.JSON(fiber.Map{"link": forumLinkURL(c, token)})
}
