package web

import (
	"github.com/gofiber/fiber/v2"

	"github.com/minka-gob/minka/internal/model"
)

// forumLinkOpen turns a member's personal link into a session with the
// Forum role, then opens their list of sheets. An unknown or replaced link
// gets a 404 page that says so.
func (s *Server) forumLinkOpen(c *fiber.Ctx) error {
	m, err := s.store.ForumMemberByToken(c.UserContext(), c.Params("token"))
	if err != nil {
		return err
	}
	if err := s.startSession(c, model.Session{Role: model.RoleForum, ForumMemberID: m.ID}); err != nil {
		return err
	}
	return c.Redirect("/forum/", fiber.StatusSeeOther)
}
