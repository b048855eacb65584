package web

import (
	"github.com/gofiber/fiber/v2"

	"github.com/minka-gob/minka/internal/model"
)

func (s *Server) apiMyScoreSave(c *fiber.Ctx) error {
	var in model.ScoreInput
	if err := readJSON(c, &in); err != nil {
		return err
	}
	sc, err := s.store.SaveScore(c.UserContext(), principal(c).ForumMemberID, c.Params("sheet"), in)
	if err != nil {
		return err
	}
	return c.JSON(sc)
}
