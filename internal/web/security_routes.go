package web

import "github.com/gofiber/fiber/v2"

// mountSecurity mounts the Secretariat's security and data pages under
// /admin (the group already requires an admin): the audit log, backups,
// accounts, table join codes and the erasure of a participant's data.
func (s *Server) mountSecurity(admin fiber.Router) {
	admin.Get("/security", s.securityShow)
	admin.Get("/audit", s.auditList)
	admin.Get("/audit/export", s.auditExport)
	admin.Post("/backup", s.backupDownload)
	admin.Get("/account", s.accountShow)
	admin.Post("/account/password", s.accountPassword)
	admin.Post("/admins", s.adminCreate)
	admin.Post("/tables/:id/codes/regenerate", s.tableCodesRegenerate)
	admin.Get("/participants/:id/erase", s.participantEraseConfirm)
	admin.Post("/participants/:id/erase", s.participantErase)
}
