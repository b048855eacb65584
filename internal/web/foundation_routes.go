package web

import (
	"net/url"
	"strconv"

	"github.com/gofiber/fiber/v2"

	"github.com/minka-gob/minka/internal/i18n"
)

// mountFoundation mounts the set-up, registration, check-in and statistics
// pages: the public ones on app, the Secretariat's on admin (already behind
// requireAdmin).
func (s *Server) mountFoundation(app *fiber.App, admin fiber.Router) {
	// Public: registration and aggregate statistics (no names).
	app.Get("/workshops/:id/register", s.registrationShow)
	app.Post("/workshops/:id/register", s.registrationSubmit)
	app.Get("/workshops/:id/register/thanks", s.registrationThanks)
	app.Get("/stats", s.statsProcessShow)
	app.Get("/workshops/:id/stats", s.statsWorkshopShow)

	// Secretariat.
	admin.Get("/process", s.processEdit)
	admin.Post("/process", s.processSave)

	admin.Get("/problems", s.problemList)
	admin.Get("/problems/new", s.problemNew)
	admin.Post("/problems", s.problemCreate)
	admin.Get("/problems/:id/edit", s.problemEdit)
	admin.Post("/problems/:id", s.problemUpdate)

	admin.Get("/profiles", s.profileList)
	admin.Get("/profiles/new", s.profileNew)
	admin.Post("/profiles", s.profileCreate)
	admin.Get("/profiles/:id/edit", s.profileEdit)
	admin.Post("/profiles/:id", s.profileUpdate)

	admin.Get("/workshops", s.workshopList)
	admin.Get("/workshops/new", s.workshopNew)
	admin.Post("/workshops", s.workshopCreate)
	admin.Get("/workshops/:id", s.workshopShow)
	admin.Get("/workshops/:id/edit", s.workshopEdit)
	admin.Post("/workshops/:id", s.workshopUpdate)

	admin.Get("/workshops/:id/tables/new", s.tableNew)
	admin.Post("/workshops/:id/tables", s.tableCreate)
	admin.Get("/tables/:id/edit", s.tableEdit)
	admin.Post("/tables/:id", s.tableUpdate)

	admin.Get("/workshops/:id/participants", s.participantList)
	admin.Get("/import", s.processImportShow)
	admin.Post("/import", s.processImportPreview)
	admin.Post("/import/confirm", s.processImportConfirm)
	admin.Get("/workshops/:id/import", s.importShow)
	admin.Post("/workshops/:id/import", s.importPreview)
	admin.Post("/workshops/:id/import/confirm", s.importConfirm)

	admin.Get("/workshops/:id/checkin", s.checkinDesk)
	admin.Post("/participants/:id/checkin", s.checkinMark)
	admin.Post("/participants/:id/checkin/undo", s.checkinUndo)
}

// mountFoundationAPI mounts the JSON API of the foundation's entities; see docs/API.md.
func (s *Server) mountFoundationAPI(api fiber.Router) {
	api.Get("/process", s.apiProcessGet)
	api.Put("/process", requireAdmin, s.apiProcessUpdate)

	api.Get("/problems", s.apiProblemList)
	api.Post("/problems", requireAdmin, s.apiProblemCreate)
	api.Get("/problems/:id", s.apiProblemGet)
	api.Put("/problems/:id", requireAdmin, s.apiProblemUpdate)

	api.Get("/profiles", s.apiProfileList)
	api.Post("/profiles", requireAdmin, s.apiProfileCreate)
	api.Get("/profiles/:id", s.apiProfileGet)
	api.Put("/profiles/:id", requireAdmin, s.apiProfileUpdate)

	api.Get("/workshops", s.apiWorkshopList)
	api.Post("/workshops", requireAdmin, s.apiWorkshopCreate)
	api.Get("/workshops/:id", s.apiWorkshopGet)
	api.Put("/workshops/:id", requireAdmin, s.apiWorkshopUpdate)

	api.Get("/workshops/:id/tables", s.apiTableList)
	api.Post("/workshops/:id/tables", requireAdmin, s.apiTableCreate)
	api.Get("/tables/:id", s.apiTableGet)
	api.Put("/tables/:id", requireAdmin, s.apiTableUpdate)

	api.Get("/workshops/:id/participants", requireAdmin, s.apiParticipantList)
	api.Post("/workshops/:id/participants", requireAdmin, s.apiParticipantCreate)
	api.Get("/participants/:id", requireAdmin, s.apiParticipantGet)
	api.Post("/participants/:id/checkin", requireAdmin, s.apiCheckin)
	api.Delete("/participants/:id/checkin", requireAdmin, s.apiCheckinUndo)

	api.Get("/stats", s.apiStatsProcess)
	api.Get("/workshops/:id/stats", s.apiStatsWorkshop)
}

// flashes are the confirmations a redirect-after-post may ask for with ?ok=.
var flashes = map[string]string{
	"saved":          "setup.flash.saved",
	"created":        "setup.flash.created",
	"imported":       "participants.flash.imported",
	"checkedin":      "participants.flash.checked_in",
	"undone":         "participants.flash.undone",
	"registered":     "participants.flash.registered",
	"erased":         "security.erase.done",
	"field_revoked":  "field.flash.revoked",
	"field_returned": "field.flash.returned",
}

// flash is the translated confirmation named by ?ok= (and ?n= for a count), or "".
func flash(c *fiber.Ctx) string {
	key, ok := flashes[c.Query("ok")]
	if !ok {
		return ""
	}
	if n := c.Query("n"); n != "" {
		if v, err := strconv.Atoi(n); err == nil {
			return i18n.T(lang(c), key, v)
		}
	}
	if key == "participants.flash.imported" {
		return i18n.T(lang(c), key, 0)
	}
	return i18n.T(lang(c), key)
}

// seeOther redirects after a successful POST, asking the next page to confirm it.
func seeOther(c *fiber.Ctx, path, ok string, extra ...string) error {
	q := url.Values{}
	if ok != "" {
		q.Set("ok", ok)
	}
	for i := 0; i+1 < len(extra); i += 2 {
		if extra[i+1] != "" {
			q.Set(extra[i], extra[i+1])
		}
	}
	if len(q) > 0 {
		path += "?" + q.Encode()
	}
	return c.Redirect(path, fiber.StatusSeeOther)
}
