package web

import (
	"encoding/json"
	"strings"

	"github.com/gofiber/fiber/v2"

	"github.com/minka-gob/minka/internal/i18n"
	"github.com/minka-gob/minka/internal/model"
)

// CloseLive drops every websocket client and closes the live rooms.
func (s *Server) CloseLive() {
	if s.live != nil {
		s.live.Close()
	}
}

// requireTableReader lets through whom model.Principal.CanReadTable allows.
// The public is told to join the table first.
func requireTableReader(c *fiber.Ctx, tableID string) error {
	p := principal(c)
	if p.CanReadTable(tableID) {
		return nil
	}
	if p.Role == "" {
		return model.Forbidden("live.error.join_first")
	}
	return model.Forbidden("live.error.forbidden_room")
}

// canReadWorkshop lets through whom model.Principal.CanReadWorkshop allows.
func (s *Server) canReadWorkshop(c *fiber.Ctx, workshopID string) error {
	p := principal(c)
	if p.CanReadWorkshop(workshopID, s.store.SeatWorkshop(c.UserContext(), p)) {
		return nil
	}
	if p.Role == "" {
		return model.Forbidden("live.error.join_first")
	}
	return model.Forbidden("live.error.forbidden_room")
}

// liveStrings are the translated strings the live screens' JavaScript needs,
// as JSON for a data- attribute (no inline script under the CSP).
func liveStrings(lang string) string {
	m := map[string]string{}
	for _, k := range i18n.Keys(lang) {
		if hasAnyPrefix(k, "live.", "phase.", "principle.", "role.", "scale.", "action.") {
			m[k] = i18n.T(lang, k)
		}
	}
	b, _ := json.Marshal(m)
	return string(b)
}

func hasAnyPrefix(s string, prefixes ...string) bool {
	for _, p := range prefixes {
		if strings.HasPrefix(s, p) {
			return true
		}
	}
	return false
}
