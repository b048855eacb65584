package web

import (
	"github.com/gofiber/fiber/v2"

	"github.com/minka-gob/minka/internal/i18n"
	"github.com/minka-gob/minka/internal/model"
)

// accountShow is the Secretariat's account page: change one's own password,
// see the accounts and create another.
func (s *Server) accountShow(c *fiber.Ctx) error {
	return s.renderAccount(c, fiber.StatusOK, fiber.Map{"Done": c.Query("done")})
}

// renderAccount shows the account page with data (form errors, values).
func (s *Server) renderAccount(c *fiber.Ctx, status int, data fiber.Map) error {
	admins, err := s.store.Admins(c.UserContext())
	if err != nil {
		return err
	}
	me := ""
	for _, a := range admins {
		if a.ID == principal(c).AdminID {
			me = a.Username
		}
	}
	data["Title"] = i18n.T(lang(c), "security.account_title")
	data["Admins"] = admins
	data["Username"] = me
	for _, k := range []string{"PwErrors", "AdminErrors"} {
		if _, ok := data[k]; !ok {
			data[k] = model.FieldErrors{}
		}
	}
	switch data["Done"] {
	case "password":
		data["Notice"] = i18n.T(lang(c), "security.password_changed")
	case "admin":
		data["Notice"] = i18n.T(lang(c), "security.admin_created")
	}
	return s.render(c, status, "security/account", data)
}
