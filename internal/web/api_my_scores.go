package web

import (
	"github.com/gofiber/fiber/v2"

	"github.com/minka-gob/minka/internal/model"
)

func (s *Server) apiMyScores(c *fiber.Ctx) error {
	mine, err := s.store.MyScores(c.UserContext(), principal(c).ForumMemberID)
	if err != nil {
		return err
	}
	out := make([]model.ForumScore, 0, len(mine))
	for _, sc := range mine {
		out = append(out, sc)
	}
	return c.JSON(fiber.Map{"scores": out})
}

func (s *Server) apiMyScore(c *fiber.Ctx) error {
	sc, err := s.store.MyScore(c.UserContext(), principal(c).ForumMemberID, c.Params("sheet"))
	if err != nil {
		return err
	}
	return c.JSON(sc)
}
