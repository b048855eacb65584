package web

import (
	"github.com/gofiber/fiber/v2"

	"github.com/minka-gob/minka/internal/model"
)

// forumLinkOpen opens a member's personal link. A visitor with no session
// gets a session with the Forum role and their list of sheets at once, as
// a personal link is expected to work. A visitor who already has another
// session (the Secretariat's laptop, another member's link) is not logged
// out by a GET — a link preview or a stray click must not end it — but is
// asked to confirm, and forumLinkConfirm does it. An unknown or replaced
// link gets a 404 page that says so.
func (s *Server) forumLinkOpen(c *fiber.Ctx) error {
	m, err := s.store.ForumMemberByToken(c.UserContext(), c.Params("token"))
	if err != nil {
		return err
	}
	me := principal(c)
	switch {
	case me.Role == model.RoleForum && me.ForumMemberID == m.ID:
		return c.Redirect("/forum/", fiber.StatusSeeOther)
	case me.Role != "":
		return s.render(c, fiber.StatusOK, "forum/link_confirm", fiber.Map{"Member": m, "Action": c.Path()})
	}
	return s.openForumSession(c, m)
}

// forumLinkConfirm replaces the visitor's session with the member's, after
// the confirmation page's button.
func (s *Server) forumLinkConfirm(c *fiber.Ctx) error {
	m, err := s.store.ForumMemberByToken(c.UserContext(), c.Params("token"))
	if err != nil {
		return err
	}
	return s.openForumSession(c, m)
}

func (s *Server) openForumSession(c *fiber.Ctx, m model.ForumMember) error {
	if err := s.startSession(c, model.Session{Role: model.RoleForum, ForumMemberID: m.ID}); err != nil {
		return err
	}
	return c.Redirect("/forum/", fiber.StatusSeeOther)
}
