package web

import (
	"github.com/gofiber/fiber/v2"

	"github.com/minka-gob/minka/internal/i18n"
	"github.com/minka-gob/minka/internal/model"
)

// tableCodeRoles are the roles a table code grants, in the order shown.
var tableCodeRoles = []string{model.RoleFacilitator, model.RoleRapporteur, model.RoleParticipant}

// tableCodesShow shows a table's three join codes, each with a button that
// replaces it (revoking the old one and its sessions).
func (s *Server) tableCodesShow(c *fiber.Ctx) error {
	t, err := s.store.Table(c.UserContext(), c.Params("id"))
	if err != nil {
		return err
	}
	w, err := s.store.Workshop(c.UserContext(), t.WorkshopID)
	if err != nil {
		return err
	}
	codes := []fiber.Map{
		{"Role": model.RoleFacilitator, "Code": t.FacilitatorCode},
		{"Role": model.RoleRapporteur, "Code": t.RapporteurCode},
		{"Role": model.RoleParticipant, "Code": t.ParticipantCode},
	}
	data := fiber.Map{
		"Title":    i18n.T(lang(c), "security.codes_title", t.Number),
		"Table":    t,
		"Workshop": &w,
		"Codes":    codes,
	}
	if r := c.Query("renewed"); r != "" {
		for _, role := range tableCodeRoles {
			if r == role {
				data["Notice"] = i18n.T(lang(c), "security.code_renewed", i18n.T(lang(c), "role."+role))
			}
		}
	}
	return s.render(c, fiber.StatusOK, "security/codes", data)
}
