package web

import (
	"github.com/gofiber/fiber/v2"
)

// mountExports mounts the Excel and CSV exports: the Secretariat's export
// page under /admin/exports, and the public workbook anyone may download.
func (s *Server) mountExports(app *fiber.App) {
	admin := app.Group("/admin/exports", requireAdmin)
	admin.Get("/", s.exportShow)
	admin.Post("/", s.exportCreate)
	admin.Get("/files/:name", s.exportDownload)
	admin.Get("/participants.csv", s.exportParticipantsCSV)
	app.Get("/exports/public.xlsx", s.exportPublic)
}
