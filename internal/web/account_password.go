package web

import (
	"github.com/gofiber/fiber/v2"

	"github.com/minka-gob/minka/internal/model"
)

// accountPassword changes the logged-in admin's own password. The current
// password is required, and the account's other sessions end.
func (s *Server) accountPassword(c *fiber.Ctx) error {
	p := principal(c)
	f := model.PasswordChange{Current: c.FormValue("current"), New: c.FormValue("new"), Confirm: c.FormValue("confirm")}
	err := s.store.ChangeAdminPassword(c.UserContext(), p.AdminID, f, p.SessionID)
	if errs, ok := formErrors(err); ok {
		return s.renderAccount(c, fiber.StatusUnprocessableEntity, fiber.Map{"PwErrors": errs})
	}
	if err != nil {
		return err
	}
	s.closeEndedSockets(c)
	return c.Redirect("/admin/account?done=password", fiber.StatusSeeOther)
}
