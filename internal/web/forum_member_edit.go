package web

import (
	"github.com/gofiber/fiber/v2"

	"github.com/minka-gob/minka/internal/i18n"
	"github.com/minka-gob/minka/internal/model"
)

// forumMemberEdit shows a member's details for correction.
func (s *Server) forumMemberEdit(c *fiber.Ctx) error {
	m, err := s.store.ForumMember(c.UserContext(), c.Params("id"))
	if err != nil {
		return err
	}
	return s.renderForumMemberEdit(c, fiber.StatusOK, m, nil)
}

func (s *Server) renderForumMemberEdit(c *fiber.Ctx, status int, m model.ForumMember, data fiber.Map) error {
	if data == nil {
		data = fiber.Map{}
	}
	data["Title"] = i18n.T(lang(c), "forum.member.edit")
	data["Flash"] = flash(c)
	data["Tab"] = "members"
	data["Member"] = m
	data["Sectors"] = model.ForumSectors
	return s.render(c, status, "forum/member_edit", data)
}
