package web

import (
	"github.com/gofiber/fiber/v2"

	"github.com/minka-gob/minka/internal/model"
)

type workshopInput struct {
	City   *string `json:"city"`
	Date   *string `json:"date"`
	Venue  *string `json:"venue"`
	Focus  *string `json:"focus"`
	Status *string `json:"status"`
}

func (in workshopInput) apply(w *model.Workshop) {
	setIf(&w.City, in.City)
	setIf(&w.Date, in.Date)
	setIf(&w.Venue, in.Venue)
	setIf(&w.Focus, in.Focus)
	setIf(&w.Status, in.Status)
}

// apiWorkshopList lists the workshops by date (public).
func (s *Server) apiWorkshopList(c *fiber.Ctx) error {
	ws, err := s.store.Workshops(c.UserContext())
	if err != nil {
		return err
	}
	if ws == nil {
		ws = []model.Workshop{}
	}
	return c.JSON(ws)
}

// apiWorkshopGet returns one workshop (public).
func (s *Server) apiWorkshopGet(c *fiber.Ctx) error {
	w, err := s.store.Workshop(c.UserContext(), c.Params("id"))
	if err != nil {
		return err
	}
	return c.JSON(w)
}

// apiWorkshopCreate adds a workshop (admin).
func (s *Server) apiWorkshopCreate(c *fiber.Ctx) error {
	var in workshopInput
	if err := readJSON(c, &in); err != nil {
		return err
	}
	var w model.Workshop
	in.apply(&w)
	if err := s.store.CreateWorkshop(c.UserContext(), &w); err != nil {
		return err
	}
	return created(c, w)
}

// apiWorkshopUpdate changes a workshop (admin); fields left out keep their value.
func (s *Server) apiWorkshopUpdate(c *fiber.Ctx) error {
	w, err := s.store.Workshop(c.UserContext(), c.Params("id"))
	if err != nil {
		return err
	}
	var in workshopInput
	if err := readJSON(c, &in); err != nil {
		return err
	}
	in.apply(&w)
	if err := s.store.UpdateWorkshop(c.UserContext(), &w); err != nil {
		return err
	}
	return c.JSON(w)
}
