package web

import (
	"github.com/gofiber/fiber/v2"
)

// decisionInput is what PUT /forum/decisions/{sheet} may change; fields left
// out keep the recorded decision's value (version: the recorded one).
type decisionInput struct {
	Outcome           *string `json:"outcome"`
	MergedInto        *string `json:"merged_into"`
	CommitmentNumber  *int    `json:"commitment_number"`
	ResponsibleEntity *string `json:"responsible_entity"`
	Notes             *string `json:"notes"`
	Rationale         *string `json:"rationale"`
	Version           *int    `json:"version"`
}

func (s *Server) apiDecisionSave(c *fiber.Ctx) error {
	d, err := s.store.ForumDecision(c.UserContext(), c.Params("sheet"))
	if err != nil {
		return err
	}
	var in decisionInput
	if err := readJSON(c, &in); err != nil {
		return err
	}
	setIf(&d.Outcome, in.Outcome)
	setIf(&d.MergedInto, in.MergedInto)
	setIf(&d.CommitmentNumber, in.CommitmentNumber)
	setIf(&d.ResponsibleEntity, in.ResponsibleEntity)
	setIf(&d.Notes, in.Notes)
	setIf(&d.Rationale, in.Rationale)
	setIf(&d.Version, in.Version)
	d.SheetID = c.Params("sheet")
	if err := s.store.SaveDecision(c.UserContext(), &d); err != nil {
		return err
	}
	return c.JSON(decisionOut(d, true))
}
