package web

import (
	"github.com/gofiber/fiber/v2"

	"github.com/minka-gob/minka/internal/i18n"
	"github.com/minka-gob/minka/internal/model"
)

// forumMemberCreate adds a Forum member and shows their personal link, once.
func (s *Server) forumMemberCreate(c *fiber.Ctx) error {
	m := model.ForumMember{Name: c.FormValue("name"), Organization: c.FormValue("organization"), Sector: c.FormValue("sector")}
	token, err := s.store.CreateForumMember(c.UserContext(), &m)
	if model.KindOf(err) == model.KindInvalid {
		e, _ := model.AsError(err)
		return s.renderForumMembers(c, fiber.StatusUnprocessableEntity, fiber.Map{"New": m, "Errors": e.Fields, "FormError": messageOf(lang(c), err)})
	}
	if err != nil {
		return err
	}
	return s.renderForumLink(c, m, token, "forum.ok.member_created")
}

// renderForumLink shows a member's personal link. Only the token's hash is
// stored, so this page is the one chance to copy the link: it is not cached.
func (s *Server) renderForumLink(c *fiber.Ctx, m model.ForumMember, token, okKey string) error {
	c.Set(fiber.HeaderCacheControl, "no-store")
	return s.render(c, fiber.StatusOK, "forum/member_link", fiber.Map{
		"Title":  i18n.T(lang(c), "forum.link.title"),
		"Flash":  i18n.T(lang(c), okKey),
		"Tab":    "members",
		"Member": m,
		"Link":   forumLinkURL(c, token),
	})
}

// forumLinkURL is the absolute personal link for token on this server.
func forumLinkURL(c *fiber.Ctx, token string) string {
	return c.BaseURL() + "/forum/" + token
}
