package web

import "github.com/gofiber/fiber/v2"

// apiStatsProcess returns the process's participant statistics (public: aggregates only).
func (s *Server) apiStatsProcess(c *fiber.Ctx) error {
	st, err := s.attendance(c.UserContext(), "")
	if err != nil {
		return err
	}
	return c.JSON(st)
}

// apiStatsWorkshop returns one workshop's participant statistics (public).
func (s *Server) apiStatsWorkshop(c *fiber.Ctx) error {
	st, err := s.attendance(c.UserContext(), c.Params("id"))
	if err != nil {
		return err
	}
	return c.JSON(st)
}
