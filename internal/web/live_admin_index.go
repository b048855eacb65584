package web

import (
	"time"

	"github.com/gofiber/fiber/v2"

	"github.com/minka-gob/minka/internal/i18n"
	"github.com/minka-gob/minka/internal/liveproto"
	"github.com/minka-gob/minka/internal/model"
)

// liveWorkshop is a workshop with its tables and its room screen, for the
// control room.
type liveWorkshop struct {
	Workshop model.Workshop
	Tables   []model.Table
	Health   []tableHealth
	Screen   model.Screen
	Today    bool
}

// tableHealth is how a table is doing, for the control room: its phase and
// counts, whether its rapporteur is connected now, and when it last changed.
type tableHealth struct {
	model.PlenaryTable
	Rapporteur   bool // the rapporteur's screen is connected to the table
	People       int  // people connected to the table (each once)
	LastActivity *time.Time
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
		health, err := s.tablesHealth(c, w.ID)
		if err != nil {
			return err
		}
		out = append(out, liveWorkshop{Workshop: w, Tables: ts, Health: health, Screen: sc, Today: w.Date == today})
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

// tablesHealth reads each table's phase, counts, presence and last activity.
func (s *Server) tablesHealth(c *fiber.Ctx, workshopID string) ([]tableHealth, error) {
	p, err := s.store.Plenary(c.UserContext(), workshopID)
	if err != nil {
		return nil, err
	}
	last, err := s.store.LastActivity(c.UserContext(), workshopID)
	if err != nil {
		return nil, err
	}
	var out []tableHealth
	for _, t := range p.Tables {
		h := tableHealth{PlenaryTable: t}
		if roles, ok := s.live.Presence(liveproto.TableRoom(t.ID)); ok {
			h.Rapporteur = roles[model.RoleRapporteur] > 0
			for _, n := range roles {
				h.People += n
			}
		}
		if at, ok := last[t.ID]; ok {
			h.LastActivity = &at
		}
		out = append(out, h)
	}
	return out, nil
}
