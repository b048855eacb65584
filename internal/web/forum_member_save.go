package web

import (
	"github.com/gofiber/fiber/v2"

	"github.com/minka-gob/minka/internal/model"
)

// forumMemberSave saves a member's corrected name, organization and sector.
func (s *Server) forumMemberSave(c *fiber.Ctx) error {
	m := model.ForumMember{ID: c.Params("id"), Name: c.FormValue("name"), Organization: c.FormValue("organization"), Sector: c.FormValue("sector")}
	err := s.store.UpdateForumMember(c.UserContext(), &m)
	if model.KindOf(err) == model.KindInvalid {
		e, _ := model.AsError(err)
		return s.renderForumMemberEdit(c, fiber.StatusUnprocessableEntity, m, fiber.Map{"Errors": e.Fields, "FormError": messageOf(lang(c), err)})
	}
	if err != nil {
		return err
	}
	return seeOther(c, "/admin/forum/members", "member_saved")
}
