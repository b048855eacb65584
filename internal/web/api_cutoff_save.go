package web

import (
	"github.com/gofiber/fiber/v2"
)

func (s *Server) apiCutoff(c *fiber.Ctx) error {
	var in struct {
		Cutoff int `json:"cutoff"`
	}
	if err := readJSON(c, &in); err != nil {
		return err
	}
	if err := s.store.SetCutoff(c.UserContext(), in.Cutoff); err != nil {
		return err
	}
	st, err := s.store.ForumState(c.UserContext())
	if err != nil {
		return err
	}
	return c.JSON(st)
}
