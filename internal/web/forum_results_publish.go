package web

import "github.com/gofiber/fiber/v2"

// resultsPublish makes the ranking and the reasoned response matrix public,
// once every scored sheet has its decision.
func (s *Server) resultsPublish(c *fiber.Ctx) error {
	if err := s.store.PublishResults(c.UserContext()); err != nil {
		return s.forumStageError(c, err)
	}
	return seeOther(c, "/admin/forum/", "results_published")
}
