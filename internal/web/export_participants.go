package web

import (
	"bytes"
	"time"

	"github.com/gofiber/fiber/v2"

	"github.com/minka-gob/minka/internal/export"
	"github.com/minka-gob/minka/internal/model"
)

// exportParticipantsCSV sends the participant list (with personal data, for
// the Secretariat) as CSV, of one workshop or of all. Every field is
// neutralized against formula injection (csvsafe).
func (s *Server) exportParticipantsCSV(c *fiber.Ctx) error {
	form := model.ExportRequest{WorkshopID: c.Query("workshop")}
	form.Normalize()
	if err := form.Validate(); err != nil {
		return err
	}
	label := ""
	if form.WorkshopID != "" {
		w, err := s.store.Workshop(c.UserContext(), form.WorkshopID)
		if err != nil {
			return err
		}
		label = w.Label()
	}
	ps, err := s.store.ReportParticipants(c.UserContext(), form.WorkshopID)
	if err != nil {
		return err
	}
	var buf bytes.Buffer
	if err := export.WriteParticipantsCSV(&buf, ps, lang(c)); err != nil {
		return err
	}
	c.Attachment(export.ParticipantsFileName(label, lang(c), time.Now()))
	c.Set(fiber.HeaderContentType, "text/csv; charset=utf-8")
	c.Set(fiber.HeaderCacheControl, "no-store")
	return c.Send(buf.Bytes())
}
