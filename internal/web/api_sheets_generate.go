package web

import (
	"github.com/gofiber/fiber/v2"
)

func (s *Server) apiSheetsGenerate(c *fiber.Ctx) error {
	var in struct {
		OnlyChosen bool `json:"only_chosen"`
	}
	if err := readJSON(c, &in); err != nil {
		return err
	}
	n, err := s.store.GenerateSheets(c.UserContext(), in.OnlyChosen)
	if err != nil {
		return err
	}
	return c.Status(fiber.StatusCreated).JSON(fiber.Map{"created": n})
}
