package web

import (
	"github.com/gofiber/fiber/v2"
)

func (s *Server) apiSheetsMerge(c *fiber.Ctx) error {
	var in struct {
		SheetIDs []string `json:"sheet_ids"`
	}
	if err := readJSON(c, &in); err != nil {
		return err
	}
	sh, err := s.store.MergeSheets(c.UserContext(), in.SheetIDs)
	if err != nil {
		return err
	}
	return c.Status(fiber.StatusCreated).JSON(sh)
}
