package web

import (
	"github.com/gofiber/fiber/v2"
)

// apiForumStage changes the stage: publish, close, reopen (with a reason) or results.
func (s *Server) apiForumStage(c *fiber.Ctx) error {
	ctx := c.UserContext()
	var err error
	switch c.Path()[len("/api/v1/forum/"):] {
	case "publish":
		err = s.store.PublishSheets(ctx)
	case "close":
		err = s.store.CloseScoring(ctx)
	case "reopen":
		var in struct {
			Reason string `json:"reason"`
		}
		if err := readJSON(c, &in); err != nil {
			return err
		}
		err = s.store.ReopenScoring(ctx, in.Reason)
	case "results":
		err = s.store.PublishResults(ctx)
	default:
		return fiber.ErrNotFound
	}
	if err != nil {
		return err
	}
	st, err := s.store.ForumState(ctx)
	if err != nil {
		return err
	}
	return c.JSON(st)
}
