package web

import (
	"github.com/gofiber/fiber/v2"

	"github.com/minka-gob/minka/internal/model"
)

// adminCreate creates another Secretariat account.
func (s *Server) adminCreate(c *fiber.Ctx) error {
	f := model.NewAdmin{Username: c.FormValue("username"), Password: c.FormValue("password"), Confirm: c.FormValue("confirm")}
	_, err := s.store.AddAdmin(c.UserContext(), f)
	if errs, ok := formErrors(err); ok {
		return s.renderAccount(c, fiber.StatusUnprocessableEntity, fiber.Map{"AdminErrors": errs, "NewUsername": f.Username})
	}
	if err != nil {
		return err
	}
	return c.Redirect("/admin/account?done=admin", fiber.StatusSeeOther)
}
