package web

import "github.com/gofiber/fiber/v2"

// processInput is what a client may change of the process.
type processInput struct {
	Name   *string `json:"name"`
	Period *string `json:"period"`
}

// apiProcessGet returns the process (public).
func (s *Server) apiProcessGet(c *fiber.Ctx) error {
	p, err := s.store.Process(c.UserContext())
	if err != nil {
		return err
	}
	return c.JSON(p)
}

// apiProcessUpdate changes the process's name and/or period (admin).
func (s *Server) apiProcessUpdate(c *fiber.Ctx) error {
	p, err := s.store.Process(c.UserContext())
	if err != nil {
		return err
	}
	var in processInput
	if err := readJSON(c, &in); err != nil {
		return err
	}
	setIf(&p.Name, in.Name)
	setIf(&p.Period, in.Period)
	if err := s.store.UpdateProcess(c.UserContext(), &p); err != nil {
		return err
	}
	return c.JSON(p)
}
