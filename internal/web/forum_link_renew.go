package web

import "github.com/gofiber/fiber/v2"

// forumLinkRenew gives a member a new personal link (the old one stops
// working, e.g. when it was lost or forwarded) and shows it once.
func (s *Server) forumLinkRenew(c *fiber.Ctx) error {
	token, err := s.store.RenewForumLink(c.UserContext(), c.Params("id"))
	if err != nil {
		return err
	}
	s.closeEndedSockets(c)
	m, err := s.store.ForumMember(c.UserContext(), c.Params("id"))
	if err != nil {
		return err
	}
	return s.renderForumLink(c, m, token, "forum.ok.link_renewed")
}
