package web

import (
	"github.com/gofiber/fiber/v2"

	"github.com/minka-gob/minka/internal/model"
)

type problemInput struct {
	Title       *string `json:"title"`
	Description *string `json:"description"`
	Challenge   *string `json:"challenge"`
}

func (in problemInput) apply(p *model.Problem) {
	setIf(&p.Title, in.Title)
	setIf(&p.Description, in.Description)
	setIf(&p.Challenge, in.Challenge)
}

// apiProblemList lists the problems (public).
func (s *Server) apiProblemList(c *fiber.Ctx) error {
	ps, err := s.store.Problems(c.UserContext())
	if err != nil {
		return err
	}
	if ps == nil {
		ps = []model.Problem{}
	}
	return c.JSON(ps)
}

// apiProblemGet returns one problem (public).
func (s *Server) apiProblemGet(c *fiber.Ctx) error {
	p, err := s.store.Problem(c.UserContext(), c.Params("id"))
	if err != nil {
		return err
	}
	return c.JSON(p)
}

// apiProblemCreate adds a problem (admin).
func (s *Server) apiProblemCreate(c *fiber.Ctx) error {
	var in problemInput
	if err := readJSON(c, &in); err != nil {
		return err
	}
	var p model.Problem
	in.apply(&p)
	if err := s.store.CreateProblem(c.UserContext(), &p); err != nil {
		return err
	}
	return created(c, p)
}

// apiProblemUpdate changes a problem (admin).
func (s *Server) apiProblemUpdate(c *fiber.Ctx) error {
	p, err := s.store.Problem(c.UserContext(), c.Params("id"))
	if err != nil {
		return err
	}
	var in problemInput
	if err := readJSON(c, &in); err != nil {
		return err
	}
	in.apply(&p)
	if err := s.store.UpdateProblem(c.UserContext(), &p); err != nil {
		return err
	}
	return c.JSON(p)
}
