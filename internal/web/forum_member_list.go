package web

import (
	"github.com/gofiber/fiber/v2"

	"github.com/minka-gob/minka/internal/i18n"
	"github.com/minka-gob/minka/internal/model"
)

// forumMemberList shows the Forum members and the form to add one.
func (s *Server) forumMemberList(c *fiber.Ctx) error {
	return s.renderForumMembers(c, fiber.StatusOK, nil)
}

func (s *Server) renderForumMembers(c *fiber.Ctx, status int, data fiber.Map) error {
	members, err := s.store.ForumMembers(c.UserContext())
	if err != nil {
		return err
	}
	if data == nil {
		data = fiber.Map{}
	}
	if _, ok := data["New"]; !ok {
		data["New"] = model.ForumMember{}
	}
	data["Title"] = i18n.T(lang(c), "forum.members.title")
	data["Flash"] = flash(c)
	data["Tab"] = "members"
	data["Members"] = members
	data["Sectors"] = model.ForumSectors
	return s.render(c, status, "forum/members", data)
}
