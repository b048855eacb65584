package web

import (
	"time"

	"github.com/gofiber/fiber/v2"

	"github.com/minka-gob/minka/internal/i18n"
	"github.com/minka-gob/minka/internal/model"
)

// liveWorkshop is a workshop with its tables and its room screen, for the
// control room.
type liveWorkshop struct {
	Workshop model.Workshop
	Tables   []model.Table
	Screen   model.Screen
	Today    bool
}

// liveAdminIndex is the Secretariat's control room for the workshop day:
// today's workshop first; for every workshop its room screen (the
// projector's link and code, the view it shows, the room timer), the
// plenary, the survey and the review; for every table its join codes and its
// three screens.
func (s *Server) liveAdminIndex(c *fiber.Ctx) error {
	ws, err := s.store.Workshops(c.UserContext())
	if err != nil {
		return err
	}
	today := time.Now().Format("2006-01-02")
	var out []liveWorkshop
	for _, w := range model.WorkshopsForDay(ws, today) {
		ts, err := s.store.Tables(c.UserContext(), w.ID)
		if err != nil {
			return err
		}
		sc, err := s.store.Screen(c.UserContext(), w.ID)
		if err != nil {
			return err
		}
		out = append(out, liveWorkshop{Workshop: w, Tables: ts, Screen: sc, Today: w.Date == today})
	}
	errMsg := ""
	switch c.Query("screen_error") {
	case "timer", "minutes", "table", "view":
		errMsg = i18n.T(lang(c), "live.control.error."+c.Query("screen_error"))
	}
	return s.render(c, fiber.StatusOK, "live/admin_index", fiber.Map{
		"Title":       i18n.T(lang(c), "live.admin.title"),
		"Workshops":   out,
		"Views":       model.ScreenViews,
		"Base":        s.joinBaseURL(c),
		"ScreenError": errMsg,
	})
}
