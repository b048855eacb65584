package web

import (
	"github.com/gofiber/fiber/v2"

	"github.com/minka-gob/minka/internal/model"
)

type profileInput struct {
	ProblemID   *string `json:"problem_id"`
	Name        *string `json:"name"`
	Description *string `json:"description"`
	Needs       *string `json:"needs"`
	Pains       *string `json:"pains"`
}

func (in profileInput) apply(p *model.UserProfile) {
	setIf(&p.ProblemID, in.ProblemID)
	setIf(&p.Name, in.Name)
	setIf(&p.Description, in.Description)
	setIf(&p.Needs, in.Needs)
	setIf(&p.Pains, in.Pains)
}

// apiProfileList lists the user profiles (public: archetypes, not people).
func (s *Server) apiProfileList(c *fiber.Ctx) error {
	ps, err := s.store.Profiles(c.UserContext())
	if err != nil {
		return err
	}
	if ps == nil {
		ps = []model.UserProfile{}
	}
	return c.JSON(ps)
}

// apiProfileGet returns one user profile (public).
func (s *Server) apiProfileGet(c *fiber.Ctx) error {
	p, err := s.store.Profile(c.UserContext(), c.Params("id"))
	if err != nil {
		return err
	}
	return c.JSON(p)
}

// apiProfileCreate adds a user profile (admin).
func (s *Server) apiProfileCreate(c *fiber.Ctx) error {
	var in profileInput
	if err := readJSON(c, &in); err != nil {
		return err
	}
	var p model.UserProfile
	in.apply(&p)
	if err := s.store.CreateProfile(c.UserContext(), &p); err != nil {
		return err
	}
	return created(c, p)
}

// apiProfileUpdate changes a user profile (admin).
func (s *Server) apiProfileUpdate(c *fiber.Ctx) error {
	p, err := s.store.Profile(c.UserContext(), c.Params("id"))
	if err != nil {
		return err
	}
	var in profileInput
	if err := readJSON(c, &in); err != nil {
		return err
	}
	in.apply(&p)
	if err := s.store.UpdateProfile(c.UserContext(), &p); err != nil {
		return err
	}
	return c.JSON(p)
}
