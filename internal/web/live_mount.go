package web

import (
	"encoding/json"
	"strings"

	"github.com/gofiber/fiber/v2"

	"github.com/minka-gob/minka/internal/i18n"
	"github.com/minka-gob/minka/internal/live"
	"github.com/minka-gob/minka/internal/model"
)

// mountLive mounts the live co-creation tables: the websocket, the table
// screens (rapporteur, facilitator, participant), the plenary screen, photo
// uploads, join QR codes, the satisfaction survey and the After Action Review.
func (s *Server) mountLive(app *fiber.App) {
	s.live = live.NewServer(s.store, live.Options{Hub: live.HubOptions{Logger: s.log}})
	if s.cfg.UploadsDir == "" {
		s.cfg.UploadsDir = "db/uploads"
	}

	app.Get("/ws", s.liveSocket)
	app.Get("/tables/:id", s.tableShow)
	app.Get("/tables/:id/rapporteur", s.rapporteurShow)
	app.Get("/tables/:id/facilitator", s.facilitatorShow)
	app.Post("/tables/:id/prototypes/:pid/photo", s.prototypePhotoUpload)
	app.Get("/uploads/:name", s.uploadShow)
	app.Get("/workshops/:id/plenary", s.plenaryShow)
	// The room screen (projector): its code is its key, no session.
	app.Get("/screen/:code", s.LimitTokenLink, s.screenShow)
	app.Get("/screen/:code/state", s.LimitTokenLink, s.screenStateJSON)
	app.Get("/screen/:code/qr/:target", s.LimitTokenLink, s.screenQR)
	app.Get("/workshops/:id/survey", s.surveyShow)
	app.Post("/workshops/:id/survey", s.surveySubmit)

	app.Get("/admin/live", requireAdmin, s.liveAdminIndex)
	app.Get("/admin/tables/:id/codes", requireAdmin, s.tableCodesShow)
	app.Get("/admin/tables/:id/codes/print", requireAdmin, s.tableCodesPrint)
	app.Get("/admin/tables/:id/qr/:role", requireAdmin, s.tableCodeQR)
	app.Get("/admin/workshops/:id/survey", requireAdmin, s.surveyResults)
	app.Get("/admin/workshops/:id/survey/qr", requireAdmin, s.surveyQR)
	app.Get("/admin/workshops/:id/aar", requireAdmin, s.aarShow)
	app.Post("/admin/workshops/:id/screen", requireAdmin, s.screenControl)
	app.Get("/admin/workshops/:id/codes/print", requireAdmin, s.workshopCodesPrint)
	app.Post("/admin/workshops/:id/aar", requireAdmin, s.aarSave)
}

// mountLiveAPI mounts the JSON API of the live data (called from mountAPI).
func (s *Server) mountLiveAPI(api fiber.Router) {
	api.Get("/tables/:id/record", s.apiTableRecord)
	api.Get("/workshops/:id/ideas-by-principle", s.apiIdeasByPrinciple)
	api.Get("/workshops/:id/plenary", s.apiPlenary)
	api.Get("/workshops/:id/survey", requireAdmin, s.apiSurveySummary)
}

// CloseLive drops every websocket client and closes the live rooms.
func (s *Server) CloseLive() {
	if s.live != nil {
		s.live.Close()
	}
}

// requireTableReader lets through the table's own facilitator, rapporteur and
// participants and the Secretariat. The public is sent to join the table.
func requireTableReader(c *fiber.Ctx, tableID string) error {
	p := principal(c)
	if live.CanReadTable(p, tableID) {
		return nil
	}
	if p.Role == "" {
		return model.Forbidden("live.error.join_first")
	}
	return model.Forbidden("live.error.forbidden_room")
}

// canReadWorkshop: the Secretariat, and anyone seated at one of its tables.
func (s *Server) canReadWorkshop(c *fiber.Ctx, workshopID string) error {
	p := principal(c)
	if p.IsAdmin() {
		return nil
	}
	if p.TableID != "" {
		t, err := s.store.TableInfo(c.UserContext(), p.TableID)
		if err == nil && t.WorkshopID == workshopID {
			return nil
		}
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
