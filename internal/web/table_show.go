package web

import (
	"github.com/gofiber/fiber/v2"

	"github.com/minka-gob/minka/internal/i18n"
	"github.com/minka-gob/minka/internal/liveproto"
	"github.com/minka-gob/minka/internal/model"
)

// tableShow is the participant's view of a table: its live record, the
// phase and timer, and rating ideas in the prioritize phase.
func (s *Server) tableShow(c *fiber.Ctx) error {
	return s.tableScreen(c, "live/participant", "live.participant.title", model.Principal.CanReadTable)
}

// tableScreen renders one of a table's live screens to those allowed; the
// public is sent to join the table with its code first.
func (s *Server) tableScreen(c *fiber.Ctx, page, titleKey string, allowed func(model.Principal, string) bool) error {
	id := c.Params("id")
	t, err := s.store.TableInfo(c.UserContext(), id)
	if err != nil {
		return err
	}
	p := principal(c)
	if !allowed(p, id) {
		if p.Role == "" {
			return c.Redirect("/join", fiber.StatusSeeOther)
		}
		return model.Forbidden("live.error.forbidden_room")
	}
	w, err := s.store.Workshop(c.UserContext(), t.WorkshopID)
	if err != nil {
		return err
	}
	l := lang(c)
	return s.render(c, fiber.StatusOK, page, fiber.Map{
		"Title":      i18n.T(l, titleKey, t.Number),
		"Table":      t,
		"Workshop":   &w,
		"Room":       liveproto.TableRoom(id),
		"Strings":    liveStrings(l),
		"Phases":     model.Phases,
		"Principles": model.Principles,
		"NoteKinds":  model.ProfileNoteKinds,
		"FeedKinds":  model.FeedbackKinds,
		"CanWrite":   p.CanWriteTable(id),
	})
}
