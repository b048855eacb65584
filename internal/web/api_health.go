package web

import "github.com/gofiber/fiber/v2"

// apiHealth answers whether the server and its database respond.
func (s *Server) apiHealth(c *fiber.Ctx) error {
	versions, err := s.store.SchemaVersions(c.UserContext())
	if err != nil {
		return err
	}
	return c.JSON(fiber.Map{"status": "ok", "schema": versions})
}
