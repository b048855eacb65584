package web

import (
	"github.com/gofiber/fiber/v2"

	"github.com/minka-gob/minka/internal/model"
)

func (s *Server) apiForumProgress(c *fiber.Ctx) error {
	p, err := s.store.ScoringProgress(c.UserContext())
	if err != nil {
		return err
	}
	sheets, err := s.store.ActiveSheets(c.UserContext())
	if err != nil {
		return err
	}
	if p == nil {
		p = []model.MemberProgress{}
	}
	return c.JSON(fiber.Map{"sheets": len(sheets), "members": p})
}
