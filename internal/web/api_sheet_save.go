package web

import (
	"github.com/gofiber/fiber/v2"

	"github.com/minka-gob/minka/internal/model"
)

// sheetInput is what PUT /forum/sheets/{id} may change; fields left out keep
// their value. version is the version the editor read (the current one when
// left out).
type sheetInput struct {
	Name         *string `json:"name"`
	Place        *string `json:"place"`
	Problem      *string `json:"problem"`
	Description  *string `json:"description"`
	Contribution *string `json:"contribution"`
	Relevance    *string `json:"relevance"`
	Principle    *string `json:"principle"`
	Responsible  *string `json:"responsible"`
	Version      *int    `json:"version"`
}

func (in sheetInput) apply(sh *model.Sheet) {
	setIf(&sh.Name, in.Name)
	setIf(&sh.Place, in.Place)
	setIf(&sh.Problem, in.Problem)
	setIf(&sh.Description, in.Description)
	setIf(&sh.Contribution, in.Contribution)
	setIf(&sh.Relevance, in.Relevance)
	setIf(&sh.Principle, in.Principle)
	setIf(&sh.Responsible, in.Responsible)
	setIf(&sh.Version, in.Version)
}

func (s *Server) apiSheetSave(c *fiber.Ctx) error {
	sh, err := s.store.Sheet(c.UserContext(), c.Params("id"))
	if err != nil {
		return err
	}
	var in sheetInput
	if err := readJSON(c, &in); err != nil {
		return err
	}
	in.apply(&sh)
	if err := s.store.UpdateSheet(c.UserContext(), &sh); err != nil {
		return err
	}
	return c.JSON(sh)
}
