package web

import (
	"github.com/gofiber/fiber/v2"

	"github.com/minka-gob/minka/internal/model"
)

type tableInput struct {
	Number      *int    `json:"number"`
	ProblemID   *string `json:"problem_id"`
	ProfileID   *string `json:"profile_id"`
	Facilitator *string `json:"facilitator"`
	Rapporteur  *string `json:"rapporteur"`
}

func (in tableInput) apply(t *model.Table) {
	setIf(&t.Number, in.Number)
	setIf(&t.ProblemID, in.ProblemID)
	setIf(&t.ProfileID, in.ProfileID)
	setIf(&t.Facilitator, in.Facilitator)
	setIf(&t.Rapporteur, in.Rapporteur)
}

// apiTable is a table as the API shows it. The join codes and the names of
// the facilitator and rapporteur are for the Secretariat only.
type apiTable struct {
	model.Table
	Codes *tableCodes `json:"codes,omitempty"`
}

type tableCodes struct {
	Facilitator string `json:"facilitator"`
	Rapporteur  string `json:"rapporteur"`
	Participant string `json:"participant"`
}

func tableView(c *fiber.Ctx, t model.Table) apiTable {
	if !principal(c).IsAdmin() {
		t.Facilitator, t.Rapporteur = "", ""
		return apiTable{Table: t}
	}
	return apiTable{Table: t, Codes: &tableCodes{Facilitator: t.FacilitatorCode, Rapporteur: t.RapporteurCode, Participant: t.ParticipantCode}}
}

// apiTableList lists a workshop's tables by number.
func (s *Server) apiTableList(c *fiber.Ctx) error {
	w, err := s.store.Workshop(c.UserContext(), c.Params("id"))
	if err != nil {
		return err
	}
	ts, err := s.store.Tables(c.UserContext(), w.ID)
	if err != nil {
		return err
	}
	out := make([]apiTable, len(ts))
	for i, t := range ts {
		out[i] = tableView(c, t)
	}
	return c.JSON(out)
}

// apiTableGet returns one table.
func (s *Server) apiTableGet(c *fiber.Ctx) error {
	t, err := s.store.Table(c.UserContext(), c.Params("id"))
	if err != nil {
		return err
	}
	return c.JSON(tableView(c, t))
}

// apiTableCreate adds a table to a workshop (admin).
func (s *Server) apiTableCreate(c *fiber.Ctx) error {
	w, err := s.store.Workshop(c.UserContext(), c.Params("id"))
	if err != nil {
		return err
	}
	var in tableInput
	if err := readJSON(c, &in); err != nil {
		return err
	}
	t := model.Table{WorkshopID: w.ID}
	in.apply(&t)
	if err := s.store.CreateTable(c.UserContext(), &t); err != nil {
		return err
	}
	return created(c, tableView(c, t))
}

// apiTableUpdate changes a table (admin); fields left out keep their value.
func (s *Server) apiTableUpdate(c *fiber.Ctx) error {
	t, err := s.store.Table(c.UserContext(), c.Params("id"))
	if err != nil {
		return err
	}
	var in tableInput
	if err := readJSON(c, &in); err != nil {
		return err
	}
	in.apply(&t)
	if err := s.store.UpdateTable(c.UserContext(), &t); err != nil {
		return err
	}
	return c.JSON(tableView(c, t))
}
