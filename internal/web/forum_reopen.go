package web

import "github.com/gofiber/fiber/v2"

// forumReopen reopens scoring after it was closed; the admin must say why,
// and the reopening is recorded with who and when.
func (s *Server) forumReopen(c *fiber.Ctx) error {
	if err := s.store.ReopenScoring(c.UserContext(), c.FormValue("reason")); err != nil {
		return s.forumStageError(c, err)
	}
	return seeOther(c, "/admin/forum/", "reopened")
}
