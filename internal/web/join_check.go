package web

import (
	"github.com/gofiber/fiber/v2"

	"github.com/minka-gob/minka/internal/i18n"
	"github.com/minka-gob/minka/internal/model"
)

// joinCheck turns a valid table code into a session with the role the code
// grants, then opens that role's screen for the table.
func (s *Server) joinCheck(c *fiber.Ctx) error {
	code := c.FormValue("code")
	t, role, err := s.store.TableByCode(c.UserContext(), code)
	if model.KindOf(err) == model.KindNotFound {
		// A room screen's code typed on the projector's laptop opens the
		// screen (read-only, no session).
		if sc, serr := s.store.ScreenByCode(c.UserContext(), code); serr == nil {
			return c.Redirect("/screen/"+sc.Code, fiber.StatusSeeOther)
		}
		return s.render(c, fiber.StatusUnprocessableEntity, "join", fiber.Map{
			"Title":  i18n.T(lang(c), "join.title"),
			"Code":   code,
			"Errors": model.FieldErrors{"code": {Key: "error.code_not_found"}},
		})
	}
	if err != nil {
		return err
	}
	sess := model.Session{Role: role, TableID: t.ID, JoinCode: code}
	switch role {
	case model.RoleFacilitator:
		sess.JoinCode = t.FacilitatorCode
	case model.RoleRapporteur:
		sess.JoinCode = t.RapporteurCode
	default:
		sess.JoinCode = t.ParticipantCode
	}
	if err := s.startSession(c, sess); err != nil {
		return err
	}
	s.ensureDevice(c)
	return c.Redirect(tableScreenURL(role, t.ID), fiber.StatusSeeOther)
}

// tableScreenURL is the screen each table role works on.
func tableScreenURL(role, tableID string) string {
	switch role {
	case model.RoleFacilitator:
		return "/tables/" + tableID + "/facilitator"
	case model.RoleRapporteur:
		return "/tables/" + tableID + "/rapporteur"
	default:
		return "/tables/" + tableID
	}
}
