package web

import "github.com/gofiber/fiber/v2"

// forumClose closes scoring: from now on the scores are frozen.
func (s *Server) forumClose(c *fiber.Ctx) error {
	if err := s.store.CloseScoring(c.UserContext()); err != nil {
		return s.forumStageError(c, err)
	}
	return seeOther(c, "/admin/forum/", "closed")
}
