package web

import (
	"github.com/gofiber/fiber/v2"

	"github.com/minka-gob/minka/internal/model"
)

type participantInput struct {
	Name         string `json:"name"`
	Gender       string `json:"gender"`
	Sector       string `json:"sector"`
	Organization string `json:"organization"`
	Email        string `json:"email"`
	Phone        string `json:"phone"`
	Consent      bool   `json:"consent"`
}

// apiParticipantList lists a workshop's participants, ?q= to search (admin: personal data).
func (s *Server) apiParticipantList(c *fiber.Ctx) error {
	w, err := s.store.Workshop(c.UserContext(), c.Params("id"))
	if err != nil {
		return err
	}
	ps, err := s.store.Participants(c.UserContext(), w.ID, c.Query("q"))
	if err != nil {
		return err
	}
	if ps == nil {
		ps = []model.Participant{}
	}
	return c.JSON(ps)
}

// apiParticipantCreate registers a person for a workshop (admin; allowed on
// a closed workshop, e.g. a late correction).
func (s *Server) apiParticipantCreate(c *fiber.Ctx) error {
	w, err := s.store.Workshop(c.UserContext(), c.Params("id"))
	if err != nil {
		return err
	}
	var in participantInput
	if err := readJSON(c, &in); err != nil {
		return err
	}
	p := model.Participant{WorkshopID: w.ID, Name: in.Name, Gender: in.Gender, Sector: in.Sector,
		Organization: in.Organization, Email: in.Email, Phone: in.Phone, Consent: in.Consent, Source: model.SourceAPI}
	if err := s.store.CreateParticipant(c.UserContext(), &p); err != nil {
		return err
	}
	return created(c, p)
}

// apiParticipantGet returns one participant (admin).
func (s *Server) apiParticipantGet(c *fiber.Ctx) error {
	p, err := s.store.Participant(c.UserContext(), c.Params("id"))
	if err != nil {
		return err
	}
	return c.JSON(p)
}

type checkinInput struct {
	TableID string `json:"table_id"`
}

// apiCheckin marks a participant present and seats them at table_id (admin).
func (s *Server) apiCheckin(c *fiber.Ctx) error {
	var in checkinInput
	if err := readJSON(c, &in); err != nil {
		return err
	}
	p, err := s.store.CheckIn(c.UserContext(), c.Params("id"), in.TableID)
	if err != nil {
		return err
	}
	return c.JSON(p)
}

// apiCheckinUndo clears a participant's attendance and seat (admin).
func (s *Server) apiCheckinUndo(c *fiber.Ctx) error {
	p, err := s.store.UndoCheckIn(c.UserContext(), c.Params("id"))
	if err != nil {
		return err
	}
	return c.JSON(p)
}
