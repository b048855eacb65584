package web

import (
	"net/url"

	"github.com/gofiber/fiber/v2"
)

// tableCodesRegenerate replaces one of a table's join codes (form field
// "role": facilitator, rapporteur or participant). Whoever joined with the
// old code is out at once, open websockets included.
func (s *Server) tableCodesRegenerate(c *fiber.Ctx) error {
	id, role := c.Params("id"), c.FormValue("role")
	if _, err := s.store.RegenerateTableCode(c.UserContext(), id, role); err != nil {
		return err
	}
	s.closeEndedSockets(c)
	return c.Redirect("/admin/tables/"+url.PathEscape(id)+"/codes?renewed="+url.QueryEscape(role), fiber.StatusSeeOther)
}
